/**
 * Finding elements on a page that may show an enrollment QR code, best first. Pure functions over a
 * Document: the content script calls them, and unit tests call them on fixture pages in happy-dom.
 *
 * Nothing here draws or decodes. Each candidate says where its pixels come from (`source`); the content
 * script turns that into a data URL (candidate-image.ts) and sends it to the extension, which rasterizes
 * (lib/qr/rasterize.ts) and decodes (lib/qr/decode.ts). How candidates rank is candidate-ranking.ts. Candidates whose pixels the page will not give us
 * (cross-origin images, tainted canvases) fall back to a screenshot crop at `rect`.
 *
 * Elements are recognised by tag name, not `instanceof`: iframe documents have their own constructors.
 */
import { Tally } from '../autofill/scoring';
import { MAX_SIDE, MIN_SIDE, scoreKeywords, scoreShape } from './candidate-ranking';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a candidate's pixels come from, as seen from the page. */
export type QrImageSource =
  | { type: 'data-url'; dataUrl: string }
  /** `sameOrigin` (or a same-origin blob:) means the content script may fetch it; otherwise screenshot. */
  | { type: 'url'; url: string; sameOrigin: boolean }
  | { type: 'canvas' }
  | { type: 'svg' };

export type QrCandidateKind = 'img' | 'canvas' | 'svg' | 'background';

export interface QrCandidate {
  kind: QrCandidateKind;
  element: Element;
  source: QrImageSource;
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

/** Points taken off a candidate the page may withhold, hide or scroll away. */
const PENALTY = { crossOrigin: -5, transparent: -20, offscreen: -2 } as const;
const TRANSPARENT_OPACITY = 0.1;

export function numericLength(value: string | null | undefined): number {
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

function sourceFromUrl(raw: string, doc: Document): QrImageSource | null {
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
): { kind: QrCandidateKind; source: QrImageSource } | null {
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
    const tally = new Tally();
    scoreShape(size, tally);
    scoreKeywords(element, tally);
    if (found.source.type === 'url' && !found.source.sameOrigin)
      tally.add(PENALTY.crossOrigin, 'cross-origin');
    if (Number(style.opacity) < TRANSPARENT_OPACITY) tally.add(PENALTY.transparent, 'transparent');
    const hasLayout = rect.width > 0 && rect.height > 0;
    const offscreen =
      hasLayout &&
      (rect.y + rect.height <= 0 ||
        rect.x + rect.width <= 0 ||
        rect.y >= topView.innerHeight ||
        rect.x >= topView.innerWidth);
    if (offscreen) tally.add(PENALTY.offscreen, 'offscreen');
    out.push({
      kind: found.kind,
      element,
      source: found.source,
      rect,
      pageRect: { ...rect, x: rect.x + topView.scrollX, y: rect.y + topView.scrollY },
      size,
      offscreen,
      frameDepth: ctx.depth,
      score: tally.score,
      signals: tally.reasons,
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
