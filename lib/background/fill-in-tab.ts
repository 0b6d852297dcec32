import type { BackgroundDeps, FrameOrigin, StoredAccount } from './deps';
import type { FillCommand, FillCommandAnswer, FillProbe, FillTabResult } from '../messaging';
import { UserFacingError } from './errors';
import { accountAllowedOn, canFill } from '../sites/binding';
import { codesFor } from './fillable-accounts';
import { appendCodeOn, autoSubmitOn } from './settings';
import { rememberUsedOn } from './last-used';
import { clockOffsetFor } from './clock-skew';

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
  const suffixes = await deps.publicSuffixes();
  const frames = await deps.frameOrigins(tabId).catch(() => []);
  const topOrigin = frames.find((f) => f.frameId === 0)?.origin;
  if (!topOrigin || !accountAllowedOn(topOrigin, account.allowedSites, suffixes)) {
    throw new UserFacingError(
      'site-not-allowed',
      'This account is not bound to the site in this tab. Nothing was filled.',
    );
  }
  const boundFrames = (list: FrameOrigin[]): CheckedFrame[] =>
    list.flatMap(({ origin, ...f }) =>
      origin !== null &&
      canFill({ topOrigin, frameOrigin: origin, allowedSites: account.allowedSites, suffixes })
        ? [{ ...f, origin }]
        : [],
    );
  const checkedDocuments = new Map(frames.map((f) => [f.frameId, f.documentId]));
  /** A frame that held another document at the check has navigated since: it is not what the user saw. */
  const navigated = (f: FrameOrigin) => {
    const before = checkedDocuments.get(f.frameId);
    return before !== undefined && f.documentId !== undefined && before !== f.documentId;
  };
  /** The bound frames now: frames added since the first look (a late srcdoc widget) included. */
  const boundFramesNow = async (): Promise<CheckedFrame[]> => {
    const now = await deps.frameOrigins(tabId).catch(() => []);
    const top = now.find((f) => f.frameId === 0);
    // why: a top frame that navigated away is not the page that was checked; nothing goes to its frames.
    if (top?.origin !== topOrigin || navigated(top)) return [];
    // why: the code goes only to documents that were there at the check, or frames that appeared since;
    // a frame whose document was replaced (even by one of the same origin) is refused, as the pin says.
    return boundFrames(now.filter((f) => !navigated(f)));
  };
  let targets = boundFrames(frames);
  // why: asked while the field is looked for, so the site's answer (or its timeout) rarely delays the fill.
  const clockOffset =
    account.data.kind === 'totp' ? clockOffsetFor(deps, dek, topOrigin) : Promise.resolve(0);
  const ask = async (f: CheckedFrame, message: FillCommand | FillProbe) =>
    (await deps.sendToFrame(tabId, f.frameId, message, f.documentId).catch(() => undefined)) as
      FillCommandAnswer | undefined;
  /**
   * Asks every bound frame at once; when none settles it (a field, or a refusal), asks again with a wait
   * for a field still being rendered, then once more any frame that appeared meanwhile. A page with a
   * field is never slowed by its other frames.
   */
  const untilSettled = async (
    message: (f: CheckedFrame, wait: boolean) => FillCommand | FillProbe,
    settled: (a: FillCommandAnswer | undefined) => boolean,
  ): Promise<{ frame: CheckedFrame; answer: FillCommandAnswer | undefined }[]> => {
    const round = async (list: CheckedFrame[], wait: boolean) =>
      Promise.all(list.map(async (frame) => ({ frame, answer: await ask(frame, message(frame, wait)) })));
    let results = await round(targets, false);
    if (results.some((r) => settled(r.answer))) return results;
    targets = await boundFramesNow();
    results = await round(targets, true);
    if (results.some((r) => settled(r.answer))) return results;
    const seen = new Set(targets.map((f) => `${f.frameId}/${f.documentId ?? ''}`));
    const added = (await boundFramesNow()).filter((f) => !seen.has(`${f.frameId}/${f.documentId ?? ''}`));
    return added.length > 0 ? [...results, ...(await round(added, false))] : results;
  };

  if (account.data.kind === 'hotp') {
    // why: an HOTP code spends a counter; spend it only when a frame still on the checked origin has a
    // field to take it.
    const results = await untilSettled(
      (f, wait) => ({ type: 'probeFill', expectedOrigin: f.origin, wait, codeLength: account.data.digits }),
      (p) => p?.ready === true || p?.refused !== undefined,
    );
    const probes = results.map((r) => r.answer);
    if (probes.some((p) => p?.refused === 'origin-changed') && !probes.some((p) => p?.ready === true)) {
      throw pageChanged();
    }
    targets = results.filter((r) => r.answer?.ready === true).map((r) => r.frame);
    if (targets.length === 0) {
      throw probes.some((p) => p?.refused === 'field-too-short') ? fieldTooShort() : noField();
    }
  }

  const clockOffsetMs = await clockOffset;
  const { codes, usedNext } = await codesFor(
    deps,
    dek,
    account,
    twoCodes && twoCodesAllowed(account, deps.now()),
    clockOffsetMs,
  );
  // why: an enrolment (two codes asked) is confirmed by the user on the page, never submitted for them.
  const submit = !twoCodes && (await autoSubmitOn(deps, dek, topOrigin));
  // why: only a TOTP fill the user asked for on a site they listed; an HOTP fill probed a code field.
  const append =
    !twoCodes && account.data.kind !== 'hotp' && (await appendCodeOn(deps, dek, topOrigin))
      ? true
      : undefined;
  const answers =
    account.data.kind === 'hotp'
      ? await Promise.all(
          targets.map((f) => ask(f, { type: 'fillCodes', codes, expectedOrigin: f.origin, submit })),
        )
      : (
          await untilSettled(
            (f, wait) => ({ type: 'fillCodes', codes, expectedOrigin: f.origin, submit, wait, append }),
            (a) => a?.filled === true || a?.refused !== undefined,
          )
        ).map((r) => r.answer);
  const filledFrames = answers.filter((a) => a?.filled === true).length;
  if (filledFrames === 0) {
    if (answers.some((a) => a?.refused === 'origin-changed')) throw pageChanged();
    throw answers.some((a) => a?.refused === 'field-too-short') ? fieldTooShort() : noField();
  }
  await rememberUsedOn(deps.sessionArea, topOrigin, account.id).catch(() => undefined);
  return clockOffsetMs !== 0
    ? { filledFrames, usedNext, clockSkewSeconds: Math.round(clockOffsetMs / 1000) }
    : { filledFrames, usedNext };
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

/**
 * The username the page shows or had typed, from the first frame bound to any of `accounts` that
 * reports one: only to choose among the user's own accounts for this site, never sent anywhere.
 */
export async function usernameInTab(
  deps: BackgroundDeps,
  tabId: number,
  frames: FrameOrigin[],
  topOrigin: string,
  accounts: StoredAccount[],
): Promise<string | undefined> {
  const suffixes = await deps.publicSuffixes();
  const bound = frames.filter(
    (f): f is CheckedFrame =>
      f.origin !== null &&
      accounts.some((a) =>
        canFill({ topOrigin, frameOrigin: f.origin!, allowedSites: a.allowedSites, suffixes }),
      ),
  );
  const answers = await Promise.all(
    bound.map(
      (f) =>
        deps
          .sendToFrame(tabId, f.frameId, { type: 'probeFill', expectedOrigin: f.origin }, f.documentId)
          .catch(() => undefined) as Promise<FillCommandAnswer | undefined>,
    ),
  );
  const found = answers.find((a) => typeof a?.username === 'string' && a.username);
  return found?.username;
}
