import type { Handler } from '../router';
import { UserFacingError } from '../router';
import type { BackgroundDeps } from '../deps';
import { requireUnlocked } from '../unlocked-key';
import { toUserFacing } from './vault-errors';

export function deleteAccountHandler(deps: BackgroundDeps): Handler<'deleteAccount'> {
  return {
    access: 'extension',
    async handle({ id }) {
      const dek = await requireUnlocked(deps);
      if (typeof id !== 'string') throw new UserFacingError('invalid-request', 'Malformed delete.');
      await deps.vault.remove(id, dek).catch((error: unknown) => {
        throw toUserFacing(error);
      });
      return null;
    },
  };
}
