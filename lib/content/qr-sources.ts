/**
 * Content-script side of "Scan QR on this page": list the QR-like elements of this frame (and its
 * same-origin iframes) and hand their pixels to the extension as data URLs; decoding happens there.
 * Elements whose pixels the page withholds become screenshot crop rectangles, scrolled into view first.
 *
 * The background tags each answer with the origin the browser reports for the answering frame, so an
 * element is reported only by a frame of its own origin: a child reachable through `document.domain` but
 * of another origin answers for itself instead of being reported under its parent's origin.
 */
import type { CollectQrAnswer } from '../messaging';
import { findQrCandidates } from '../qr/candidates';
import { readCandidateImage } from '../qr/candidate-image';
import { findTextKeys } from '../enroll/find-text-keys';

const MAX_CANDIDATES = 8;

/** Origin of a window, or null when it cannot be read (cross-origin) or is opaque. */
function originOf(view: Window | null | undefined): string | null {
  try {
    const origin = view?.origin;
    return typeof origin === 'string' && origin !== 'null' ? origin : null;
  } catch {
    return null;
  }
}

export async function collectQrSources(doc: Document, view: Window): Promise<CollectQrAnswer> {
  const empty: CollectQrAnswer = { sources: [], cropRects: [], devicePixelRatio: view.devicePixelRatio || 1 };
  const own = originOf(view);
  // why: a same-origin parent already walks into this frame; only frames it cannot reach answer for themselves.
  // why: text keys are read from this document only; the parent's walk does not look at frames' text.
  const textKeys = findTextKeys(doc);
  if (view.frameElement !== null && own !== null && originOf(view.parent) === own)
    return { ...empty, textKeys };
  const candidates = findQrCandidates(doc)
    .filter((candidate) => originOf(candidate.element.ownerDocument.defaultView) === own)
    .slice(0, MAX_CANDIDATES);
  const answer: CollectQrAnswer = { ...empty, textKeys };
  let scrolled = false;
  for (const candidate of candidates) {
    // why: the content script's own fetch; Firefox refuses the page window's fetch called from our world.
    const image = await readCandidateImage(candidate, { fetch: (url, init) => fetch(url, init) });
    if (image.kind === 'data-url') {
      answer.sources.push({ dataUrl: image.dataUrl, rect: candidate.rect });
      continue;
    }
    const drawn = candidate.kind === 'img' ? pixelsOfLoadedImage(doc, candidate.element) : null;
    if (drawn) {
      answer.sources.push({ dataUrl: drawn, rect: candidate.rect });
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

/**
 * A loaded same-origin <img> copied through a detached canvas of our own (never one in the page). Used when
 * fetching the image again fails (Firefox refuses some content-script fetches); a cross-origin image
 * taints the canvas, toDataURL throws, and the caller falls back to a screenshot crop.
 */
function pixelsOfLoadedImage(doc: Document, element: Element): string | null {
  const img = element as HTMLImageElement;
  if (!img.complete || !(img.naturalWidth > 0 && img.naturalHeight > 0)) return null;
  try {
    const canvas = doc.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(img, 0, 0);
    return canvas.toDataURL('image/png');
  } catch {
    return null;
  }
}
