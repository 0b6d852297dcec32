import { describe, expect, it } from 'vitest';
import { cropImageData } from '../../../lib/qr/crop';
import { decodeQrFromImageData } from '../../../lib/qr/decode';
import { createRgbaImage } from '../../../lib/qr/image';
import { paintQr, placeOn } from './paint-qr';

const URI = 'otpauth://totp/GitHub:octocat?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';

/** A 4×3 image whose red channel is the pixel index, to check which pixels a crop keeps. */
function indexed(width: number, height: number) {
  const image = createRgbaImage(width, height, 0);
  for (let p = 0; p < width * height; p++) image.data[p * 4] = p;
  return image;
}
const reds = (image: { data: Uint8ClampedArray }) => Array.from(image.data.filter((_, i) => i % 4 === 0));

describe('cropImageData', () => {
  it('keeps the rectangle plus the margin', () => {
    const crop = cropImageData(indexed(4, 3), { x: 1, y: 1, width: 2, height: 1 }, 1, 0);
    expect(crop).toMatchObject({ width: 2, height: 1 });
    expect(reds(crop!)).toEqual([5, 6]);
    const withMargin = cropImageData(indexed(4, 3), { x: 1, y: 1, width: 1, height: 1 }, 1, 1);
    expect(reds(withMargin!)).toEqual([0, 1, 2, 4, 5, 6, 8, 9, 10]);
  });

  it('scales CSS pixels by the device pixel ratio', () => {
    const crop = cropImageData(indexed(8, 6), { x: 1, y: 1, width: 1, height: 1 }, 2, 0);
    expect(crop).toMatchObject({ width: 2, height: 2 });
    expect(reds(crop!)).toEqual([18, 19, 26, 27]);
  });

  it('clamps to the screenshot and returns null when nothing is inside', () => {
    expect(cropImageData(indexed(4, 3), { x: 3, y: 2, width: 10, height: 10 }, 1, 0)).toMatchObject({
      width: 1,
      height: 1,
    });
    expect(cropImageData(indexed(4, 3), { x: 0, y: 500, width: 10, height: 10 }, 1, 0)).toBeNull();
    expect(cropImageData(indexed(4, 3), { x: -50, y: 0, width: 10, height: 10 }, 1, 0)).toBeNull();
  });

  it('treats a missing or absurd ratio as 1', () => {
    expect(cropImageData(indexed(4, 3), { x: 0, y: 0, width: 2, height: 2 }, Number.NaN, 0)).toMatchObject({
      width: 2,
      height: 2,
    });
  });

  it('turns a high-DPI screenshot with a second QR code into a decodable crop of the chosen one', () => {
    // 2× screenshot of an 800×500 viewport: the code at CSS (300, 120), 148 CSS px wide, plus a decoy.
    const code = paintQr(URI, { scale: 8 });
    const decoy = paintQr('https://app.example.test/download', { scale: 8 });
    const screenshot = placeOn(code, 1600, 1000, 600, 240, 245);
    const withDecoy = placeOn(decoy, 1600, 1000, 40, 40, 245);
    for (let y = 0; y < code.height; y++) {
      const from = ((240 + y) * 1600 + 600) * 4;
      withDecoy.data.set(screenshot.data.subarray(from, from + code.width * 4), from);
    }
    // The whole screenshot holds both codes; the crop of the chosen rectangle holds only the chosen one.
    const crop = cropImageData(
      withDecoy,
      { x: 300, y: 120, width: code.width / 2, height: code.height / 2 },
      2,
    );
    expect(decodeQrFromImageData(crop!)).toBe(URI);
    const decoyCrop = cropImageData(
      withDecoy,
      { x: 20, y: 20, width: decoy.width / 2, height: decoy.height / 2 },
      2,
    );
    expect(decodeQrFromImageData(decoyCrop!)).toBe('https://app.example.test/download');
  });
});
