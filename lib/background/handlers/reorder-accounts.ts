import type { Handler } from '../router';
import { UserFacingError } from '../router';
import type { BackgroundDeps } from '../deps';
import { requireUnlocked } from '../unlocked-key';
import { toUserFacing } from './vault-errors';

export function reorderAccountsHandler(deps: BackgroundDeps): Handler<'reorderAccounts'> {
  return {
    access: 'extension',
    async handle({ ids }) {
      await requireUnlocked(deps);
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
        throw new UserFacingError('invalid-request', 'Malformed reorder.');
      }
      await deps.vault.reorder(ids).catch((error: unknown) => {
        throw toUserFacing(error);
      });
      return null;
    },
  };
}
