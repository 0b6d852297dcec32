import type { Handler } from '../router';
import { UserFacingError } from '../errors';
import type { BackgroundDeps } from '../deps';
import { requireUnlocked } from '../unlocked-key';
import { fillAccountInTab } from '../fill-in-tab';

/** "Fill" from the popup: a trusted gesture in an extension page. */
export function fillTabHandler(deps: BackgroundDeps): Handler<'fillTab'> {
  return {
    access: 'extension',
    async handle({ tabId, accountId, twoCodes }) {
      const dek = await requireUnlocked(deps);
      const { accounts } = await deps.vault.list(dek);
      const account = accounts.find((a) => a.id === accountId);
      if (!account) throw new UserFacingError('not-found', 'That account is no longer in the vault.');
      return fillAccountInTab(deps, dek, tabId, account, twoCodes === true);
    },
  };
}
