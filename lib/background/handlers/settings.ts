import type { Handler } from '../router';
import { UserFacingError } from '../errors';
import type { BackgroundDeps } from '../deps';
import { readSettings, writeSettings } from '../settings';
import { requireUnlocked } from '../unlocked-key';

export function getSettingsHandler(deps: BackgroundDeps): Handler<'getSettings'> {
  return {
    access: 'extension',
    // why: the settings are sealed in the vault; reading them needs the key.
    handle: async () => readSettings(deps, await requireUnlocked(deps)),
  };
}

export function setSettingsHandler(deps: BackgroundDeps): Handler<'setSettings'> {
  return {
    access: 'extension',
    async handle(patch) {
      // why: changing the auto-lock time of a locked vault would let anyone extend a future session.
      const dek = await requireUnlocked(deps);
      if (typeof patch !== 'object' || patch === null)
        throw new UserFacingError('invalid-request', 'Malformed settings.');
      return writeSettings(deps, dek, patch);
    },
  };
}
