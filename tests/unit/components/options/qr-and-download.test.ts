// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { qrImageDataUrl } from '../../../../components/options/qr-image';
import { decodeQrFromImageData } from '../../../../lib/qr/decode';
import { createRgbaImage, type RgbaImage } from '../../../../lib/qr/image';
import { downloadTextFile, OBJECT_URL_LIFETIME_MS, safeFileName } from '../../../../lib/ui/download';

/** Paints qr-image.ts's SVG (a dark path of horizontal runs: "M x y.5 h n m dx dy ...") as pixels. */
function rasterizeQrSvg(svgText: string, scale = 4): RgbaImage {
  const svg = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
  const side = Number(svg.getAttribute('viewBox')?.split(' ')[2]);
  const image = createRgbaImage(side * scale, side * scale);
  const dark = [...svg.querySelectorAll('path')].find((path) => path.getAttribute('stroke'));
  let x = 0;
  let y = 0;
  for (const [, command, args = ''] of (dark?.getAttribute('d') ?? '').matchAll(/([MmHh])([^MmHh]*)/g)) {
    const [a = 0, b = 0] = args
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (command === 'M') [x, y] = [a, b];
    else if (command === 'm') [x, y] = [x + a, y + b];
    else if (command === 'h') {
      for (let column = x; column < x + a; column++) {
        for (let dy = 0; dy < scale; dy++) {
          const start = ((Math.floor(y) * scale + dy) * side * scale + column * scale) * 4;
          for (let p = start; p < start + scale * 4; p += 4) image.data.fill(0, p, p + 3);
        }
      }
      x += a;
    } else throw new Error(`unexpected path command ${command}`);
  }
  return image;
}

describe('QR images', () => {
  it('encode the text so that a scanner reads it back exactly', async () => {
    const uri =
      'otpauth://totp/Aliyun:alice%401234567890123456?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Aliyun&algorithm=SHA1&digits=6&period=30';
    const url = await qrImageDataUrl(uri);
    const prefix = 'data:image/svg+xml;charset=utf-8,';
    expect(url.startsWith(prefix)).toBe(true);
    const svg = decodeURIComponent(url.slice(prefix.length));
    expect(decodeQrFromImageData(rasterizeQrSvg(svg))).toBe(uri);
  });
});

describe('downloadTextFile', () => {
  function fakeUrlApi() {
    const created: Blob[] = [];
    const revoked: string[] = [];
    const timers: { ms: number; run: () => void }[] = [];
    return {
      created,
      revoked,
      timers,
      deps: {
        document,
        url: {
          createObjectURL: (blob: Blob) => {
            created.push(blob);
            return `blob:test/${created.length}`;
          },
          revokeObjectURL: (href: string) => void revoked.push(href),
        },
        setTimeout: (run: () => void, ms: number) => timers.push({ ms, run }),
      },
    };
  }

  it('clicks a temporary <a download> on an object URL of the text, and revokes the URL later', async () => {
    const fake = fakeUrlApi();
    const clicks: { href: string; download: string; inDocument: boolean }[] = [];
    const onClick = (event: Event) => {
      const anchor = event.target as HTMLAnchorElement;
      clicks.push({ href: anchor.href, download: anchor.download, inDocument: anchor.isConnected });
      event.preventDefault();
    };
    document.addEventListener('click', onClick);
    try {
      downloadTextFile(fake.deps, 'mfa-authenticator-backup-2025-06-01.json', '{"a":1}', 'application/json');
    } finally {
      document.removeEventListener('click', onClick);
    }
    expect(clicks).toEqual([
      { href: 'blob:test/1', download: 'mfa-authenticator-backup-2025-06-01.json', inDocument: true },
    ]);
    expect(await fake.created[0]?.text()).toBe('{"a":1}');
    expect(fake.created[0]?.type).toBe('application/json');
    expect(document.querySelector('a[download]')).toBeNull();
    expect(fake.revoked).toEqual([]);
    expect(fake.timers.map((timer) => timer.ms)).toEqual([OBJECT_URL_LIFETIME_MS]);
    fake.timers[0]?.run();
    expect(fake.revoked).toEqual(['blob:test/1']);
  });

  it.each([
    ['backup.json', 'backup.json'],
    ['../../etc/passwd', '..-..-etc-passwd'],
    ['a\u0000b\nc.txt', 'abc.txt'],
    ['   ', 'download.txt'],
    ['..', 'download.txt'],
  ])('file name %j is saved as %j', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });
});
