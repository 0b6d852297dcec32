import { MessageError, type FillTabResult, type RequestOf } from '../messaging';
import type { SendFn } from './api';
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

/** Asks the background to fill and words what happened (the toast's text and whether it is an error). */
export async function fillAndWord(
  send: SendFn,
  request: RequestOf<'fillTab'>,
): Promise<{ text: string; ok: boolean }> {
  let outcome: FillOutcome;
  try {
    outcome = fillOutcome(await send('fillTab', request));
  } catch (failure) {
    outcome = fillFailure(failure);
  }
  return { text: fillOutcomeText(outcome), ok: outcome.ok };
}

/** The words for a fill the background refused before the popup opened (a keyboard command's intent). */
export function refusalText(code: string): string {
  return fillOutcomeText(fillFailure(new MessageError(code, t('fillNoField'))));
}
