import type { Handler } from '../router';
import type { BackgroundDeps } from '../deps';
import { requireUnlocked } from '../unlocked-key';
import { toAccountView } from '../account-view';
import { accountAllowedOn } from '../../sites/binding';
import { originOfTab } from '../tab-origin';

export function listAccountsHandler(deps: BackgroundDeps): Handler<'listAccounts'> {
  return {
    access: 'extension',
    async handle({ tabId }) {
      const dek = await requireUnlocked(deps);
      const [{ accounts, broken }, tabOrigin] = await Promise.all([
        deps.vault.list(dek),
        originOfTab(deps, tabId),
      ]);
      const now = deps.now();
      return {
        accounts: accounts.map((stored) =>
          toAccountView(stored, now, tabOrigin !== null && accountAllowedOn(tabOrigin, stored.allowedSites)),
        ),
        broken,
      };
    },
  };
}
