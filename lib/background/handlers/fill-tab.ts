import type { Handler } from '../router';
import { UserFacingError } from '../router';
import type { BackgroundDeps } from '../deps';
import type { FillCommand } from '../../messaging';
import { requireUnlocked } from '../unlocked-key';
import { accountAllowedOn } from '../site-policy';
import { codesFor } from './fillable-accounts';

/**
 * "Fill" from the popup (a trusted gesture in an extension page). The code goes only to frames whose
 * origin, as the browser reports it, is allowed for the account, and only when the top frame is too.
 */
export function fillTabHandler(deps: BackgroundDeps): Handler<'fillTab'> {
  return {
    access: 'extension',
    async handle({ tabId, accountId, twoCodes }) {
      const dek = await requireUnlocked(deps);
      const { accounts } = await deps.vault.list(dek);
      const account = accounts.find((a) => a.id === accountId);
      if (!account) throw new UserFacingError('not-found', 'That account is no longer in the vault.');
      const frames = await deps.frameOrigins(tabId).catch(() => []);
      const top = frames.find((f) => f.frameId === 0);
      if (!top?.origin || !accountAllowedOn(top.origin, account.allowedSites)) {
        throw new UserFacingError(
          'site-not-allowed',
          'This account is not bound to the site in this tab. Nothing was filled.',
        );
      }
      const allowed = frames.filter(
        (f) => f.origin !== null && accountAllowedOn(f.origin, account.allowedSites),
      );
      const { codes, usedNext } = await codesFor(deps, dek, account, twoCodes === true);
      const command: FillCommand = { type: 'fillCodes', codes };
      const answers = await Promise.all(
        allowed.map((f) => deps.sendToFrame(tabId, f.frameId, command).catch(() => undefined)),
      );
      const filledFrames = answers.filter(
        (a) => (a as { filled?: unknown } | undefined)?.filled === true,
      ).length;
      if (filledFrames === 0) {
        throw new UserFacingError('no-field', 'No MFA code field was found on this page.');
      }
      return { filledFrames, usedNext };
    },
  };
}
