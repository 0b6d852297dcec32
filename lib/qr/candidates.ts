/**
 * Finding elements on a page that may show an enrollment QR code, best first. Pure functions over a
 * Document: the content script calls them, and unit tests call them on fixture pages in happy-dom.
 *
 * Nothing here draws or decodes. Each candidate says where its pixels come from (`source`); the content
 * script turns that into a data URL (`readCandidateImage`) and sends it to the extension, which rasterizes
 * (lib/qr/rasterize.ts) and decodes (lib/qr/decode.ts). Candidates whose pixels the page will not give us
 * (cross-origin images, tainted canvases) fall back to a screenshot crop at `rect`.
 *
 * Elements are recognised by tag name, not `instanceof`: iframe documents have their own constructors.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type QrSource =
  | { type: 'data-url'; dataUrl: string }
  /** `sameOrigin` (or a same-origin blob:) means the content script may fetch it; otherwise screenshot. */
  | { type: 'url'; url: string; sameOrigin: boolean }
  | { type: 'canvas' }
  | { type: 'svg' };

export type QrCandidateKind = 'img' | 'canvas' | 'svg' | 'background';

export interface QrCandidate {
  kind: QrCandidateKind;
  element: Element;
  source: QrSource;
  /** Bounding rectangle in CSS px relative to the top frame's viewport (what a screenshot shows). */
  rect: Rect;
  /** `rect` plus the top frame's scroll offset: where to scroll to. */
  pageRect: Rect;
  /** Displayed size used for ranking (layout size, else width/height attributes or inline style). */
  size: { width: number; height: number };
  /** True when the element lies entirely outside the top viewport (needs scrolling for a screenshot). */
  offscreen: boolean;
  /** 0 for the top document, 1 inside a same-origin iframe, ... */
  frameDepth: number;
  score: number;
  /** Why the score is what it is, for diagnostics and tests. */
  signals: string[];
}

export interface FindOptions {
  /** How deep to follow same-origin iframes. */
  maxFrameDepth?: number;
}

/** Smaller elements cannot carry a readable code; larger ones are page backgrounds. */
const MIN_SIDE = 40;
const MAX_SIDE = 2000;
const GOOD_MIN_SIDE = 80;
const GOOD_MAX_SIDE = 1000;

/** Words that say "this is the code to scan into an authenticator". Lower case. */
const STRONG_KEYWORDS = [
  'mfa',
  '2fa',
  'two-factor',
  'two factor',
  'authenticator',
  'totp',
  'otp',
  'one-time',
  'two-step',
  'security code',
  '虚拟mfa',
  '身份宝',
  '两步验证',
  '二次验证',
  '安全码',
  '动态码',
  '認証',
];
/** Words any QR code may have nearby. */
const WEAK_KEYWORDS = ['qr', 'scan', '二维码', '扫描', '扫码', 'qrcode', '二次元コード'];
/** Words of the other QR codes consoles show: app downloads, social accounts, payments, and page chrome. */
const NEGATIVE_KEYWORDS = [
  'download',
  'install the app',
  'app store',
  'google play',
  'wechat',
  'weixin',
  'alipay',
  'follow us',
  '下载',
  '微信',
  '公众号',
  '关注',
  '支付宝',
  'logo',
  'avatar',
  'icon',
  'banner',
];

function hasAny(text: string, words: readonly string[]): boolean {
  // why: short ASCII words ("otp", "qr", "mfa") must not match inside longer ones ("footprint").
  return words.some((word) =>
    /^[a-z0-9]{1,4}$/u.test(word)
      ? new RegExp(`(^|[^a-z])${word}([^a-z]|$)`, 'u').test(text)
      : text.includes(word),
  );
}

function ownText(element: Element): string {
  const parts = [element.id, element.getAttribute('class') ?? ''];
  for (const attribute of Array.from(element.attributes)) {
    if (
      attribute.name === 'alt' ||
      attribute.name === 'title' ||
      attribute.name === 'role' ||
      attribute.name.startsWith('aria-') ||
      attribute.name.startsWith('data-')
    ) {
      parts.push(attribute.value);
    }
  }
  return parts.join(' ').replace(/[_-]+/gu, ' ').toLowerCase();
}

