/**
 * The scan kit wired to the popup's own browser APIs. Imported only with a dynamic `import()` (see
 * entrypoints/popup/main.tsx) so jsQR and the Public Suffix List load when the user scans, not on open.
 * Decoding runs here, in the extension page, never in a canvas attached to the scanned page.
 */
import { decodeQrFromImageData } from '../qr/decode';
import { rasterizeDataUrl, svgAwareImageBitmapFactory, type RasterizeDeps } from '../qr/rasterize';
import { createScanKit, type ScanKit } from './scan-kit';

export function createBrowserScanKit(doc: Document = document): ScanKit {
  const rasterDeps: RasterizeDeps = {
    createImageBitmap: svgAwareImageBitmapFactory(doc, (source) => createImageBitmap(source)),
    // why: the DOM's OffscreenCanvas context types its drawImage/getImageData more widely than CanvasLike.
    OffscreenCanvas: OffscreenCanvas as unknown as RasterizeDeps['OffscreenCanvas'],
  };
  return createScanKit({
    rasterize: (dataUrl) => rasterizeDataUrl(dataUrl, rasterDeps),
    decode: decodeQrFromImageData,
  });
}
