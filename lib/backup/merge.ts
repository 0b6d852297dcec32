/**
 * What an import would change, before anything is written. Imports merge: an incoming account that is
 * already in the vault (same secret, or same issuer + account name ignoring case and surrounding spaces),
 * or already earlier in the same file, is a duplicate and is skipped — never overwritten. The plan's `add`
 * list is committed in one transaction (VaultRepository.addMany), so an import happens entirely or not at all.
 */
import type { OtpAccountData } from '../otp/types';
import type { StoredAccount } from '../vault/repository';
import type { IncomingAccount, InvalidEntry } from './types';

export interface DuplicateAccount {
  incoming: IncomingAccount;
  /** The vault account it matches, or null when it repeats an earlier entry of the same file. */
  existing: Pick<StoredAccount, 'id' | 'data'> | null;
  reason: 'same-secret' | 'same-name';
}

export interface ImportPlan {
  add: IncomingAccount[];
  duplicates: DuplicateAccount[];
  invalid: InvalidEntry[];
}

function nameKey(data: OtpAccountData): string {
  const fold = (s: string) => s.trim().toLocaleLowerCase();
  // why: JSON of a pair, so "a:b"+"c" and "a"+"b:c" cannot collide.
  return JSON.stringify([fold(data.issuer), fold(data.account)]);
}

export function planImport(
  existing: readonly Pick<StoredAccount, 'id' | 'data'>[],
  incoming: readonly IncomingAccount[],
  invalid: readonly InvalidEntry[] = [],
): ImportPlan {
  const bySecret = new Map<string, Pick<StoredAccount, 'id' | 'data'> | null>();
  const byName = new Map<string, Pick<StoredAccount, 'id' | 'data'> | null>();
  for (const account of existing) {
    if (!bySecret.has(account.data.secret)) bySecret.set(account.data.secret, account);
    if (!byName.has(nameKey(account.data))) byName.set(nameKey(account.data), account);
  }
  const plan: ImportPlan = { add: [], duplicates: [], invalid: [...invalid] };
  for (const candidate of incoming) {
    const key = nameKey(candidate.data);
    if (bySecret.has(candidate.data.secret)) {
      plan.duplicates.push({
        incoming: candidate,
        existing: bySecret.get(candidate.data.secret) ?? null,
        reason: 'same-secret',
      });
    } else if (byName.has(key)) {
      plan.duplicates.push({ incoming: candidate, existing: byName.get(key) ?? null, reason: 'same-name' });
    } else {
      plan.add.push(candidate);
      bySecret.set(candidate.data.secret, null);
      byName.set(key, null);
    }
  }
  return plan;
}
