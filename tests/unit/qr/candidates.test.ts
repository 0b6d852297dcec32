import { afterEach, describe, expect, it, vi } from 'vitest';
import { backgroundUrls, findQrCandidates, type QrCandidate } from '../../../lib/qr/candidates';
import { readCandidateImage, serializeSvg, summarizeCandidate } from '../../../lib/qr/candidate-image';
import {
  FIXTURES,
  FIXTURE_ORIGIN,
  loadFixture,
  queryFixtureSelector,
  type LoadedPage,
} from './fixture-pages';

let open: LoadedPage | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

async function candidatesOf(file: string): Promise<{ doc: Document; candidates: QrCandidate[] }> {
  open = await loadFixture(file);
  return { doc: open.document, candidates: findQrCandidates(open.document) };
}

const withQrCode = Object.entries(FIXTURES).map(([file, entry]) => [file, entry] as const);

describe('findQrCandidates on the enrollment fixtures', () => {
  it.each(withQrCode.filter(([file]) => file !== 'url-only.html'))(
    '%s: the enrollment QR element is ranked first',
    async (file, entry) => {
      const { doc, candidates } = await candidatesOf(file);
      const expected = queryFixtureSelector(doc, entry.qrSelector);
      expect(expected).not.toBeNull();
      expect(candidates[0]?.element).toBe(expected);
    },
  );

  it.each(['aliyun-bind-mfa-zh.html', 'okta-setup-authenticator.html', 'github-2fa-setup.html'])(
    '%s: never lists the 1×1 logo images or the 32 px header icon',
    async (file) => {
      const { doc, candidates } = await candidatesOf(file);
      const logos = Array.from(doc.querySelectorAll('img.logo, header svg'));
      expect(candidates.filter((c) => logos.includes(c.element))).toEqual([]);
    },
  );

  it('ranks a logo banner with a background image below the QR code', async () => {
    const { candidates } = await candidatesOf('okta-setup-authenticator.html');
    expect(candidates.map((c) => c.element.getAttribute('class'))).toEqual([
      'qrcode-image',
      'okta-sign-in-header',
    ]);
    expect(candidates[1]?.signals).toContain('own:negative');
  });

  it.each<[string, QrCandidate['kind'], QrCandidate['source']['type']]>([
    ['aliyun-bind-mfa-zh.html', 'img', 'data-url'],
    ['aliyun-bind-mfa-en.html', 'img', 'url'],
    ['aws-assign-mfa.html', 'canvas', 'canvas'],
    ['github-2fa-setup.html', 'svg', 'svg'],
    ['okta-setup-authenticator.html', 'background', 'data-url'],
    ['gitlab-iframe.html', 'img', 'data-url'],
  ])('%s: first candidate is a %s read as %s', async (file, kind, sourceType) => {
    const { candidates } = await candidatesOf(file);
    expect(candidates[0]?.kind).toBe(kind);
    expect(candidates[0]?.source.type).toBe(sourceType);
  });

  it('marks a same-origin PNG as fetchable and resolves it against the page', async () => {
    const { candidates } = await candidatesOf('aliyun-bind-mfa-en.html');
    expect(candidates[0]?.source).toEqual({
      type: 'url',
      url: `${FIXTURE_ORIGIN}/enroll/aliyun-bind-mfa-en.png`,
      sameOrigin: true,
    });
  });

  it('follows same-origin iframes and reports their depth', async () => {
    const { candidates } = await candidatesOf('gitlab-iframe.html');
    expect(candidates[0]?.frameDepth).toBe(1);
  });

  it('does not enter iframes beyond maxFrameDepth', async () => {
    open = await loadFixture('gitlab-iframe.html');
    expect(findQrCandidates(open.document, { maxFrameDepth: 0 })).toEqual([]);
  });

  it('ranks the authenticator QR above an app-download QR that comes first in the page', async () => {
    const { candidates } = await candidatesOf('multi-qr.html');
    expect(candidates.map((c) => c.element.id)).toEqual(['qr-mfa', 'qr-app-download']);
    expect(candidates[1]?.signals).toContain('own:negative');
  });

  it('lists both QR codes in the Alibaba page order when nothing tells them apart', async () => {
    open = await loadFixture('url-only.html');
    const doc = open.document;
    const copy = doc.createElement('div');
    copy.innerHTML = doc.querySelector('main')?.innerHTML ?? '';
    copy.querySelector('img')?.setAttribute('id', 'second');
    doc.body.appendChild(copy);
    expect(findQrCandidates(doc).map((c) => c.element.id)).toEqual(['qr-help', 'second']);
  });
});

