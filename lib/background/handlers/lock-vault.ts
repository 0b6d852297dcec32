import type { Handler } from '../router';
import type { BackgroundDeps } from '../deps';
import { lockNow } from '../unlocked-key';

export function lockVaultHandler(deps: BackgroundDeps): Handler<'lockVault'> {
  return {
    access: 'extension',
    async handle() {
      await lockNow(deps);
      return { state: 'locked' };
    },
  };
}
