/**
 * Content-script side of a QR candidate: its pixels as a data URL (inline data, a serialized <svg>, a canvas,
 * or a same-origin fetch), or a request for a screenshot crop where the page withholds them.
 */
import { bytesToBase64 } from '../bytes';
import { numericLength, type QrCandidate, type Rect } from './candidates';

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
