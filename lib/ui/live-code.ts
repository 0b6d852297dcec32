import type { AccountView } from '../messaging';

export interface LiveCode {
  code: string;
  nextCode: string;
  validUntil: number;
  /** True once even the next code has run out: only a refetch helps. */
  stale: boolean;
}

type CodeFields = Pick<AccountView, 'kind' | 'code' | 'nextCode' | 'validUntil' | 'period'>;

/**
 * The code to show at `now`. When the current window has passed but the background's `nextCode` is
 * known, that code is the current one, so the row changes on time while the list is being refetched.
 * HOTP rows pass through (their code comes from nextHotpCode, validUntil is 0).
 */
export function liveCode(account: CodeFields, now: number): LiveCode {
  if (account.kind === 'hotp' || account.validUntil <= 0 || now < account.validUntil) {
    // why: a view computes its next code (a second HMAC) when it is first read, and it is shown only in a
    // period's last seconds: read through, so a row outside them never computes it.
    return {
      code: account.code,
      get nextCode() {
        return account.nextCode;
      },
      validUntil: account.validUntil,
      stale: false,
    };
  }
  const nextUntil = account.validUntil + account.period * 1000;
  if (account.nextCode && now < nextUntil) {
    return { code: account.nextCode, nextCode: '', validUntil: nextUntil, stale: false };
  }
  return { code: account.code, nextCode: '', validUntil: account.validUntil, stale: true };
}

/** True when some time-based code in the list has expired and fresh codes should be fetched. */
export function needsRefetch(accounts: readonly CodeFields[], now: number): boolean {
  return accounts.some(
    (account) => account.kind !== 'hotp' && account.validUntil > 0 && now >= account.validUntil,
  );
}

/**
 * The earliest moment a time-based code in the list expires (Infinity when none does): a tick compares
 * one number instead of scanning every account. `now >= earliestExpiry(list)` ⇔ `needsRefetch(list, now)`.
 */
export function earliestExpiry(accounts: readonly CodeFields[]): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const account of accounts) {
    if (account.kind !== 'hotp' && account.validUntil > 0 && account.validUntil < earliest)
      earliest = account.validUntil;
  }
  return earliest;
}