describe('findQrCandidates filtering and geometry', () => {
  async function blankPage(body: string): Promise<Document> {
    open = await loadFixture('url-only.html');
    open.document.body.innerHTML = body;
    return open.document;
  }
  const PNG = 'data:image/png;base64,iVBORw0KGgo=';

  it('skips hidden, tiny, huge and non-image elements', async () => {
    const doc = await blankPage(`
      <img id="ok" src="${PNG}" width="150" height="150">
      <div style="display:none"><img id="hidden-parent" src="${PNG}" width="150" height="150"></div>
      <img id="invisible" src="${PNG}" width="150" height="150" style="visibility:hidden">
      <img id="tiny" src="${PNG}" width="24" height="24">
      <img id="huge" src="${PNG}" width="3000" height="3000">
      <img id="no-src" width="150" height="150">
      <img id="js-src" src="javascript:alert(1)" width="150" height="150">
      <div id="no-bg" style="width:150px;height:150px"></div>`);
    expect(findQrCandidates(doc).map((c) => c.element.id)).toEqual(['ok']);
  });

  it('prefers square elements and the 80–1000 px range', async () => {
    const doc = await blankPage(`
      <img id="banner" src="${PNG}" width="600" height="150">
      <img id="small" src="${PNG}" width="60" height="60">
      <img id="square" src="${PNG}" width="200" height="200">
      <img id="large" src="${PNG}" width="1400" height="1400">`);
    expect(findQrCandidates(doc).map((c) => c.element.id)).toEqual(['square', 'small', 'large', 'banner']);
  });

  it('prefers keywords near the element: Chinese MFA text beats nothing', async () => {
    const doc = await blankPage(`
      <section><p>Our office</p><img id="plain" src="${PNG}" width="200" height="200"></section>
      <section><p>请使用身份宝扫描二维码</p><img id="mfa" src="${PNG}" width="200" height="200"></section>`);
    expect(findQrCandidates(doc)[0]?.element.id).toBe('mfa');
  });

  it('does not read keywords inside longer words ("footprint" is not "otp")', async () => {
    const doc = await blankPage(`
      <section><p>Our footprint</p><img id="a" src="${PNG}" width="200" height="200"></section>`);
    expect(findQrCandidates(doc)[0]?.signals.some((s) => s.includes('strong'))).toBe(false);
  });

  it('marks cross-origin images as needing a screenshot and ranks them just below same-origin ones', async () => {
    const doc = await blankPage(`
      <img id="cross" src="https://cdn.example.test/qr.png" width="200" height="200">
      <img id="same" src="/qr.png" width="200" height="200">`);
    const candidates = findQrCandidates(doc);
    expect(candidates.map((c) => c.element.id)).toEqual(['same', 'cross']);
    expect(candidates[1]?.source).toEqual({
      type: 'url',
      url: 'https://cdn.example.test/qr.png',
      sameOrigin: false,
    });
  });

  it('uses layout rectangles when there are any, and flags off-screen elements', async () => {
    const doc = await blankPage(`<img id="below" src="${PNG}"><img id="visible" src="${PNG}">`);
    const rect = (x: number, y: number, size: number) => () =>
      ({ x, y, width: size, height: size, top: y, left: x, right: x + size, bottom: y + size }) as DOMRect;
    vi.spyOn(doc.getElementById('below')!, 'getBoundingClientRect').mockImplementation(rect(100, 2300, 200));
    vi.spyOn(doc.getElementById('visible')!, 'getBoundingClientRect').mockImplementation(rect(100, 100, 200));
    const candidates = findQrCandidates(doc);
    expect(candidates.map((c) => [c.element.id, c.offscreen])).toEqual([
      ['visible', false],
      ['below', true],
    ]);
    expect(candidates[1]?.rect).toEqual({ x: 100, y: 2300, width: 200, height: 200 });
  });
});

