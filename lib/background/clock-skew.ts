import type { BackgroundDeps } from './deps';
import { readSettings } from './settings';

/** Below this, a skew is within what a verifier's ±1 period window and Date's 1 s resolution absorb. */
export const SKEW_THRESHOLD_MS = 10_000;
/** A measured offset is reused this long per origin, so a burst of fills sends one request. */
export const SKEW_REUSE_MS = 5 * 60_000;
const KEY_PREFIX = 'clockSkew:';

interface Measured {
  /** Server time minus our time, ms; null when the server gave no usable Date. */
  offsetMs: number | null;
  /** Our clock when measured. */
  at: number;
}

/**
 * The offset (ms) to add to our clock for codes filled on `origin`: the site's own clock, from the Date
 * header of one HEAD request, when ours is more than 10 s off; 0 when it is close, the check is turned off,
 * or the site gives no usable Date. Kept only in storage.session, per origin, for a few minutes.
 */
export async function clockOffsetFor(deps: BackgroundDeps, dek: Uint8Array, origin: string): Promise<number> {
  try {
    if (!/^https?:\/\//.test(origin)) return 0;
    const { clockCheck = true } = await readSettings(deps, dek);
    if (!clockCheck) return 0;
    const key = KEY_PREFIX + origin;
    const cached = (await deps.sessionArea.get(key))[key] as Measured | undefined;
    const age = cached ? deps.now() - cached.at : Infinity;
    const measured = age >= 0 && age < SKEW_REUSE_MS ? cached! : await measure(deps, origin);
    if (measured !== cached) await deps.sessionArea.set({ [key]: measured });
    const offset = measured.offsetMs ?? 0;
    return Math.abs(offset) > SKEW_THRESHOLD_MS ? offset : 0;
  } catch {
    return 0;
  }
}

async function measure(deps: BackgroundDeps, origin: string): Promise<Measured> {
  const start = deps.now();
  const date = await deps.serverDate(origin).catch(() => null);
  const end = deps.now();
  const server = date ? Date.parse(date) : NaN;
  // why: Date is truncated to whole seconds, so the server's time was on average half a second later; the
  // request's midpoint stands for when the server read its clock.
  const offsetMs = Number.isFinite(server) ? server + 500 - (start + end) / 2 : null;
  return { offsetMs, at: end };
}
