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
  const { accounts } = await deps.vault.list(dek);
  return accounts.filter((a) => canFill({ topOrigin, frameOrigin, allowedSites: a.allowedSites }));
}

/** Ranks accounts whose name contains the username typed on the previous step first. */
export function rankByUsername(accounts: StoredAccount[], username: string | undefined): StoredAccount[] {
  const wanted = username?.trim().toLocaleLowerCase();
  if (!wanted) return accounts;
  const score = (a: StoredAccount) => (a.data.account.toLocaleLowerCase().includes(wanted) ? 0 : 1);
  return [...accounts].sort((x, y) => score(x) - score(y));
}

/** The code(s) for one account; an HOTP counter is persisted before its code leaves the background. */
export async function codesFor(
  deps: BackgroundDeps,
  dek: Uint8Array,
  account: StoredAccount,
  twoCodes: boolean,
): Promise<{ codes: string[]; usedNext: boolean }> {
  if (account.data.kind === 'hotp') {
    return { codes: [await nextHotpCodeFor(deps, dek, account.id)], usedNext: false };
  }
  return codesToFill(account.data, deps.now(), twoCodes);
}

/** Persists the incremented HOTP counter first, then computes the code with the counter that was used. */
export async function nextHotpCodeFor(deps: BackgroundDeps, dek: Uint8Array, id: string): Promise<string> {
  const used = await deps.vault.bumpHotpCounter(dek, id);
  const { secret, counter, algorithm, digits } = used.data;
  return generateHotp(secret, counter, algorithm, digits);
}
