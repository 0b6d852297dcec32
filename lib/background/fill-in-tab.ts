import type { BackgroundDeps, FrameOrigin, StoredAccount } from './deps';
import type { FillCommand, FillCommandAnswer, FillProbe, FillTabResult } from '../messaging';
import { UserFacingError } from './errors';
import { accountAllowedOn, canFill } from '../sites/binding';
import { codesFor } from './fillable-accounts';
import { autoSubmitOn } from './settings';

/** Two consecutive codes are given only for an account added this recently (the enrolment that added it). */
export const TWO_CODES_WINDOW_MS = 10 * 60_000;

/**
 * Whether an "add and fill" may have code(T) and code(T+1): only right after the account was added. A
 * logon page that labels its fields "code 1/2" would otherwise collect a code that is still valid later.
 */
export function twoCodesAllowed(account: StoredAccount, nowMs: number): boolean {
  return Math.abs(nowMs - account.createdAt) <= TWO_CODES_WINDOW_MS;
}

type CheckedFrame = FrameOrigin & { origin: string };

/**
 * Fills an account's code into a tab after a trusted gesture in the extension (popup click, keyboard
 * command). The code goes only to frames whose origin, as the browser reports it, is allowed for the
 * account, and only when the top frame is too. Each message is pinned to the document that was checked
 * (where the browser can) and names the checked origin, which the content script compares with its own
 * before writing, so a frame that navigated since the check gets nothing.
 */
export async function fillAccountInTab(
  deps: BackgroundDeps,
  dek: Uint8Array,
  tabId: number,
  account: StoredAccount,
  twoCodes: boolean,
): Promise<FillTabResult> {
  const frames = await deps.frameOrigins(tabId).catch(() => []);
  const topOrigin = frames.find((f) => f.frameId === 0)?.origin;
  if (!topOrigin || !accountAllowedOn(topOrigin, account.allowedSites)) {
    throw new UserFacingError(
      'site-not-allowed',
      'This account is not bound to the site in this tab. Nothing was filled.',
    );
  }
  let targets: CheckedFrame[] = frames.flatMap(({ origin, ...f }) =>
    origin !== null && canFill({ topOrigin, frameOrigin: origin, allowedSites: account.allowedSites })
      ? [{ ...f, origin }]
      : [],
  );
  const ask = async (f: CheckedFrame, message: FillCommand | FillProbe) =>
    (await deps.sendToFrame(tabId, f.frameId, message, f.documentId).catch(() => undefined)) as
      FillCommandAnswer | undefined;

  if (account.data.kind === 'hotp') {
    // why: an HOTP code spends a counter; spend it only when a frame still on the checked origin has a
    // field to take it.
    const probes = await Promise.all(
      targets.map((f) => ask(f, { type: 'probeFill', expectedOrigin: f.origin })),
    );
    if (probes.some((p) => p?.refused === 'origin-changed') && !probes.some((p) => p?.ready === true)) {
      throw pageChanged();
    }
    targets = targets.filter((_, i) => probes[i]?.ready === true);
    if (targets.length === 0) throw noField();
  }

  const { codes, usedNext } = await codesFor(
    deps,
    dek,
    account,
    twoCodes && twoCodesAllowed(account, deps.now()),
  );
  // why: an enrolment (two codes asked) is confirmed by the user on the page, never submitted for them.
  const submit = !twoCodes && (await autoSubmitOn(deps, dek, topOrigin));
  const answers = await Promise.all(
    targets.map((f) => ask(f, { type: 'fillCodes', codes, expectedOrigin: f.origin, submit })),
  );
  const filledFrames = answers.filter((a) => a?.filled === true).length;
  if (filledFrames === 0) {
    if (answers.some((a) => a?.refused === 'origin-changed')) throw pageChanged();
    throw answers.some((a) => a?.refused === 'field-too-short') ? fieldTooShort() : noField();
  }
  return { filledFrames, usedNext };
}

function noField(): UserFacingError {
  return new UserFacingError('no-field', 'No MFA code field was found on this page.');
}

function fieldTooShort(): UserFacingError {
  return new UserFacingError('field-too-short', 'This field is too short for the code; nothing was filled.');
}

function pageChanged(): UserFacingError {
  return new UserFacingError(
    'page-changed',
    'The page changed before the code was filled. Nothing was filled.',
  );
}
