import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { decodeQrFromImageData, decodeQrWithDetails } from '../../../lib/qr/decode';
import { createRgbaImage, type RgbaImage } from '../../../lib/qr/image';
import { paintQr, placeOn, renderQrAt } from './paint-qr';

/** Precondition for the "hard" cases: jsQR on its own, with inversion, does not read the image. */
function plainJsQrReads(image: RgbaImage): boolean {
  return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' }) !== null;
}

const ALIYUN_URI =
  'otpauth://totp/Aliyun:alice@1234567890123456?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Aliyun';
const SHORT_URI = 'otpauth://totp/GitHub:octocat?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';

describe('decodeQrFromImageData', () => {
  it('reads a clean code with a standard quiet zone', () => {
    expect(decodeQrFromImageData(paintQr(SHORT_URI, { scale: 4 }))).toBe(SHORT_URI);
  });

  it('reads a long Alibaba-style URI (64-character secret)', () => {
    expect(decodeQrFromImageData(paintQr(ALIYUN_URI, { scale: 4 }))).toBe(ALIYUN_URI);
  });

  it.each([1, 2, 3])('reads a code with a quiet zone of %i module(s)', (margin) => {
    expect(decodeQrFromImageData(paintQr(SHORT_URI, { scale: 4, margin }))).toBe(SHORT_URI);
  });

  it('reads a code cropped with no quiet zone at all', () => {
    const result = decodeQrWithDetails(paintQr(SHORT_URI, { scale: 4, margin: 0 }));
    expect(result?.text).toBe(SHORT_URI);
  });

  it('reads light-on-dark (inverted) codes', () => {
    expect(decodeQrFromImageData(paintQr(SHORT_URI, { scale: 4, inverted: true }))).toBe(SHORT_URI);
  });

  it('reads inverted codes with no quiet zone', () => {
    expect(decodeQrFromImageData(paintQr(SHORT_URI, { scale: 4, margin: 0, inverted: true }))).toBe(
      SHORT_URI,
    );
  });

  it('reads a tiny code (~100 px, 2 px per module) by upscaling', () => {
    const tiny = paintQr(SHORT_URI, { scale: 2, margin: 1 });
    expect(tiny.width).toBeLessThanOrEqual(110);
    expect(decodeQrFromImageData(tiny)).toBe(SHORT_URI);
  });

  it('reads a large (~1000 px) code', () => {
    const large = paintQr(SHORT_URI, { scale: 25 });
    expect(large.width).toBeGreaterThan(900);
    expect(decodeQrFromImageData(large)).toBe(SHORT_URI);
  });

  it('reads a very large image by downscaling it first', () => {
    const huge = paintQr(SHORT_URI, { scale: 45 });
    expect(huge.width).toBeGreaterThan(1200);
    expect(decodeQrWithDetails(huge)).toEqual({ text: SHORT_URI, attempt: 'downscaled' });
  });

  it('reads a low-contrast code (grey on light grey)', () => {
    expect(decodeQrFromImageData(paintQr(SHORT_URI, { scale: 4, dark: 120, light: 200 }))).toBe(SHORT_URI);
  });

  it('finds a code in a larger screenshot-like image', () => {
    const code = paintQr(SHORT_URI, { scale: 4 });
    expect(decodeQrFromImageData(placeOn(code, 900, 600, 420, 170, 240))).toBe(SHORT_URI);
  });

  it('treats transparent pixels as the white page they sit on', () => {
    const code = paintQr(SHORT_URI, { scale: 4, margin: 0 });
    const transparent = paintQr(SHORT_URI, { scale: 4, margin: 0 });
    for (let i = 0; i < code.data.length; i += 4) {
      if ((code.data[i] ?? 0) > 128) transparent.data[i + 3] = 0;
      transparent.data[i] = 0;
      transparent.data[i + 1] = 0;
      transparent.data[i + 2] = 0;
    }
    expect(decodeQrFromImageData(transparent)).toBe(SHORT_URI);
  });

  describe('images plain jsQR cannot read', () => {
    it.each<[string, () => RgbaImage, string, RegExp]>([
      [
        'long URI shown at 100 px (1.9 px per module)',
        () => renderQrAt(ALIYUN_URI, 100),
        ALIYUN_URI,
        /quiet-zone/,
      ],
      ['long URI shown at 80 px (1.5 px per module)', () => renderQrAt(ALIYUN_URI, 80), ALIYUN_URI, /smooth/],
      [
        'long URI at 60 px, cropped tight',
        () => renderQrAt(ALIYUN_URI, 60, { margin: 0 }),
        ALIYUN_URI,
        /smooth/,
      ],
      [
        'short URI at 50 px, thin quiet zone',
        () => renderQrAt(SHORT_URI, 50, { margin: 1 }),
        SHORT_URI,
        /upscaled/,
      ],
      [
        'long URI inverted at 100 px',
        () => renderQrAt(ALIYUN_URI, 100, { inverted: true }),
        ALIYUN_URI,
        /^inverted/,
      ],
      [
        'low-contrast inverted code',
        () => paintQr(SHORT_URI, { scale: 4, inverted: true, dark: 100, light: 180 }),
        SHORT_URI,
        /^inverted/,
      ],
      [
        'low-contrast long URI',
        () => paintQr(ALIYUN_URI, { scale: 4, dark: 100, light: 180 }),
        ALIYUN_URI,
        /threshold/,
      ],
    ])('%s', (_name, makeImage, expected, attempt) => {
      const image = makeImage();
      expect(plainJsQrReads(image)).toBe(false);
      const result = decodeQrWithDetails(image);
      expect(result?.text).toBe(expected);
      expect(result?.attempt).toMatch(attempt);
    });
  });

  it('gives up on codes below ~1.2 px per module rather than guessing', () => {
    expect(decodeQrFromImageData(renderQrAt(ALIYUN_URI, 50))).toBeNull();
  });

  it('returns null for an image without a code', () => {
    const noise = createRgbaImage(200, 200);
    for (let i = 0; i < noise.data.length; i += 4) noise.data[i] = (i * 7919) % 256;
    expect(decodeQrFromImageData(noise)).toBeNull();
    expect(decodeQrFromImageData(createRgbaImage(50, 50))).toBeNull();
  });

  it('returns null for malformed buffers instead of throwing', () => {
    expect(decodeQrFromImageData({ data: new Uint8ClampedArray(10), width: 10, height: 10 })).toBeNull();
    expect(decodeQrFromImageData({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).toBeNull();
    expect(decodeQrFromImageData({ data: new Uint8ClampedArray(4), width: 0.5, height: 2 })).toBeNull();
  });
});
