import type { Handler } from '../../router';
import { UserFacingError, assertId } from '../../errors';
import type { BackgroundDeps } from '../../deps';
import { requireUnlocked } from '../../unlocked-key';
import { accountQrUri } from '../../../backup/export';
import { verifyMasterPassword } from '../../backup-steps';

/** The otpauth:// URI of one account for "show as QR", after the master password is typed again. */
export function accountUriHandler(deps: BackgroundDeps): Handler<'accountUri'> {
  return {
    access: 'extension',
    async handle({ id, password }) {
      const dek = await requireUnlocked(deps);
      assertId(id, 'Malformed request.');
      await verifyMasterPassword(deps, password);
      const account = (await deps.vault.list(dek)).accounts.find((a) => a.id === id);
      if (!account) throw new UserFacingError('account-not-found', 'That account is no longer in the vault.');
      return { uri: accountQrUri(account.data) };
    },
  };
}
