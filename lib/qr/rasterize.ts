/**
 * Extension side: turns an image the content script sent as a data URL (an <img> data URL, a same-origin
 * image fetched as a data URL, `canvas.toDataURL()`, a serialized <svg>) into pixels for lib/qr/decode.ts.
 * Runs in the popup, offscreen document or background — never in a canvas attached to the page.
 * The browser APIs are passed in so tests can fake them and the worker can pass its globals.
 */
import type { RgbaImage } from './image';

/** What `createImageBitmap` returns, reduced to what we use. */
export interface BitmapLike {
  width: number;
  height: number;
  close?: () => void;
}

export interface Context2dLike {
  drawImage(image: never, dx: number, dy: number, dw: number, dh: number): void;
  getImageData(sx: number, sy: number, sw: number, sh: number): RgbaImage;
  imageSmoothingEnabled: boolean;
  fillStyle: unknown;
  fillRect(x: number, y: number, w: number, h: number): void;
}

export interface CanvasLike {
  getContext(kind: '2d'): Context2dLike | null;
}

export interface RasterizeDeps {
  createImageBitmap: (blob: Blob) => Promise<BitmapLike>;
  OffscreenCanvas: new (width: number, height: number) => CanvasLike;
}

export class RasterizeError extends Error {
  constructor(
    readonly code: 'not-a-data-url' | 'not-an-image' | 'too-large' | 'decode-failed',
    message: string,
  ) {
    super(message);
    this.name = 'RasterizeError';
  }
}

/** Data URLs above this are refused (a QR image is a few KB; this bounds memory). */
export const MAX_DATA_URL_LENGTH = 8 * 1024 * 1024;
/** Bitmaps are scaled down to fit this side: the decoder gains nothing from more pixels. */
export const MAX_RASTER_SIDE = 2000;
/** SVGs and tiny bitmaps are drawn at least this large so modules get several pixels each. */
export const MIN_RASTER_SIDE = 300;

const DATA_URL = /^data:([a-z0-9.+/-]+)?((?:;[a-z0-9-]+=[^;,]*)*)(;base64)?,(.*)$/isu;

/** Splits a data URL into a Blob. Only image types are accepted. */
export function dataUrlToBlob(dataUrl: string): Blob {
  if (dataUrl.length > MAX_DATA_URL_LENGTH)
    throw new RasterizeError('too-large', 'The image is too large to scan.');
  const match = DATA_URL.exec(dataUrl);
  if (!match) throw new RasterizeError('not-a-data-url', 'The image could not be read.');
  const mime = (match[1] ?? 'text/plain').toLowerCase();
  if (!mime.startsWith('image/'))
    throw new RasterizeError('not-an-image', 'The element does not hold an image.');
  const body = match[4] ?? '';
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    if (match[3]) {
      const binary = atob(body.replace(/\s+/gu, ''));
      bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    } else {
      bytes = new TextEncoder().encode(decodeURIComponent(body));
    }
  } catch {
    throw new RasterizeError('not-a-data-url', 'The image could not be read.');
  }
  return new Blob([bytes], { type: mime });
}

/** Output size for a bitmap: at most MAX_RASTER_SIDE, and SVG/tiny images enlarged to MIN_RASTER_SIDE. */
export function rasterSize(
  width: number,
  height: number,
  isVector: boolean,
): { width: number; height: number } {
  const longer = Math.max(width, height);
  let scale = 1;
  if (longer > MAX_RASTER_SIDE) scale = MAX_RASTER_SIDE / longer;
  else if (isVector && longer < MIN_RASTER_SIDE) scale = MIN_RASTER_SIDE / longer;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Decodes an image data URL and returns its pixels over a white background (transparent → page white). */
export async function rasterizeDataUrl(dataUrl: string, deps: RasterizeDeps): Promise<RgbaImage> {
  const blob = dataUrlToBlob(dataUrl);
  let bitmap: BitmapLike;
  try {
    bitmap = await deps.createImageBitmap(blob);
  } catch {
    throw new RasterizeError('decode-failed', 'The browser could not decode the image.');
  }
  try {
    if (!(bitmap.width > 0 && bitmap.height > 0)) {
      throw new RasterizeError('decode-failed', 'The image is empty.');
    }
    const size = rasterSize(bitmap.width, bitmap.height, blob.type === 'image/svg+xml');
    const canvas = new deps.OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (!context) throw new RasterizeError('decode-failed', 'No 2D canvas is available here.');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, size.width, size.height);
    // why: smoothing blurs module edges when a small bitmap is enlarged.
    context.imageSmoothingEnabled = size.width < bitmap.width;
    context.drawImage(bitmap as never, 0, 0, size.width, size.height);
    return context.getImageData(0, 0, size.width, size.height);
  } finally {
    bitmap.close?.();
  }
}

/**
 * A `createImageBitmap` for document contexts (popup, offscreen document) that also handles SVG:
 * Chrome's createImageBitmap refuses SVG blobs, so SVG goes through a detached extension-page <img>.
 */
export function svgAwareImageBitmapFactory(
  doc: Document,
  createBitmap: (source: Blob | HTMLImageElement) => Promise<BitmapLike>,
): (blob: Blob) => Promise<BitmapLike> {
  return async (blob) => {
    if (blob.type !== 'image/svg+xml') return createBitmap(blob);
    const url = URL.createObjectURL(blob);
    try {
      const image = doc.createElement('img');
      image.src = url;
      await image.decode();
      return await createBitmap(image);
    } finally {
      URL.revokeObjectURL(url);
    }
  };
}
