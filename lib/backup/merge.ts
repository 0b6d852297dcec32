/**
 * What an import would change, before anything is written, and the duplicate rule every add shares.
 *
 * A duplicate is the same key: the same secret bytes for the same kind of account. Names say nothing about
 * identity: a QR labelled "GitHub:alice" from any page must not make the real GitHub enrollment look like
 * a duplicate. Imports merge: a duplicate (in the vault, or earlier in the same file) is skipped; an account
 * with the name of a stored one but another secret is added next to it ("keep both"). An import never
 * overwrites or deletes. The plan's `add` list is committed in one transaction (VaultRepository.addMany), so
 * an import happens entirely or not at all.
 */
import { normalizeSecret } from '../otp/secret';
import type { OtpAccountData } from '../otp/types';
import type { StoredAccount } from '../vault/types';
import type { IncomingAccount, InvalidEntry } from './types';

export interface DuplicateAccount {
  incoming: IncomingAccount;
  /** The vault account it matches, or null when it repeats an earlier entry of the same file. */
  existing: Pick<StoredAccount, 'id' | 'data'> | null;
  reason: 'same-secret';
}

export interface ImportPlan {
  add: IncomingAccount[];
  duplicates: DuplicateAccount[];
  invalid: InvalidEntry[];
}

type Known = Pick<StoredAccount, 'id' | 'data'>;

/** Kind + canonical base32 of the secret bytes, so "jbsw y3dp" and "JBSWY3DP====" are one key. */
export function secretKey(data: Pick<OtpAccountData, 'kind' | 'secret'>): string {
  const normalized = normalizeSecret(data.secret);
  return JSON.stringify([data.kind, normalized.ok ? normalized.secret : data.secret.toUpperCase()]);
}

/** Issuer + account name, ignoring case and surrounding spaces. */
export function nameKey(data: Pick<OtpAccountData, 'issuer' | 'account'>): string {
  const fold = (s: string) => s.trim().toLocaleLowerCase();
  // why: JSON of a pair, so "a:b"+"c" and "a"+"b:c" cannot collide.
  return JSON.stringify([fold(data.issuer), fold(data.account)]);
}

/** The stored account with the same secret (and kind), if any: adding `data` again would be a duplicate. */
export function findSameSecret<T extends Known>(existing: readonly T[], data: OtpAccountData): T | undefined {
  const key = secretKey(data);
  return existing.find((account) => secretKey(account.data) === key);
}

/** Stored accounts with the same issuer + name but another secret: the user decides (keep both or replace). */
export function findNameClashes<T extends Known>(existing: readonly T[], data: OtpAccountData): T[] {
  const name = nameKey(data);
  const key = secretKey(data);
  return existing.filter((account) => nameKey(account.data) === name && secretKey(account.data) !== key);
}

export function planImport(
  existing: readonly Known[],
  incoming: readonly IncomingAccount[],
  invalid: readonly InvalidEntry[] = [],
): ImportPlan {
  const bySecret = new Map<string, Known | null>();
  for (const account of existing) {
    const key = secretKey(account.data);
    if (!bySecret.has(key)) bySecret.set(key, account);
  }
  const plan: ImportPlan = { add: [], duplicates: [], invalid: [...invalid] };
  for (const candidate of incoming) {
    const key = secretKey(candidate.data);
    if (bySecret.has(key)) {
      plan.duplicates.push({
        incoming: candidate,
        existing: bySecret.get(key) ?? null,
        reason: 'same-secret',
      });
    } else {
      // why: a same-name account with another secret is added beside the stored one, never over it.
      plan.add.push(candidate);
      bySecret.set(key, null);
    }
  }
  return plan;
}