function siblingText(element: Element, count: number): string {
  const parts: string[] = [];
  let previous = element.previousElementSibling;
  for (let i = 0; i < count && previous; i++, previous = previous.previousElementSibling) {
    parts.push(limitedText(previous));
  }
  let next = element.nextElementSibling;
  for (let i = 0; i < count && next; i++, next = next.nextElementSibling) parts.push(limitedText(next));
  return parts.join(' ').toLowerCase();
}

function limitedText(element: Element): string {
  const tag = element.localName;
  if (tag === 'script' || tag === 'style' || tag === 'template') return '';
  return (element.textContent ?? '').slice(0, 400);
}

/** A running score and the reasons for it. */
class Score {
  total = 0;
  readonly signals: string[] = [];
  add(points: number, signal: string): void {
    this.total += points;
    this.signals.push(signal);
  }
}

/** Adds keyword signals: the element's own attributes, then text around it, fading with distance. */
function scoreKeywords(element: Element, score: Score): void {
  const own = ownText(element);
  if (hasAny(own, STRONG_KEYWORDS)) score.add(40, 'own:strong');
  else if (hasAny(own, WEAK_KEYWORDS)) score.add(15, 'own:weak');
  if (hasAny(own, NEGATIVE_KEYWORDS)) score.add(-50, 'own:negative');
  const weights = [1, 0.6, 0.3];
  let node: Element | null = element;
  for (let level = 0; level < weights.length && node; level++, node = node.parentElement) {
    const weight = weights[level] ?? 0;
    const text = siblingText(node, 2);
    if (hasAny(text, STRONG_KEYWORDS)) score.add(30 * weight, `near${level}:strong`);
    else if (hasAny(text, WEAK_KEYWORDS)) score.add(10 * weight, `near${level}:weak`);
    if (hasAny(text, NEGATIVE_KEYWORDS)) score.add(-30 * weight, `near${level}:negative`);
  }
}

function scoreShape(size: { width: number; height: number }, score: Score): void {
  const shorter = Math.min(size.width, size.height);
  const longer = Math.max(size.width, size.height);
  const squareness = shorter / longer;
  if (squareness >= 0.9) score.add(25, 'square');
  else if (squareness >= 0.75) score.add(10, 'nearly-square');
  else score.add(-30, 'not-square');
  if (shorter >= GOOD_MIN_SIDE && longer <= GOOD_MAX_SIDE) score.add(30, 'good-size');
  else if (shorter < GOOD_MIN_SIDE) score.add(10, 'small');
  else score.add(0, 'large');
}

function numericLength(value: string | null | undefined): number {
  if (!value) return 0;
  const match = /^\s*(\d+(?:\.\d+)?)(px)?\s*$/u.exec(value);
  return match?.[1] ? Number(match[1]) : 0;
}

/** Layout size when there is layout; otherwise what the markup declares (happy-dom, detached nodes). */
function displaySize(
  element: Element,
  rect: Rect,
  style: CSSStyleDeclaration,
): { width: number; height: number } {
  if (rect.width > 0 && rect.height > 0) return { width: rect.width, height: rect.height };
  const fromAttributes = {
    width: numericLength(element.getAttribute('width')) || numericLength(style.width),
    height: numericLength(element.getAttribute('height')) || numericLength(style.height),
  };
  if (fromAttributes.width > 0 && fromAttributes.height > 0) return fromAttributes;
  const natural = element as Partial<HTMLImageElement>;
  return { width: natural.naturalWidth ?? 0, height: natural.naturalHeight ?? 0 };
}

function isHidden(element: Element, view: Window): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const style = view.getComputedStyle(node);
    if (style.display === 'none') return true;
    if (node === element && (style.visibility === 'hidden' || style.visibility === 'collapse')) return true;
  }
  return false;
}

