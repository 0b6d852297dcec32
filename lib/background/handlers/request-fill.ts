import type { Handler } from '../router';
import { originOf } from '../router';
import type { BackgroundDeps } from '../deps';
import { codesFor, fillableAccounts, rankByUsername } from '../fillable-accounts';
import { accountDisplayName } from '../../account-display-name';
import { autoSubmitOn } from '../settings';

/**
 * The inline button in a page asks for the code. Only accounts bound to both the sender frame's origin
 * and its tab's top origin (as the browser reports them) are considered; the payload cannot widen that.
 * Always one code: a page labelling two fields "code 1/2" must not get the next period's code from a
 * logon click (two consecutive codes are for the popup's enrolment only, see fill-in-tab).
 */
export function requestFillHandler(deps: BackgroundDeps): Handler<'requestFill'> {
  return {
    access: 'content',
    async handle({ accountId, username }, ctx) {
      const frameOrigin = ctx.senderOrigin;
      const topOrigin = originOf(ctx.sender.tab?.url);
      if (!frameOrigin || !topOrigin) return { status: 'no-account' };
      const dek = await deps.session.load();
      if (!dek) return { status: 'locked' };
      const candidates = rankByUsername(
        await fillableAccounts(deps, dek, topOrigin, frameOrigin),
        typeof username === 'string' ? username : undefined,
      );
      const chosen = typeof accountId === 'string' ? candidates.find((a) => a.id === accountId) : undefined;
      if (!chosen && candidates.length > 1 && accountId === undefined) {
        return {
          status: 'choose',
          choices: candidates.map((a) => ({ id: a.id, issuer: a.data.issuer, account: a.data.account })),
        };
      }
      const account = chosen ?? (accountId === undefined ? candidates[0] : undefined);
      if (!account) return { status: 'no-account' };
      const { codes, usedNext } = await codesFor(deps, dek, account, false);
      const label = accountDisplayName(account.data);
      const submit = await autoSubmitOn(deps, dek, topOrigin);
      return { status: 'fill', codes, usedNext, label, submit };
    },
  };
}
