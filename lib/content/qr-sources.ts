/**
 * Content-script side of "Scan QR on this page": list the QR-like elements of this frame (and its
 * same-origin iframes) and hand their pixels to the extension as data URLs; decoding happens there.
 * Elements whose pixels the page withholds become screenshot crop rectangles, scrolled into view first.
 */
import type { CollectQrAnswer } from '../messaging';
import { findQrCandidates, readCandidateImage } from '../qr/candidates';

const MAX_CANDIDATES = 8;

export async function collectQrSources(doc: Document, view: Window): Promise<CollectQrAnswer> {
  const empty: CollectQrAnswer = { sources: [], cropRects: [], devicePixelRatio: view.devicePixelRatio || 1 };
  // why: a same-origin parent already walks into this frame; only frames it cannot reach answer for themselves.
  if (view.frameElement !== null) return empty;
  const candidates = findQrCandidates(doc).slice(0, MAX_CANDIDATES);
  const answer = empty;
  let scrolled = false;
  for (const candidate of candidates) {
    // why: the content script's own fetch; Firefox refuses the page window's fetch called from our world.
    const image = await readCandidateImage(candidate, { fetch: (url, init) => fetch(url, init) });
    if (image.kind === 'data-url') {
      answer.sources.push({ dataUrl: image.dataUrl, rect: candidate.rect });
      continue;
    }
    if (image.offscreen && !scrolled && candidate.frameDepth === 0) {
      // why: a screenshot only shows the viewport; bring the best withheld candidate into it once.
      candidate.element.scrollIntoView({ block: 'center', inline: 'center' });
      scrolled = true;
      const box = candidate.element.getBoundingClientRect();
      answer.cropRects.push({ x: box.x, y: box.y, width: box.width, height: box.height });
      continue;
    }
    if (!image.offscreen) answer.cropRects.push(image.rect);
  }
  return answer;
}