function sourceFromUrl(raw: string, doc: Document): QrSource | null {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  if (/^data:image\//iu.test(trimmed)) return { type: 'data-url', dataUrl: trimmed };
  let url: URL;
  try {
    url = new URL(trimmed, doc.baseURI);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:' && url.protocol !== 'blob:') return null;
  // why: a sandboxed document's own origin is opaque ('null'); its location still shows the host it came from.
  const ownOrigin = doc.defaultView?.origin ?? doc.location.origin;
  return { type: 'url', url: url.href, sameOrigin: url.origin === ownOrigin };
}

/** The url(...) values of a computed `background-image`. */
export function backgroundUrls(backgroundImage: string): string[] {
  const urls: string[] = [];
  const pattern = /url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^)\s]*))\s*\)/gu;
  for (const match of backgroundImage.matchAll(pattern)) {
    const value = match[1] ?? match[2] ?? match[3] ?? '';
    if (value !== '') urls.push(value.replace(/\\(.)/gu, '$1'));
  }
  return urls;
}

interface FrameContext {
  doc: Document;
  view: Window;
  offset: { x: number; y: number };
  depth: number;
}

function sourceOf(
  element: Element,
  ctx: FrameContext,
  style: CSSStyleDeclaration,
): { kind: QrCandidateKind; source: QrSource } | null {
  switch (element.localName) {
    case 'img': {
      const image = element as HTMLImageElement;
      const source = sourceFromUrl(
        image.currentSrc || image.src || element.getAttribute('src') || '',
        ctx.doc,
      );
      return source ? { kind: 'img', source } : null;
    }
    case 'canvas':
      return { kind: 'canvas', source: { type: 'canvas' } };
    case 'svg':
      // why: an <svg> nested in another <svg> is part of the outer drawing, listed once as the outer one.
      return element.parentElement?.closest('svg') ? null : { kind: 'svg', source: { type: 'svg' } };
    default: {
      if (!style.backgroundImage || style.backgroundImage === 'none') return null;
      for (const raw of backgroundUrls(style.backgroundImage)) {
        const source = sourceFromUrl(raw, ctx.doc);
        if (source) return { kind: 'background', source };
      }
      return null;
    }
  }
}

function collect(
  ctx: FrameContext,
  topView: Window,
  options: Required<FindOptions>,
  out: QrCandidate[],
): void {
  for (const element of Array.from(ctx.doc.querySelectorAll('*'))) {
    const tag = element.localName;
    if (tag === 'iframe' || tag === 'frame') {
      collectFrame(element, ctx, topView, options, out);
      continue;
    }
    if (tag === 'script' || tag === 'style' || tag === 'head' || tag === 'html' || tag === 'body') continue;
    if (element.parentElement?.closest('svg') && tag !== 'svg') continue;
    const style = ctx.view.getComputedStyle(element);
    const found = sourceOf(element, ctx, style);
    if (!found) continue;
    const box = element.getBoundingClientRect();
    const rect = { x: box.x + ctx.offset.x, y: box.y + ctx.offset.y, width: box.width, height: box.height };
    const size = displaySize(element, rect, style);
    if (Math.min(size.width, size.height) < MIN_SIDE || Math.max(size.width, size.height) > MAX_SIDE)
      continue;
    if (isHidden(element, ctx.view)) continue;
    const score = new Score();
    scoreShape(size, score);
    scoreKeywords(element, score);
    if (found.source.type === 'url' && !found.source.sameOrigin) score.add(-5, 'cross-origin');
    if (Number(style.opacity) < 0.1) score.add(-20, 'transparent');
    const hasLayout = rect.width > 0 && rect.height > 0;
    const offscreen =
      hasLayout &&
      (rect.y + rect.height <= 0 ||
        rect.x + rect.width <= 0 ||
        rect.y >= topView.innerHeight ||
        rect.x >= topView.innerWidth);
    if (offscreen) score.add(-2, 'offscreen');
    out.push({
      kind: found.kind,
      element,
      source: found.source,
      rect,
      pageRect: { ...rect, x: rect.x + topView.scrollX, y: rect.y + topView.scrollY },
      size,
      offscreen,
      frameDepth: ctx.depth,
      score: score.total,
      signals: score.signals,
    });
  }
}

