import type { Handler } from '../router';
import { UserFacingError } from '../errors';
import type { BackgroundDeps } from '../deps';
import { startSession } from '../unlocked-key';
import { assertNewPassword } from '../password-rules';

export function createVaultHandler(deps: BackgroundDeps): Handler<'createVault'> {
  return {
    access: 'extension',
    async handle({ password }) {
      assertNewPassword(password);
      if ((await deps.vault.state()) !== 'uninitialized') {
        throw new UserFacingError('vault-exists', 'A vault already exists.');
      }
      const dek = await deps.vault.create(password);
      await startSession(deps, dek, { newVault: true });
      return { state: 'unlocked' };
    },
  };
}
