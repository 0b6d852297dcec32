import type { Handler } from '../router';
import type { BackgroundDeps } from '../deps';

export function getVaultStateHandler(deps: BackgroundDeps): Handler<'getVaultState'> {
  return {
    access: 'extension',
    async handle() {
      const stored = await deps.vault.state();
      if (stored !== 'initialized') return { state: stored, lockAt: 0 };
      // why: load() checks the deadline, so a missed alarm still reads as locked.
      const dek = await deps.session.load();
      if (!dek) return { state: 'locked', lockAt: 0 };
      return { state: 'unlocked', lockAt: (await deps.session.lockAt()) ?? 0 };
    },
  };
}
