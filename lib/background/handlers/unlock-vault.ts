import type { Handler } from '../router';
import { UserFacingError } from '../router';
import type { BackgroundDeps } from '../deps';
import { startSession } from '../unlocked-key';
import { assertPasswordShape } from './password-rules';
import { toUserFacing } from './vault-errors';

export function unlockVaultHandler(deps: BackgroundDeps): Handler<'unlockVault'> {
  return {
    access: 'extension',
    async handle({ password }) {
      assertPasswordShape(password);
      const state = await deps.vault.state();
      if (state === 'uninitialized') throw new UserFacingError('uninitialized', 'There is no vault yet.');
      const dek = await deps.vault.unlock(password).catch((error: unknown) => {
        throw toUserFacing(error);
      });
      await startSession(deps, dek);
      return { state: 'unlocked' };
    },
  };
}
