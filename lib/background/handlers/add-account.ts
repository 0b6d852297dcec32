import type { Handler } from '../router';
import { UserFacingError, originOf } from '../router';
import type { BackgroundDeps, StoredAccount } from '../deps';
import type { OtpAccountData } from '../../otp/types';
import { requireUnlocked } from '../unlocked-key';
import { validateAccountData } from '../../otp/uri';
import { planImport } from '../../backup/merge';
import { sitesForNewAccount } from './allowed-sites';
import { toUserFacing } from './vault-errors';

/** Same secret, or same issuer + account name: the import planner's rule, so both paths agree. */
export function findDuplicate(existing: StoredAccount[], data: OtpAccountData): StoredAccount | undefined {
  const [duplicate] = planImport(existing, [{ data }]).duplicates;
  return existing.find((a) => a.id === duplicate?.existing?.id);
}

export function addAccountHandler(deps: BackgroundDeps): Handler<'addAccount'> {
  return {
    access: 'extension',
    async handle(payload) {
      const dek = await requireUnlocked(deps);
      const parsed = validateAccountData(payload.data);
      if (!parsed.ok)
        throw new UserFacingError(`invalid-account:${parsed.error.reason}`, parsed.error.message);
      const data = parsed.account;
      const enrolledOrigin = payload.enrolledOrigin ? (originOf(payload.enrolledOrigin) ?? '') : '';
      const allowedSites = sitesForNewAccount(payload.allowedSites, enrolledOrigin, data.issuer);
      const { accounts } = await deps.vault.list(dek);
      const duplicate = findDuplicate(accounts, data);
      if (duplicate) {
        const name = [duplicate.data.issuer, duplicate.data.account].filter(Boolean).join(' · ');
        throw new UserFacingError(
          'duplicate',
          `This account is already in the vault (${name}). Nothing was added.`,
        );
      }
      const stored = await deps.vault
        .add(dek, { data, allowedSites, enrolledOrigin })
        .catch((error: unknown) => {
          throw toUserFacing(error);
        });
      return { id: stored.id };
    },
  };
}
