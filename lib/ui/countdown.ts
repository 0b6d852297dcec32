export interface CountdownState {
  /** Whole seconds left, rounded up (what a person reads): 30 … 1, then 0 once expired. */
  secondsLeft: number;
  /** Share of the period left, 1 → 0, for the ring/bar. */
  fraction: number;
  expired: boolean;
}

/** Seconds before expiry during which the next code is shown as well. */
export const NEXT_CODE_WINDOW_SECONDS = 5;

/** Countdown for a code valid until `validUntil` (epoch ms) in windows of `periodSeconds`, read at `now`. */
export function countdown(validUntil: number, periodSeconds: number, now: number): CountdownState {
  const msLeft = Math.max(0, validUntil - now);
  const periodMs = Math.max(1, periodSeconds) * 1000;
  return {
    secondsLeft: Math.ceil(msLeft / 1000),
    fraction: Math.min(1, msLeft / periodMs),
    expired: msLeft === 0,
  };
}

/**
 * True when a TOTP/Steam code is in its last seconds and a next code is known. The next code is read last:
 * a view computes it on first read.
 */
export function showsNextCode(state: CountdownState, live: { readonly nextCode: string }): boolean {
  return !state.expired && state.secondsLeft <= NEXT_CODE_WINDOW_SECONDS && live.nextCode !== '';
}
