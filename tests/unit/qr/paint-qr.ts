/** Test helper: paints a QR code's module matrix into an RGBA buffer, the way a page or screenshot would. */
import QRCode from 'qrcode';
import { createRgbaImage, downscaleToFit, type RgbaImage } from '../../../lib/qr/image';

export interface PaintOptions {
  /** Pixels per module. */
  scale?: number;
  /** Quiet zone in modules (the standard asks for 4). */
  margin?: number;
  inverted?: boolean;
  /** Grey levels for dark and light modules, before inversion. */
  dark?: number;
  light?: number;
}

export function paintQr(text: string, options: PaintOptions = {}): RgbaImage {
  const { scale = 4, margin = 4, inverted = false, dark = 0, light = 255 } = options;
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const side = (size + 2 * margin) * scale;
  const [darkLevel, lightLevel] = inverted ? [light, dark] : [dark, light];
  const image = createRgbaImage(side, side, lightLevel);
  for (let i = 3; i < image.data.length; i += 4) image.data[i] = 255;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!data[row * size + col]) continue;
      for (let y = 0; y < scale; y++) {
        for (let x = 0; x < scale; x++) {
          const offset = (((row + margin) * scale + y) * side + (col + margin) * scale + x) * 4;
          image.data[offset] = darkLevel;
          image.data[offset + 1] = darkLevel;
          image.data[offset + 2] = darkLevel;
        }
      }
    }
  }
  return image;
}

/** Places `inner` on a larger canvas of one grey level, at (left, top). */
export function placeOn(
  inner: RgbaImage,
  width: number,
  height: number,
  left: number,
  top: number,
  level = 255,
): RgbaImage {
  const outer = createRgbaImage(width, height, level);
  for (let i = 3; i < outer.data.length; i += 4) outer.data[i] = 255;
  for (let y = 0; y < inner.height; y++) {
    const from = y * inner.width * 4;
    outer.data.set(inner.data.subarray(from, from + inner.width * 4), ((top + y) * width + left) * 4);
  }
  return outer;
}

/** A code as a browser shows it at `side` CSS pixels: drawn large, then box-filtered (anti-aliased) down. */
export function renderQrAt(text: string, side: number, options: Omit<PaintOptions, 'scale'> = {}): RgbaImage {
  return downscaleToFit(paintQr(text, { ...options, scale: 10 }), side);
}