describe('backgroundUrls', () => {
  it.each<[string, string[]]>([
    ['none', []],
    ['url("data:image/png;base64,AAA")', ['data:image/png;base64,AAA']],
    ["url('a.png'), linear-gradient(red, blue), url(b.png)", ['a.png', 'b.png']],
    ['url("quote\\"d.png")', ['quote"d.png']],
  ])('%s → %j', (value, urls) => {
    expect(backgroundUrls(value)).toEqual(urls);
  });
});

describe('reading a candidate image', () => {
  it('passes data URLs through', async () => {
    const { candidates } = await candidatesOf('aliyun-bind-mfa-zh.html');
    const result = await readCandidateImage(candidates[0]!, { fetch: vi.fn() });
    expect(result.kind).toBe('data-url');
    if (result.kind === 'data-url') expect(result.dataUrl).toMatch(/^data:image\/png;base64,/);
  });

  it('serializes inline SVG to a standalone data URL', async () => {
    const { candidates } = await candidatesOf('github-2fa-setup.html');
    const svg = serializeSvg(candidates[0]!.element, candidates[0]!.size);
    const xml = decodeURIComponent(svg.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    expect(xml).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(xml).toContain('width="100"');
    expect(xml).toContain('<path');
  });

  it('fetches same-origin images with the page credentials and returns a data URL', async () => {
    const { candidates } = await candidatesOf('aliyun-bind-mfa-en.html');
    const fetch = vi.fn(
      async () =>
        new Response(new Uint8Array([137, 80, 78, 71]), { headers: { 'content-type': 'image/png' } }),
    );
    const result = await readCandidateImage(candidates[0]!, { fetch });
    expect(fetch).toHaveBeenCalledWith(
      `${FIXTURE_ORIGIN}/enroll/aliyun-bind-mfa-en.png`,
      expect.objectContaining({ credentials: 'include' }),
    );
    expect(result).toEqual({ kind: 'data-url', dataUrl: 'data:image/png;base64,iVBORw==' });
  });

  it('falls back to a screenshot when a fetched URL is not an image', async () => {
    const { candidates } = await candidatesOf('aliyun-bind-mfa-en.html');
    const fetch = vi.fn(async () => new Response('<html>', { headers: { 'content-type': 'text/html' } }));
    expect(await readCandidateImage(candidates[0]!, { fetch })).toMatchObject({
      kind: 'screenshot',
      reason: 'not-an-image',
    });
  });

  it('falls back to a screenshot for a tainted canvas', async () => {
    const { candidates } = await candidatesOf('aws-assign-mfa.html');
    const canvas = candidates[0]!.element as HTMLCanvasElement;
    vi.spyOn(canvas, 'toDataURL').mockImplementation(() => {
      throw new DOMException('Tainted canvases may not be exported.', 'SecurityError');
    });
    expect(await readCandidateImage(candidates[0]!, { fetch: vi.fn() })).toMatchObject({
      kind: 'screenshot',
      reason: 'tainted-canvas',
    });
  });

  it('never fetches cross-origin images', async () => {
    open = await loadFixture('url-only.html');
    open.document.body.innerHTML = '<img src="https://cdn.example.test/qr.png" width="200" height="200">';
    const fetch = vi.fn();
    const [candidate] = findQrCandidates(open.document);
    expect(await readCandidateImage(candidate!, { fetch })).toMatchObject({
      kind: 'screenshot',
      reason: 'cross-origin',
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('summaries drop the element so they can be sent as a message', async () => {
    const { candidates } = await candidatesOf('aliyun-bind-mfa-zh.html');
    const summary = summarizeCandidate(candidates[0]!);
    expect(summary).not.toHaveProperty('element');
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});
