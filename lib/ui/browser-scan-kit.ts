/**
 * The scan kit wired to the popup's own browser APIs. Imported only with a dynamic `import()` (see
 * entrypoints/popup/main.tsx) so jsQR and the Public Suffix List load when the user scans, not on open.
 * Decoding runs here, in the extension page, never in a canvas attached to the scanned page. The Public
 * Suffix List is read from its packaged file when the kit is made.
 */
import { browser } from 'wxt/browser';
import { decodeQrFromImageData } from '../qr/decode';
import { rasterizeDataUrl, svgAwareImageBitmapFactory, type RasterizeDeps } from '../qr/rasterize';
import { createScanKit, type ScanKit } from './scan-kit';
import { fetchPackagedFile, loadPublicSuffixes } from '../sites/public-suffixes';

/** Rejects when the Public Suffix List file cannot be read: the scan then offers no sites (fails closed). */
export async function createBrowserScanKit(doc: Document = document): Promise<ScanKit> {
  const suffixes = await loadPublicSuffixes(
    fetchPackagedFile((path) => (browser.runtime.getURL as (path: string) => string)(`/${path}`)),
  );
  const rasterDeps: RasterizeDeps = {
    createImageBitmap: svgAwareImageBitmapFactory(doc, (source) => createImageBitmap(source)),
    // why: the DOM's OffscreenCanvas context types its drawImage/getImageData more widely than CanvasLike.
    OffscreenCanvas: OffscreenCanvas as unknown as RasterizeDeps['OffscreenCanvas'],
  };
  return createScanKit(
    {
      rasterize: (dataUrl) => rasterizeDataUrl(dataUrl, rasterDeps),
      decode: decodeQrFromImageData,
    },
    suffixes,
  );
}
