import type { BackgroundDeps, StoredAccount } from './deps';
import { canFill } from '../sites/binding';
import { generateHotp } from '../otp/generate';
import { codesToFill } from './fill-codes';

/** Accounts whose allowed sites include both the top frame's and the target frame's origin. */
export async function fillableAccounts(
  deps: BackgroundDeps,
  dek: Uint8Array,
  topOrigin: string,
  frameOrigin: string,
): Promise<StoredAccount[]> {
  const suffixes = await deps.publicSuffixes();
  const { accounts } = await deps.vault.list(dek);
  return accounts.filter((a) => canFill({ topOrigin, frameOrigin, allowedSites: a.allowedSites, suffixes }));
}

/** `needle` occurs in `hay` as a whole token: "alice" is in "alice@contoso.com", never in "malice@x". */
function containsToken(hay: string, needle: string): boolean {
  const edge = /[\p{L}\p{N}_]/u;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) {
    const before = hay[i - 1];
    const after = hay[i + needle.length];
    if ((before === undefined || !edge.test(before)) && (after === undefined || !edge.test(after)))
      return true;
  }
  return false;
}

/**
 * The page's username names this account: equal, or one holds the other as a whole token (the page shows
 * "alice@contoso.com" for account "alice"; Alibaba RAM shows "alice@1234.onaliyun.com" for "alice@1234").
 */
export function usernameMatches(account: StoredAccount, username: string | undefined): boolean {
  const u = username?.trim().toLocaleLowerCase() ?? '';
  const a = account.data.account.trim().toLocaleLowerCase();
  if (!u || !a) return false;
  if (u === a) return true;
  if (Math.min(u.length, a.length) < 3) return false;
  return containsToken(u, a) || containsToken(a, u);
}

export type AccountPick =
  { account: StoredAccount; by: 'only' | 'username' | 'last-used' } | { choose: StoredAccount[] };

/**
 * Which bound account a fill without an explicit choice may use: the only one; else the one the page's
 * username names; else (when the username names none or several) the one last used on this site among
 * those still in question. Anything else is a guess, so the user chooses, the likeliest first.
 */
export function pickAccount(
  candidates: StoredAccount[],
  hints: { username?: string; lastUsedId?: string },
): AccountPick {
  const [only] = candidates;
  if (candidates.length === 1 && only) return { account: only, by: 'only' };
  const named = candidates.filter((a) => usernameMatches(a, hints.username));
  const [byName] = named;
  if (named.length === 1 && byName) return { account: byName, by: 'username' };
  const pool = named.length > 1 ? named : candidates;
  const last = pool.find((a) => a.id === hints.lastUsedId);
  if (last) return { account: last, by: 'last-used' };
  const rank = (a: StoredAccount) => (named.includes(a) ? 0 : 1) + (a.id === hints.lastUsedId ? 0 : 2);
  return { choose: [...candidates].sort((x, y) => rank(x) - rank(y)) };
}

/** The code(s) for one account; an HOTP counter is persisted before its code leaves the background. */
export async function codesFor(
  deps: BackgroundDeps,
  dek: Uint8Array,
  account: StoredAccount,
  twoCodes: boolean,
  /** Added to our clock for a time-based code: the site's clock minus ours, when ours is off. */
  clockOffsetMs = 0,
): Promise<{ codes: string[]; usedNext: boolean }> {
  if (account.data.kind === 'hotp') {
    return { codes: [await nextHotpCodeFor(deps, dek, account.id)], usedNext: false };
  }
  return codesToFill(account.data, deps.now() + clockOffsetMs, twoCodes);
}

/** Persists the incremented HOTP counter first, then computes the code with the counter that was used. */
export async function nextHotpCodeFor(deps: BackgroundDeps, dek: Uint8Array, id: string): Promise<string> {
  const used = await deps.vault.bumpHotpCounter(dek, id);
  const { secret, counter, algorithm, digits } = used.data;
  return generateHotp(secret, counter, algorithm, digits);
}
