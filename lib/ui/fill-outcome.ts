import type { FillTabResult } from '../messaging';
import { errorCode, errorMessage } from './api';

/** What to tell the user after a fill: an i18n key, or the background's own words for an unknown failure. */
export type FillOutcome = FillSuccess | FillRefusal;
export interface FillSuccess {
  ok: true;
  key: 'fillDone' | 'fillDoneNext';
}
export interface FillRefusal {
  ok: false;
  key: 'fillNoField' | 'fillSiteNotAllowed' | 'fillPageChanged' | null;
  message: string;
  code: string;
}

export function fillOutcome(result: FillTabResult): FillSuccess {
  return { ok: true, key: result.usedNext ? 'fillDoneNext' : 'fillDone' };
}

export function fillFailure(failure: unknown): FillRefusal {
  const code = errorCode(failure);
  const keys: Record<string, FillRefusal['key']> = {
    'no-field': 'fillNoField',
    'site-not-allowed': 'fillSiteNotAllowed',
    'page-changed': 'fillPageChanged',
  };
  const key = keys[code] ?? null;
  return { ok: false, key, message: errorMessage(failure), code };
}
