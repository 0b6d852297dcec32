import type { Handler } from '../router';
import { originOf } from '../router';
import type { BackgroundDeps } from '../deps';
import { codesFor, fillableAccounts, pickAccount } from '../fillable-accounts';
import { lastUsedOn, rememberUsedOn } from '../last-used';
import { accountDisplayName } from '../../account-display-name';
import { autoSubmitOn } from '../settings';
import { clockOffsetFor } from '../clock-skew';

/**
 * The inline button in a page asks for the code. Only accounts bound to both the sender frame's origin
 * and its tab's top origin (as the browser reports them) are considered; the payload cannot widen that.
 * With several, the page's username or the account last used here decides; otherwise the user chooses.
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
      const candidates = await fillableAccounts(deps, dek, topOrigin, frameOrigin);
      let account = typeof accountId === 'string' ? candidates.find((a) => a.id === accountId) : undefined;
      if (!account && accountId !== undefined) return { status: 'no-account' };
      if (!account) {
        if (candidates.length === 0) return { status: 'no-account' };
        const pick = pickAccount(candidates, {
          username: typeof username === 'string' ? username.slice(0, 256) : undefined,
          lastUsedId: await lastUsedOn(deps.sessionArea, topOrigin),
        });
        if ('choose' in pick) {
          return {
            status: 'choose',
            choices: pick.choose.map((a) => ({ id: a.id, issuer: a.data.issuer, account: a.data.account })),
          };
        }
        account = pick.account;
      }
      // why: the inline button is the path most fills take; a computer clock that is off must not make
      // its codes fail where popup Fill's would pass (same check, same cached offset).
      const clockOffsetMs = account.data.kind === 'totp' ? await clockOffsetFor(deps, dek, topOrigin) : 0;
      const { codes, usedNext } = await codesFor(deps, dek, account, false, clockOffsetMs);
      await rememberUsedOn(deps.sessionArea, topOrigin, account.id).catch(() => undefined);
      const label = accountDisplayName(account.data);
      const submit = await autoSubmitOn(deps, dek, topOrigin);
      return { status: 'fill', codes, usedNext, label, submit };
    },
  };
}
