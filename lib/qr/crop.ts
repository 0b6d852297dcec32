/**
 * Cropping a tab screenshot (`captureVisibleTab`, device pixels) to one candidate's rectangle (CSS pixels,
 * relative to the viewport), with a margin so a tightly placed code keeps some quiet zone.
 */
import type { RgbaImage } from './image';

export interface CssRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Margin added on every side, in CSS pixels. */
export const DEFAULT_CROP_MARGIN = 16;

/**
 * The part of `image` under `rect` (plus `margin` CSS px), scaled by `devicePixelRatio`, clamped to the
 * image. Returns null when nothing of the rectangle is inside the screenshot.
 */
export function cropImageData(
  image: RgbaImage,
  rect: CssRect,
  devicePixelRatio: number,
  margin = DEFAULT_CROP_MARGIN,
): RgbaImage | null {
  const ratio = Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? devicePixelRatio : 1;
  const left = Math.max(0, Math.floor((rect.x - margin) * ratio));
  const top = Math.max(0, Math.floor((rect.y - margin) * ratio));
  const right = Math.min(image.width, Math.ceil((rect.x + rect.width + margin) * ratio));
  const bottom = Math.min(image.height, Math.ceil((rect.y + rect.height + margin) * ratio));
  const width = right - left;
  const height = bottom - top;
  if (!(width > 0 && height > 0)) return null;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((top + row) * image.width + left) * 4;
    data.set(image.data.subarray(from, from + width * 4), row * width * 4);
  }
  return { data, width, height };
}
