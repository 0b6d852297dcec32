import { describe, expect, it } from 'vitest';
import { findQrTexts, type QrTextFinderDeps } from '../../../lib/enroll/find-qr-texts';
import type { QrSource, ScanTabResult } from '../../../lib/messaging';
import { createRgbaImage, type RgbaImage } from '../../../lib/qr/image';

const rect = (x: number, y: number, width = 100, height = 100) => ({ x, y, width, height });

const TOP = 'https://account.aliyun.com';
const FRAME = 'https://widget.example.net';

function dom(dataUrl: string, frameId = 0, at = rect(10, 10), origin: string | null = TOP): QrSource {
  return { frameId, origin, dataUrl, rect: at, screenshot: false };
}
function shot(dataUrl: string): QrSource {
  return { frameId: 0, origin: TOP, dataUrl, rect: rect(0, 0, 0, 0), screenshot: true };
}

/**
 * A fake decoder over tagged images: a DOM image decodes to its table entry; the screenshot is a 400×300
 * image whose pixel (x, y) red value marks a QR code, so a crop decodes only when it covers that pixel.
 */
function fakeDeps(table: Record<string, string>, shotCode?: { x: number; y: number; text: string }) {
  const decoded: string[] = [];
  const textOf = new WeakMap<RgbaImage, string>();
  const deps: QrTextFinderDeps = {
    rasterize: async (dataUrl) => {
      if (dataUrl === 'broken') throw new Error('not an image');
      if (dataUrl === 'screenshot') {
        const image = createRgbaImage(400, 300);
        if (shotCode) image.data[(shotCode.y * 400 + shotCode.x) * 4] = 7;
        textOf.set(image, 'whole');
        return image;
      }
      const image = createRgbaImage(1, 1);
      textOf.set(image, dataUrl);
      return image;
    },
    decode: (image) => {
      const tag = textOf.get(image) ?? (image.width === 400 ? 'whole' : 'crop');
      decoded.push(`${tag}:${image.width}x${image.height}`);
      if (tag === 'whole' || tag === 'crop') {
        const marked = image.data.some((value, index) => index % 4 === 0 && value === 7);
        return marked && shotCode ? shotCode.text : null;
      }
      return table[tag] ?? null;
    },
  };
  return { deps, decoded };
}

function scan(
  sources: QrSource[],
  cropRects: ScanTabResult['cropRects'] = [],
  devicePixelRatio = 1,
): ScanTabResult {
  return { sources, cropRects, devicePixelRatio };
}

/** The texts alone, for the tests about decoding order. */
async function textsOf(result: ScanTabResult, deps: QrTextFinderDeps): Promise<string[]> {
  return (await findQrTexts(result, deps)).map((found) => found.text);
}

describe('findQrTexts', () => {
  it('keeps the origin of the frame that showed each code, and the top origin for screenshot codes', async () => {
    const { deps } = fakeDeps(
      { top: 'otpauth://top', framed: 'otpauth://framed', sandboxed: 'otpauth://sandboxed' },
      { x: 250, y: 150, text: 'otpauth://painted' },
    );
    const sources = [
      dom('top'),
      dom('framed', 3, rect(0, 0), FRAME),
      dom('sandboxed', 4, rect(0, 0), null),
      shot('screenshot'),
    ];
    expect(await findQrTexts(scan(sources, [rect(200, 100)]), deps)).toEqual([
      { text: 'otpauth://top', origin: TOP },
      { text: 'otpauth://framed', origin: FRAME },
      { text: 'otpauth://sandboxed', origin: null },
      { text: 'otpauth://painted', origin: TOP },
    ]);
  });

  it('a code shown by a frame and seen again in the screenshot keeps the frame origin', async () => {
    const { deps } = fakeDeps({ framed: 'otpauth://same' }, { x: 390, y: 290, text: 'otpauth://same' });
    expect(await findQrTexts(scan([dom('framed', 2, rect(0, 0), FRAME), shot('screenshot')]), deps)).toEqual([
      { text: 'otpauth://same', origin: FRAME },
    ]);
  });

  it('decodes DOM images in order and never touches a screenshot it was not given', async () => {
    const { deps, decoded } = fakeDeps({ a: 'otpauth://a', b: 'https://b' });
    expect(await textsOf(scan([dom('a'), dom('b'), dom('c')]), deps)).toEqual(['otpauth://a', 'https://b']);
    expect(decoded).toEqual(['a:1x1', 'b:1x1', 'c:1x1']);
  });

  it('decodes the DOM images before the screenshot', async () => {
    const { deps, decoded } = fakeDeps({ a: 'otpauth://a' });
    await textsOf(scan([shot('screenshot'), dom('a')]), deps);
    expect(decoded[0]).toBe('a:1x1');
  });

  it('merges repeats and skips images that fail to rasterize', async () => {
    const { deps } = fakeDeps({ a: 'otpauth://same', b: 'otpauth://same' });
    expect(await textsOf(scan([dom('broken'), dom('a'), dom('b')]), deps)).toEqual(['otpauth://same']);
  });

  it('crops the screenshot to the candidate rectangles before decoding it whole', async () => {
    const { deps, decoded } = fakeDeps({}, { x: 250, y: 150, text: 'otpauth://cropped' });
    const texts = await textsOf(scan([shot('screenshot')], [rect(20, 20), rect(200, 100)]), deps);
    expect(texts).toEqual(['otpauth://cropped']);
    // Two crops (with a 16 px margin), and no whole-screenshot decode since a crop found the code.
    expect(decoded).toEqual(['crop:132x132', 'crop:132x132']);
  });

  it('uses the rectangles of top-frame DOM images as crops, not those of other frames', async () => {
    const { deps, decoded } = fakeDeps({}, { x: 250, y: 150, text: 'otpauth://canvas' });
    const sources = [dom('unreadable', 0, rect(200, 100)), dom('framed', 3, rect(0, 0)), shot('screenshot')];
    expect(await textsOf(scan(sources), deps)).toEqual(['otpauth://canvas']);
    expect(decoded.filter((entry) => entry.startsWith('crop'))).toEqual(['crop:132x132']);
  });

  it('scales crops by the device pixel ratio', async () => {
    const { deps, decoded } = fakeDeps({}, { x: 250, y: 150, text: 'otpauth://hidpi' });
    expect(await textsOf(scan([shot('screenshot')], [rect(100, 50, 50, 50)], 2), deps)).toEqual([
      'otpauth://hidpi',
    ]);
    expect(decoded).toEqual(['crop:164x164']);
  });

  it('decodes the whole screenshot when no crop gave a code', async () => {
    const { deps, decoded } = fakeDeps({}, { x: 390, y: 290, text: 'otpauth://corner' });
    expect(await textsOf(scan([shot('screenshot')], [rect(20, 20)]), deps)).toEqual(['otpauth://corner']);
    expect(decoded).toEqual(['crop:132x132', 'whole:400x300']);
  });
});
