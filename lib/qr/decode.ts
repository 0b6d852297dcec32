/**
 * QR decoding over raw pixels with jsQR, runnable in any extension context (background, offscreen
 * document, popup) and in Node tests. It never touches a page: callers hand it pixels.
 *
 * jsQR alone misses codes that real consoles show: cropped without a quiet zone, light-on-dark, tiny
 * (~100 px, 2–3 px per module), huge screenshots, anti-aliased or low-contrast renderings. So it is tried on
 * a short list of variants, cheapest and most likely first, and stops at the first success.
 */
import jsQR from 'jsqr';
import {
  downscaleToFit,
  invertImage,
  padImage,
  thresholdImage,
  upscaleBilinear,
  upscaleNearest,
  type RgbaImage,
} from './image';

export type { RgbaImage } from './image';

/** Longer side above which an image is first tried downscaled (jsQR time grows with the area). */
const LARGE_SIDE = 1200;
const DOWNSCALED_SIDE = 800;
/** Longer side at or below which nearest-neighbour upscaling is tried. */
const SMALL_SIDE = 160;
/** Images beyond this are refused outright: nothing on a page needs more, and it bounds the work. */
const MAX_PIXELS = 40_000_000;

export interface DecodeAttempt {
  name: string;
  build: () => RgbaImage;
}

function quietZone(image: RgbaImage): number {
  return Math.max(8, Math.round(Math.min(image.width, image.height) / 10));
}

/** The variants tried, in order. Exported so tests can check which one finds a given code. */
export function decodeAttempts(image: RgbaImage): DecodeAttempt[] {
  const longer = Math.max(image.width, image.height);
  const attempts: DecodeAttempt[] = [];
  const base = longer > LARGE_SIDE ? () => downscaleToFit(image, DOWNSCALED_SIDE) : () => image;
  if (longer > LARGE_SIDE) attempts.push({ name: 'downscaled', build: base });
  attempts.push({ name: 'original', build: () => image });
  for (const polarity of ['normal', 'inverted'] as const) {
    const oriented = polarity === 'normal' ? base : () => invertImage(base());
    attempts.push({ name: `${polarity}+quiet-zone`, build: () => padImage(oriented(), quietZone(image)) });
    if (longer <= SMALL_SIDE) {
      for (const factor of [2, 3]) {
        attempts.push({
          name: `${polarity}+upscaled-x${factor}`,
          build: () => {
            const upscaled = upscaleNearest(oriented(), factor);
            return padImage(upscaled, quietZone(upscaled));
          },
        });
      }
    }
    if (longer <= SMALL_SIDE) {
      attempts.push({
        name: `${polarity}+smooth-x4+threshold`,
        build: () => {
          const binary = thresholdImage(upscaleBilinear(oriented(), 4));
          return padImage(binary, quietZone(binary));
        },
      });
    }
    attempts.push({
      name: `${polarity}+threshold`,
      build: () => {
        const binary = thresholdImage(oriented());
        return padImage(binary, quietZone(binary));
      },
    });
  }
  return attempts;
}

export interface DecodeResult {
  text: string;
  /** Name of the attempt that succeeded, for diagnostics. */
  attempt: string;
}

function isUsableImage(image: RgbaImage): boolean {
  return (
    Number.isInteger(image.width) &&
    Number.isInteger(image.height) &&
    image.width > 0 &&
    image.height > 0 &&
    image.width * image.height <= MAX_PIXELS &&
    image.data.length === image.width * image.height * 4
  );
}

/** Like `decodeQrFromImageData`, also saying which attempt worked. */
export function decodeQrWithDetails(image: RgbaImage): DecodeResult | null {
  if (!isUsableImage(image)) return null;
  for (const attempt of decodeAttempts(image)) {
    const pixels = attempt.build();
    // why: the first (cheapest) attempts also let jsQR try the inverted image itself.
    const inversionAttempts =
      attempt.name === 'original' || attempt.name === 'downscaled' ? 'attemptBoth' : 'dontInvert';
    const found = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts });
    if (found && found.data !== '') return { text: found.data, attempt: attempt.name };
  }
  return null;
}

/** The text of the first QR code found in the image, or null. */
export function decodeQrFromImageData(image: RgbaImage): string | null {
  return decodeQrWithDetails(image)?.text ?? null;
}
