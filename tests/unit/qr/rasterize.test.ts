import { describe, expect, it, vi } from 'vitest';
import { createRgbaImage } from '../../../lib/qr/image';
import {
  dataUrlToBlob,
  MAX_RASTER_SIDE,
  rasterizeDataUrl,
  rasterSize,
  RasterizeError,
  type BitmapLike,
  type RasterizeDeps,
  svgAwareImageBitmapFactory,
} from '../../../lib/qr/rasterize';

const PNG_DATA_URL = 'data:image/png;base64,iVBORw0KGgo=';

/** Fakes for the browser APIs: records what was drawn and returns a blank image of the canvas size. */
function fakeDeps(bitmap: BitmapLike | Error) {
  const drawn: { width: number; height: number; smoothing: boolean }[] = [];
  const blobs: Blob[] = [];
  const deps: RasterizeDeps = {
    createImageBitmap: async (blob) => {
      blobs.push(blob);
      if (bitmap instanceof Error) throw bitmap;
      return bitmap;
    },
    OffscreenCanvas: class {
      constructor(
        readonly width: number,
        readonly height: number,
      ) {}
      getContext() {
        const { width: canvasWidth, height: canvasHeight } = this;
        return {
          imageSmoothingEnabled: true,
          fillStyle: '' as unknown,
          fillRect: () => undefined,
          drawImage(_image: never, _x: number, _y: number, width: number, height: number) {
            drawn.push({ width, height, smoothing: this.imageSmoothingEnabled });
          },
          getImageData: (_x: number, _y: number, width: number, height: number) =>
            createRgbaImage(Math.min(width, canvasWidth), Math.min(height, canvasHeight)),
        };
      }
    },
  };
  return { deps, drawn, blobs };
}

describe('dataUrlToBlob', () => {
  it('decodes base64 image data URLs', async () => {
    const blob = dataUrlToBlob(PNG_DATA_URL);
    expect(blob.type).toBe('image/png');
    expect(Array.from(new Uint8Array(await blob.arrayBuffer()))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  });

  it('decodes percent-encoded SVG data URLs', async () => {
    const blob = dataUrlToBlob(`data:image/svg+xml;charset=utf-8,${encodeURIComponent('<svg width="1"/>')}`);
    expect(blob.type).toBe('image/svg+xml');
    expect(await blob.text()).toBe('<svg width="1"/>');
  });

  it.each<[string, string]>([
    ['https://example.test/qr.png', 'not-a-data-url'],
    ['data:text/html;base64,PGh0bWw+', 'not-an-image'],
    ['data:,hello', 'not-an-image'],
    ['data:image/png;base64,###', 'not-a-data-url'],
    [`data:image/png;base64,${'A'.repeat(9 * 1024 * 1024)}`, 'too-large'],
  ])('refuses %.60s', (url, code) => {
    let thrown: unknown;
    try {
      dataUrlToBlob(url);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RasterizeError);
    expect((thrown as RasterizeError).code).toBe(code);
  });
});

describe('rasterSize', () => {
  it('keeps ordinary bitmaps at their size', () =>
    expect(rasterSize(200, 180, false)).toEqual({ width: 200, height: 180 }));
  it('shrinks huge images to the maximum side', () =>
    expect(rasterSize(8000, 4000, false)).toEqual({ width: MAX_RASTER_SIDE, height: MAX_RASTER_SIDE / 2 }));
  it('enlarges small vector images', () =>
    expect(rasterSize(100, 100, true)).toEqual({ width: 300, height: 300 }));
  it('does not enlarge small bitmaps (decode.ts upscales them without blur)', () =>
    expect(rasterSize(100, 100, false)).toEqual({ width: 100, height: 100 }));
});

describe('rasterizeDataUrl', () => {
  it('draws the bitmap into an offscreen canvas and returns its pixels', async () => {
    const close = vi.fn();
    const { deps, drawn, blobs } = fakeDeps({ width: 180, height: 180, close });
    const image = await rasterizeDataUrl(PNG_DATA_URL, deps);
    expect(image).toMatchObject({ width: 180, height: 180 });
    expect(blobs[0]?.type).toBe('image/png');
    expect(drawn).toEqual([{ width: 180, height: 180, smoothing: false }]);
    expect(close).toHaveBeenCalledOnce();
  });

  it('smooths only when shrinking', async () => {
    const { deps, drawn } = fakeDeps({ width: 4000, height: 4000 });
    expect(await rasterizeDataUrl(PNG_DATA_URL, deps)).toMatchObject({ width: 2000, height: 2000 });
    expect(drawn[0]?.smoothing).toBe(true);
  });

  it('reports an undecodable image as a RasterizeError', async () => {
    const { deps } = fakeDeps(new Error('InvalidStateError'));
    await expect(rasterizeDataUrl(PNG_DATA_URL, deps)).rejects.toMatchObject({ code: 'decode-failed' });
  });

  it('refuses an empty bitmap and still closes it', async () => {
    const close = vi.fn();
    const { deps } = fakeDeps({ width: 0, height: 0, close });
    await expect(rasterizeDataUrl(PNG_DATA_URL, deps)).rejects.toMatchObject({ code: 'decode-failed' });
    expect(close).toHaveBeenCalledOnce();
  });
});

describe('svgAwareImageBitmapFactory', () => {
  function fakeDocument() {
    const images: { src: string; decode: () => Promise<void> }[] = [];
    const doc = {
      createElement: () => {
        const image = { src: '', decode: async () => undefined };
        images.push(image);
        return image;
      },
    } as unknown as Document;
    return { doc, images };
  }

  it('passes raster blobs straight to createImageBitmap', async () => {
    const { doc, images } = fakeDocument();
    const createBitmap = vi.fn(async () => ({ width: 1, height: 1 }));
    const blob = new Blob([new Uint8Array(1)], { type: 'image/png' });
    await svgAwareImageBitmapFactory(doc, createBitmap)(blob);
    expect(createBitmap).toHaveBeenCalledWith(blob);
    expect(images).toEqual([]);
  });

  it('loads SVG through a detached <img> and revokes the object URL', async () => {
    const { doc, images } = fakeDocument();
    const createBitmap = vi.fn(async () => ({ width: 300, height: 300 }));
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    const blob = new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>'], { type: 'image/svg+xml' });
    expect(await svgAwareImageBitmapFactory(doc, createBitmap)(blob)).toEqual({ width: 300, height: 300 });
    expect(images[0]?.src).toMatch(/^blob:/);
    expect(createBitmap).toHaveBeenCalledWith(images[0]);
    expect(revoke).toHaveBeenCalledWith(images[0]?.src);
    revoke.mockRestore();
  });
});
