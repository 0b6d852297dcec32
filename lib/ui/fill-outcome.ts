import type { FillTabResult } from '../messaging';
import { errorCode, errorMessage } from './api';
import { errorKey } from './error-messages';
import { t } from './i18n';

/** What to tell the user after a fill: an i18n key, or the background's own words for an unknown failure. */
export type FillOutcome = FillSuccess | FillRefusal;
export interface FillSuccess {
  ok: true;
  key: 'fillDone' | 'fillDoneNext';
  /** This computer's clock was this many seconds off the site's; the code was corrected for it. */
  clockSkewSeconds?: number;
}
export interface FillRefusal {
  ok: false;
  /** From the one error table (lib/ui/error-messages.ts); null: show `message`. */
  key: string | null;
  message: string;
  code: string;
}

export function fillOutcome(result: FillTabResult): FillSuccess {
  const key = result.usedNext ? 'fillDoneNext' : 'fillDone';
  return result.clockSkewSeconds
    ? { ok: true, key, clockSkewSeconds: result.clockSkewSeconds }
    : { ok: true, key };
}

export function fillFailure(failure: unknown): FillRefusal {
  const code = errorCode(failure);
  return { ok: false, key: errorKey(code), message: errorMessage(failure), code };
}

/** The line to show for an outcome, in the user's language when it is known. */
export function fillOutcomeText(outcome: FillOutcome): string {
  const text = outcome.key ? t(outcome.key) : (outcome as FillRefusal).message;
  return outcome.ok && outcome.clockSkewSeconds
    ? `${text} ${t('fillClockCorrected', [String(Math.abs(outcome.clockSkewSeconds))])}`
    : text;
}
