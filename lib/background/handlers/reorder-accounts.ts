import type { Handler } from '../router';
import { UserFacingError } from '../errors';
import type { BackgroundDeps } from '../deps';
import { requireUnlocked } from '../unlocked-key';

export function reorderAccountsHandler(deps: BackgroundDeps): Handler<'reorderAccounts'> {
  return {
    access: 'extension',
    async handle({ ids }) {
      await requireUnlocked(deps);
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
        throw new UserFacingError('invalid-request', 'Malformed reorder.');
      }
      await deps.vault.reorder(ids);
      return null;
    },
  };
}
