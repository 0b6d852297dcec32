import type { Handler } from '../router';
import { assertId } from '../errors';
import type { BackgroundDeps } from '../deps';
import { requireUnlocked } from '../unlocked-key';

export function deleteAccountHandler(deps: BackgroundDeps): Handler<'deleteAccount'> {
  return {
    access: 'extension',
    async handle({ id }) {
      const dek = await requireUnlocked(deps);
      assertId(id, 'Malformed delete.');
      await deps.vault.remove(id, dek);
      return null;
    },
  };
}
