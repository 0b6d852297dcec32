import type { Handler } from '../router';
import { UserFacingError } from '../errors';
import type { BackgroundDeps } from '../deps';
import type { QrSource, ScanTabResult } from '../../messaging';
import { requireUnlocked } from '../unlocked-key';

/** Caps what one frame may hand us, so a hostile page cannot flood the popup. */
const MAX_SOURCES_PER_FRAME = 12;
const MAX_DATA_URL_LENGTH = 8_000_000;

interface CollectAnswer {
  textKeys?: unknown;
  sources?: unknown;
  cropRects?: unknown;
  devicePixelRatio?: unknown;
}

function isRect(value: unknown): value is QrSource['rect'] {
  const r = value as Partial<QrSource['rect']> | null;
  return [r?.x, r?.y, r?.width, r?.height].every((n) => typeof n === 'number' && Number.isFinite(n));
}

/** A key as the content script reports it: base32 of a sane length and a short account, nothing else. */
function isTextKey(value: unknown): value is { secret: string; account: string } {
  const v = value as { secret?: unknown; account?: unknown } | null;
  return (
    typeof v?.secret === 'string' &&
    /^[A-Z2-7]{16,128}$/.test(v.secret) &&
    typeof v.account === 'string' &&
    v.account.length <= 200
  );
}

function isSource(value: unknown): value is Pick<QrSource, 'dataUrl' | 'rect'> {
  const v = value as Partial<QrSource> | null;
  return (
    typeof v?.dataUrl === 'string' &&
    v.dataUrl.startsWith('data:image/') &&
    v.dataUrl.length <= MAX_DATA_URL_LENGTH &&
    isRect(v.rect)
  );
}

/**
 * Asks the content script in every frame for QR-like images (as data URLs, so decoding happens in the
 * extension, never in a page canvas), and optionally adds a screenshot of the visible tab.
 *
 * Each image carries the origin of the frame that gave it, as the browser reports that frame (never what
 * the page or the frame's answer says), so a QR shown by a cross-origin frame binds the frame's site, not
 * the top page's. The screenshot and its crop rectangles carry the top frame's origin: a screenshot cannot
 * tell which frame painted a pixel.
 */
export function scanTabHandler(deps: BackgroundDeps): Handler<'scanTab'> {
  return {
    access: 'extension',
    async handle({ tabId, screenshot }) {
      await requireUnlocked(deps);
      const frames = await deps.frameOrigins(tabId).catch(() => []);
      if (frames.length === 0) {
        throw new UserFacingError(
          'no-access',
          'This page cannot be scanned (browser pages and the web store are off limits).',
        );
      }
      let devicePixelRatio = 1;
      const sources: QrSource[] = [];
      const cropRects: QrSource['rect'][] = [];
      const textKeys: NonNullable<ScanTabResult['textKeys']> = [];
      const answers = await Promise.all(
        frames.map(async (f) => ({
          frameId: f.frameId,
          origin: f.origin,
          // why: pinned to the document whose origin was read (where the browser can), not a successor.
          answer: (await deps
            .sendToFrame(tabId, f.frameId, { type: 'collectQr' }, f.documentId)
            .catch(() => undefined)) as CollectAnswer | undefined,
        })),
      );
      const topOrigin = frames.find((f) => f.frameId === 0)?.origin ?? null;
      for (const { frameId, origin, answer } of answers) {
        if (frameId === 0 && typeof answer?.devicePixelRatio === 'number')
          devicePixelRatio = answer.devicePixelRatio;
        const list = Array.isArray(answer?.sources) ? answer.sources.slice(0, MAX_SOURCES_PER_FRAME) : [];
        for (const s of list)
          if (isSource(s))
            sources.push({ frameId, origin, dataUrl: s.dataUrl, rect: s.rect, screenshot: false });
        // why: a key shown as text binds, like a QR code, to the frame the browser says showed it.
        const keys = Array.isArray(answer?.textKeys) ? answer.textKeys.slice(0, MAX_SOURCES_PER_FRAME) : [];
        for (const k of keys)
          if (isTextKey(k) && !textKeys.some((t) => t.secret === k.secret && t.origin === origin))
            textKeys.push({ secret: k.secret, account: k.account, origin });
        // why: only the top frame's rectangles are in the screenshot's coordinates.
        if (frameId === 0 && Array.isArray(answer?.cropRects)) {
          cropRects.push(...answer.cropRects.slice(0, MAX_SOURCES_PER_FRAME).filter(isRect));
        }
      }
      if (screenshot) {
        const dataUrl = await deps.captureVisibleTab(tabId).catch(() => null);
        if (dataUrl)
          sources.push({
            frameId: 0,
            origin: topOrigin,
            dataUrl,
            rect: { x: 0, y: 0, width: 0, height: 0 },
            screenshot: true,
          });
      }
      return { sources, cropRects, devicePixelRatio, textKeys };
    },
  };
}