function collectFrame(
  frame: Element,
  ctx: FrameContext,
  topView: Window,
  options: Required<FindOptions>,
  out: QrCandidate[],
): void {
  if (ctx.depth >= options.maxFrameDepth) return;
  let inner: Document | null = null;
  try {
    // why: reading contentDocument of a cross-origin frame returns null (or throws in old engines).
    inner = (frame as HTMLIFrameElement).contentDocument;
  } catch {
    inner = null;
  }
  const innerView = inner?.defaultView;
  if (!inner || !innerView) return;
  const box = frame.getBoundingClientRect();
  const offset = {
    x: ctx.offset.x + box.x + (frame as HTMLElement).clientLeft,
    y: ctx.offset.y + box.y + (frame as HTMLElement).clientTop,
  };
  collect({ doc: inner, view: innerView, offset, depth: ctx.depth + 1 }, topView, options, out);
}

/** QR candidates of `doc` and its same-origin iframes, best first (ties keep document order). */
export function findQrCandidates(doc: Document, options: FindOptions = {}): QrCandidate[] {
  const view = doc.defaultView;
  if (!view) return [];
  const out: QrCandidate[] = [];
  collect(
    { doc, view, offset: { x: 0, y: 0 }, depth: 0 },
    view,
    { maxFrameDepth: options.maxFrameDepth ?? 3 },
    out,
  );
  return out
    .map((candidate, order) => ({ candidate, order }))
    .sort((a, b) => b.candidate.score - a.candidate.score || a.order - b.order)
    .map(({ candidate }) => candidate);
}

/** An inline <svg> as a standalone `data:image/svg+xml` URL with explicit size and namespace. */
export function serializeSvg(svg: Element, size: { width: number; height: number }): string {
  const view = svg.ownerDocument.defaultView;
  if (!view) throw new Error('The SVG is not in a document with a window.');
  const clone = svg.cloneNode(true) as Element;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  if (!numericLength(clone.getAttribute('width')))
    clone.setAttribute('width', String(Math.round(size.width)));
  if (!numericLength(clone.getAttribute('height')))
    clone.setAttribute('height', String(Math.round(size.height)));
  // why: fill="currentColor" would otherwise resolve to black-on-nothing outside the page.
  clone.setAttribute('color', view.getComputedStyle(svg).color || '#000');
  const xml = new view.XMLSerializer().serializeToString(clone);
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
}

export type CandidateImage =
  | { kind: 'data-url'; dataUrl: string }
  /** The page will not give us the pixels: capture the tab and crop to `rect`. */
  | { kind: 'screenshot'; rect: Rect; offscreen: boolean; reason: string };

export interface ReadDeps {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
}

/** Same-origin image fetches larger than this are refused. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk)
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Content-script side: the candidate's image as a data URL, or a request to use a screenshot crop. */
export async function readCandidateImage(candidate: QrCandidate, deps: ReadDeps): Promise<CandidateImage> {
  const screenshot = (reason: string): CandidateImage => ({
    kind: 'screenshot',
    rect: candidate.rect,
    offscreen: candidate.offscreen,
    reason,
  });
  const { source } = candidate;
  switch (source.type) {
    case 'data-url':
      return { kind: 'data-url', dataUrl: source.dataUrl };
    case 'svg':
      return { kind: 'data-url', dataUrl: serializeSvg(candidate.element, candidate.size) };
    case 'canvas':
      try {
        return { kind: 'data-url', dataUrl: (candidate.element as HTMLCanvasElement).toDataURL('image/png') };
      } catch {
        return screenshot('tainted-canvas');
      }
    case 'url': {
      if (!source.sameOrigin) return screenshot('cross-origin');
      try {
        const response = await deps.fetch(source.url, { credentials: 'include', cache: 'force-cache' });
        const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        if (!response.ok || !type.startsWith('image/')) return screenshot('not-an-image');
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (bytes.length > MAX_IMAGE_BYTES) return screenshot('too-large');
        return { kind: 'data-url', dataUrl: `data:${type};base64,${bytesToBase64(bytes)}` };
      } catch {
        return screenshot('fetch-failed');
      }
    }
  }
}

/** What can cross a message boundary: the candidate without its element. */
export type QrCandidateSummary = Omit<QrCandidate, 'element'>;

export function summarizeCandidate(candidate: QrCandidate): QrCandidateSummary {
  const { element: _element, ...summary } = candidate;
  return summary;
}
