import type { Handler } from '../router';
import { originOf } from '../router';
import { UserFacingError } from '../errors';
import type { BackgroundDeps, StoredAccount } from '../deps';
import type { NameClash, NameClashChoice } from '../../messaging';
import { requireUnlocked } from '../unlocked-key';
import { validateAccountData } from '../../otp/uri';
import { findNameClashes, findSameSecret, nameKey } from '../../backup/merge';
import { sitesForNewAccount } from '../allowed-sites';
import { accountDisplayName } from '../../account-display-name';

const CHOICES: readonly NameClashChoice[] = ['ask', 'keep-both', 'replace'];

function clashOf(existing: StoredAccount, incomingSites: string[]): NameClash {
  return {
    existing: {
      id: existing.id,
      issuer: existing.data.issuer,
      account: existing.data.account,
      allowedSites: [...existing.allowedSites],
    },
    incomingSites,
  };
}

/**
 * Adds one account after the user confirmed it. The same secret is a duplicate and adds nothing. The name
 * of a stored account with another secret is only a name: by default the user is asked (a 'name-clash'
 * error carrying both sets of sites); 'keep-both' adds beside it; 'replace' swaps the named account's
 * content in one transaction, and only that account, only while it still has this name.
 */
export function addAccountHandler(deps: BackgroundDeps): Handler<'addAccount'> {
  return {
    access: 'extension',
    async handle(payload) {
      const dek = await requireUnlocked(deps);
      const choice = payload.onNameClash ?? 'ask';
      if (!CHOICES.includes(choice))
        throw new UserFacingError('invalid-request', 'Unknown choice for an account of the same name.');
      const parsed = validateAccountData(payload.data);
      if (!parsed.ok)
        throw new UserFacingError(`invalid-account:${parsed.error.reason}`, parsed.error.message);
      const data = parsed.account;
      const enrolledOrigin = payload.enrolledOrigin ? (originOf(payload.enrolledOrigin) ?? '') : '';
      const allowedSites = sitesForNewAccount(
        payload.allowedSites,
        enrolledOrigin,
        data.issuer,
        await deps.publicSuffixes(),
      );
      const { accounts } = await deps.vault.list(dek);
      // why: the import planner's rule (lib/backup/merge.ts), so every way of adding agrees.
      const duplicate = findSameSecret(accounts, data);
      if (duplicate) {
        throw new UserFacingError(
          'duplicate',
          `This account is already in the vault (${accountDisplayName(duplicate.data)}). Nothing was added.`,
        );
      }
      const [clash] = findNameClashes(accounts, data);
      if (choice === 'replace') {
        const target = accounts.find((a) => a.id === payload.replaceId);
        // why: replace deletes a secret; only the account the user was shown, and only while the names match.
        if (!target || nameKey(target.data) !== nameKey(data)) {
          throw new UserFacingError(
            'replace-mismatch',
            'The account to replace is gone or was renamed. Nothing was changed; scan again.',
          );
        }
        const replaced = await deps.vault.replace(dek, target.id, { data, allowedSites, enrolledOrigin });
        return { id: replaced.id, replaced: true };
      }
      if (clash && choice === 'ask') {
        throw new UserFacingError(
          'name-clash',
          `An account named ${accountDisplayName(clash.data)} already exists with another secret. ` +
            'Keep both, or replace the old one.',
          clashOf(clash, allowedSites),
        );
      }
      const stored = await deps.vault.add(dek, { data, allowedSites, enrolledOrigin });
      return { id: stored.id, replaced: false };
    },
  };
}
