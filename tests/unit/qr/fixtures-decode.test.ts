/**
 * Every enrollment fixture, end to end without a browser: the top-ranked candidate's pixels (PNG decoded
 * with pngjs, canvas painted from the page's matrix, SVG path rasterized here) decode to what index.json says.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { findQrCandidates, type QrCandidate } from '../../../lib/qr/candidates';
import { classifyQrText } from '../../../lib/enroll/classify';
import { decodeQrFromImageData } from '../../../lib/qr/decode';
import { createRgbaImage, type RgbaImage } from '../../../lib/qr/image';
import { FIXTURES, FIXTURE_DIR, loadFixture, type LoadedPage } from './fixture-pages';

let open: LoadedPage | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

function pngPixels(bytes: Buffer): RgbaImage {
  const png = PNG.sync.read(bytes);
  return { data: new Uint8ClampedArray(png.data), width: png.width, height: png.height };
}

function paintModules(rows: string[], scale: number, margin: number): RgbaImage {
  const side = (rows.length + 2 * margin) * scale;
  const image = createRgbaImage(side, side);
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (row[x] !== '1') continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const offset = (((y + margin) * scale + dy) * side + (x + margin) * scale + dx) * 4;
          image.data.fill(0, offset, offset + 3);
        }
      }
    }
  });
  return image;
}

/** Rasterizes the qrcode package's SVG: one stroked path of horizontal runs ("M x y.5 h n m dx dy ..."). */
function svgModules(svg: Element): string[] {
  const size = Number(svg.getAttribute('viewBox')?.split(' ')[2]);
  const grid = Array.from({ length: size }, () => Array<string>(size).fill('0'));
  const path = Array.from(svg.querySelectorAll('path')).find((p) => p.getAttribute('stroke'));
  let x = 0;
  let y = 0;
  for (const [, command, args] of (path?.getAttribute('d') ?? '').matchAll(/([MmHhVv])([^MmHhVv]*)/g)) {
    const numbers = (args ?? '')
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (command === 'M') [x, y] = [numbers[0] ?? 0, numbers[1] ?? 0];
    else if (command === 'm') [x, y] = [x + (numbers[0] ?? 0), y + (numbers[1] ?? 0)];
    else if (command === 'h') {
      const length = numbers[0] ?? 0;
      for (let i = 0; i < length; i++) grid[Math.floor(y)]![x + i] = '1';
      x += length;
    }
  }
  return grid.map((row) => row.join(''));
}

function pixelsOf(candidate: QrCandidate, doc: Document): RgbaImage {
  const { source } = candidate;
  switch (source.type) {
    case 'data-url':
      return pngPixels(Buffer.from(source.dataUrl.split(',')[1] ?? '', 'base64'));
    case 'url':
      return pngPixels(readFileSync(`${FIXTURE_DIR}${new URL(source.url).pathname.split('/').pop()}`));
    case 'canvas': {
      const matrix = JSON.parse(doc.getElementById('qr-matrix')?.textContent ?? '{}') as { rows: string[] };
      return paintModules(matrix.rows, 5, 4);
    }
    case 'svg':
      return paintModules(svgModules(candidate.element), 4, 4);
  }
}

describe.each(Object.entries(FIXTURES))('fixture %s', (file, entry) => {
  it('its best candidate decodes to the expected content', async () => {
    open = await loadFixture(file);
    const [best] = findQrCandidates(open.document);
    expect(best).toBeDefined();
    const text = decodeQrFromImageData(pixelsOf(best!, open.document));
    expect(text).not.toBeNull();
    const verdict = classifyQrText(text!);
    if (entry.expected === 'none') {
      expect(verdict.accepted).toBe(false);
      expect(verdict.kind).toBe(entry.rejection);
      expect(entry.otherQrTexts).toContain(text);
    } else {
      expect(verdict.accepted).toBe(true);
      expect(entry.expected).toContain(text);
    }
  });

  if (entry.otherQrTexts && entry.expected !== 'none') {
    it('its other QR codes decode to non-authenticator content', async () => {
      open = await loadFixture(file);
      const others = findQrCandidates(open.document).slice(1);
      const texts = others.map((c) => decodeQrFromImageData(pixelsOf(c, open!.document)));
      expect(texts).toEqual(entry.otherQrTexts);
      for (const text of texts) expect(classifyQrText(text!).accepted).toBe(false);
    });
  }

  it('names code fields that exist on the page', async () => {
    open = await loadFixture(file);
    for (const selector of entry.codeFields)
      expect(open.document.querySelector(selector), selector).not.toBeNull();
    expect(entry.consecutiveCodes).toBe(entry.codeFields.length === 2);
  });
});
