/**
 * Decodes the images a scan collected, in the extension (never in a page canvas): DOM candidates first,
 * each at its own resolution; then the screenshot, cropped to each candidate's rectangle, then whole.
 */
import type { ScanTabResult } from '../messaging';
import type { RgbaImage } from '../qr/image';
import { cropImageData } from '../qr/crop';

export interface QrTextFinderDeps {
  rasterize(dataUrl: string): Promise<RgbaImage>;
  decode(image: RgbaImage): string | null;
}

export async function findQrTexts(scan: ScanTabResult, deps: QrTextFinderDeps): Promise<string[]> {
  const { sources, cropRects, devicePixelRatio } = scan;
  const texts: string[] = [];
  const found = (text: string | null) => {
    if (text !== null && !texts.includes(text)) texts.push(text);
  };
  const domSources = sources.filter((s) => !s.screenshot);
  for (const source of domSources) {
    const image = await deps.rasterize(source.dataUrl).catch(() => null);
    if (image) found(deps.decode(image));
  }
  for (const shot of sources.filter((s) => s.screenshot)) {
    const image = await deps.rasterize(shot.dataUrl).catch(() => null);
    if (!image) continue;
    const before = texts.length;
    const rects = [...cropRects, ...domSources.filter((s) => s.frameId === 0).map((s) => s.rect)];
    for (const rect of rects.filter((r) => r.width > 0 && r.height > 0)) {
      const crop = cropImageData(image, rect, devicePixelRatio);
      if (crop) found(deps.decode(crop));
    }
    // why: jsQR on a whole 1280×800 screenshot is slower; only when no crop gave a new code.
    if (texts.length === before) found(deps.decode(image));
  }
  return texts;
}
