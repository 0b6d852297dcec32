import type { Handler } from '../router';
import { UserFacingError } from '../errors';
import type { BackgroundDeps } from '../deps';
import { startSession } from '../unlocked-key';
import { assertPasswordShape } from '../password-rules';

export function unlockVaultHandler(deps: BackgroundDeps): Handler<'unlockVault'> {
  return {
    access: 'extension',
    async handle({ password }) {
      assertPasswordShape(password);
      const state = await deps.vault.state();
      if (state === 'uninitialized') throw new UserFacingError('uninitialized', 'There is no vault yet.');
      const dek = await deps.vault.unlock(password);
      await startSession(deps, dek);
      return { state: 'unlocked' };
    },
  };
}
