/**
 * Decodes the images a scan collected, in the extension (never in a page canvas): DOM candidates first,
 * each at its own resolution; then the screenshot, cropped to each candidate's rectangle, then whole.
 * Each text keeps the origin of the frame that supplied it (the first one, when several showed it).
 */
import type { ScanTabResult } from '../messaging';
import type { RgbaImage } from '../qr/image';
import { cropImageData } from '../qr/crop';

export interface QrTextFinderDeps {
  rasterize(dataUrl: string): Promise<RgbaImage>;
  decode(image: RgbaImage): string | null;
}

/** A decoded QR text and the origin of the frame that showed it (see QrSource.origin). */
export interface QrText {
  text: string;
  origin: string | null;
}

export async function findQrTexts(scan: ScanTabResult, deps: QrTextFinderDeps): Promise<QrText[]> {
  const { sources, cropRects, devicePixelRatio } = scan;
  const texts: QrText[] = [];
  const found = (text: string | null, origin: string | null) => {
    if (text !== null && !texts.some((t) => t.text === text)) texts.push({ text, origin });
  };
  const domSources = sources.filter((s) => !s.screenshot);
  for (const source of domSources) {
    const image = await deps.rasterize(source.dataUrl).catch(() => null);
    if (image) found(deps.decode(image), source.origin);
  }
  for (const shot of sources.filter((s) => s.screenshot)) {
    const image = await deps.rasterize(shot.dataUrl).catch(() => null);
    if (!image) continue;
    const before = texts.length;
    const rects = [...cropRects, ...domSources.filter((s) => s.frameId === 0).map((s) => s.rect)];
    for (const rect of rects.filter((r) => r.width > 0 && r.height > 0)) {
      const crop = cropImageData(image, rect, devicePixelRatio);
      if (crop) found(deps.decode(crop), shot.origin);
    }
    // why: jsQR on a whole 1280×800 screenshot is slower; only when no crop gave a new code.
    if (texts.length === before) found(deps.decode(image), shot.origin);
  }
  return texts;
}
