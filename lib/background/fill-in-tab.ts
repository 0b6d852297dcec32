import type { BackgroundDeps, StoredAccount } from './deps';
import type { FillCommand, FillTabResult } from '../messaging';
import { UserFacingError } from './router';
import { accountAllowedOn } from './site-policy';
import { codesFor } from './handlers/fillable-accounts';
import { autoSubmitOn } from './settings';

/**
 * Fills an account's code into a tab after a trusted gesture in the extension (popup click, keyboard
 * command). The code goes only to frames whose origin, as the browser reports it, is allowed for the
 * account, and only when the top frame is too.
 */
export async function fillAccountInTab(
  deps: BackgroundDeps,
  dek: Uint8Array,
  tabId: number,
  account: StoredAccount,
  twoCodes: boolean,
): Promise<FillTabResult> {
  const frames = await deps.frameOrigins(tabId).catch(() => []);
  const top = frames.find((f) => f.frameId === 0);
  if (!top?.origin || !accountAllowedOn(top.origin, account.allowedSites)) {
    throw new UserFacingError(
      'site-not-allowed',
      'This account is not bound to the site in this tab. Nothing was filled.',
    );
  }
  const allowed = frames.filter((f) => f.origin !== null && accountAllowedOn(f.origin, account.allowedSites));
  const { codes, usedNext } = await codesFor(deps, dek, account, twoCodes);
  // why: an enrolment (two codes) is confirmed by the user on the page, never submitted for them.
  const submit = !twoCodes && (await autoSubmitOn(deps, dek, top.origin));
  const command: FillCommand = { type: 'fillCodes', codes, submit };
  const answers = await Promise.all(
    allowed.map((f) => deps.sendToFrame(tabId, f.frameId, command).catch(() => undefined)),
  );
  const filledFrames = answers.filter((a) => (a as { filled?: unknown } | undefined)?.filled === true).length;
  if (filledFrames === 0) throw new UserFacingError('no-field', 'No MFA code field was found on this page.');
  return { filledFrames, usedNext };
}
