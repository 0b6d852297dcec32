import type { Handler } from '../router';
import { UserFacingError } from '../errors';
import type { BackgroundDeps } from '../deps';
import { requireUnlocked } from '../unlocked-key';

export function deleteAccountHandler(deps: BackgroundDeps): Handler<'deleteAccount'> {
  return {
    access: 'extension',
    async handle({ id }) {
      const dek = await requireUnlocked(deps);
      if (typeof id !== 'string') throw new UserFacingError('invalid-request', 'Malformed delete.');
      await deps.vault.remove(id, dek);
      return null;
    },
  };
}
