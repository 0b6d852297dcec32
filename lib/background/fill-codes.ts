import { generateCode, periodBounds } from '../otp/generate';
import type { OtpAccountData } from '../otp/types';

/** Below this many ms left in the period, a filled code would likely expire before the page submits it. */
export const MIN_REMAINING_MS = 3_000;

/**
 * The code(s) to fill for a time-based account at `nowMs`: the current code, or the next one when the
 * current one is about to expire; with `twoCodes`, that code and the one after it.
 */
export function codesToFill(
  data: OtpAccountData,
  nowMs: number,
  twoCodes: boolean,
): { codes: string[]; usedNext: boolean } {
  const { end } = periodBounds(data.period, nowMs);
  const usedNext = end - nowMs < MIN_REMAINING_MS;
  const first = usedNext ? end : nowMs;
  const codes = [generateCode(data, first)];
  if (twoCodes) codes.push(generateCode(data, first + data.period * 1000));
  return { codes, usedNext };
}
