/**
 * The order of a page scan, as the popup runs it: the DOM images first (cheap, full resolution), and a
 * screenshot of the visible tab only when they gave no account. The screenshot pass decodes only what the
 * first pass did not: the screenshot (cropped to each candidate, then whole) and images that appeared since.
 */
import type { ScanTabResult } from '../messaging';
import type { SendFn } from './api';
import type { FoundAccounts, ScanKit } from './scan-kit';
import { formatOtpauthUri } from '../otp/uri';
import { issuerForOrigin } from './scan-issuer';

export type ScanPhase = 'page' | 'screenshot';

export interface ScanFlowDeps {
  send: SendFn;
  kit: ScanKit;
  onPhase?: (phase: ScanPhase) => void;
  sleep: (ms: number) => Promise<void>;
}

export interface ScanFlowResult extends FoundAccounts {
  /** The screenshot taken, if any, so "select an area" can reuse it without another capture. */
  screenshot: string | null;
  usedScreenshot: boolean;
}

/** captureVisibleTab allows about 2 calls per second; a refused capture is retried once after this. */
export const CAPTURE_RETRY_MS = 600;

/**
 * The part of the screenshot scan not already decoded by the DOM pass: the screenshot itself, DOM images
 * that were not in the first scan, and the rectangles of those that were (so the screenshot is cropped there).
 */
export function screenshotPass(first: ScanTabResult, second: ScanTabResult): ScanTabResult {
  const seen = new Set(first.sources.map((source) => source.dataUrl));
  const known = second.sources.filter((source) => !source.screenshot && seen.has(source.dataUrl));
  return {
    sources: second.sources.filter((source) => source.screenshot || !seen.has(source.dataUrl)),
    cropRects: [
      ...second.cropRects,
      ...known.filter((source) => source.frameId === 0).map((source) => source.rect),
    ],
    devicePixelRatio: second.devicePixelRatio,
  };
}

export function screenshotOf(scan: ScanTabResult): string | null {
  return scan.sources.find((source) => source.screenshot)?.dataUrl ?? null;
}

/**
 * Keys the page shows as text, as otpauth texts for the same confirm step as a QR code: issuer from the
 * frame's site (a known profile, else its host name), default TOTP parameters, origin of the frame.
 */
export function textKeyTexts(scan: ScanTabResult): { text: string; origin: string | null }[] {
  return (scan.textKeys ?? []).map(({ secret, account, origin }) => {
    let issuer = issuerForOrigin(origin);
    if (!issuer && origin) {
      try {
        issuer = new URL(origin).hostname;
      } catch {
        issuer = '';
      }
    }
    const text = formatOtpauthUri({
      kind: 'totp',
      issuer,
      account,
      secret,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    });
    return { text, origin };
  });
}

/** Scans a tab for enrollment QR codes. Errors of `scanTab` (locked, no access) propagate to the caller. */
export async function scanTabForAccounts(tabId: number, deps: ScanFlowDeps): Promise<ScanFlowResult> {
  deps.onPhase?.('page');
  const first = await deps.send('scanTab', { tabId, screenshot: false });
  const texts = await deps.kit.readTexts(first);
  const fromDom = deps.kit.accountsFromTexts(texts);
  if (fromDom.accounts.length > 0) return { ...fromDom, screenshot: null, usedScreenshot: false };
  // why: only when no QR code was found; a page showing both shows the same key, and the QR has its parameters.
  const fromText = deps.kit.accountsFromTexts(textKeyTexts(first));
  if (fromText.accounts.length > 0) return { ...fromText, screenshot: null, usedScreenshot: false };

  deps.onPhase?.('screenshot');
  let second = await deps.send('scanTab', { tabId, screenshot: true });
  if (screenshotOf(second) === null) {
    await deps.sleep(CAPTURE_RETRY_MS);
    second = await deps.send('scanTab', { tabId, screenshot: true });
  }
  for (const found of await deps.kit.readTexts(screenshotPass(first, second))) {
    if (!texts.some((t) => t.text === found.text)) texts.push(found);
  }
  return { ...deps.kit.accountsFromTexts(texts), screenshot: screenshotOf(second), usedScreenshot: true };
}
