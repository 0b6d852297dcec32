/**
 * The popup's own reads, so its first screen never waits for (or wakes) the background: the snapshot the
 * background keeps in storage.session (lib/vault/popup-snapshot), the lock deadline beside it, and a
 * non-secret "a vault exists" marker. Codes of TOTP/Steam rows are computed here; HOTP codes, fills and
 * every change still go to the background.
 */
import type { UiIntent, VaultState } from '../messaging';
import { compactCode } from '../otp/compact-code';
import type { ListReply } from './popup-boot';
import { UNLOCKED_STATE_KEYS } from '../vault/session-keys';
import {
  HEAD_KEY,
  SNAPSHOT_KEY,
  TOUCH_KEY,
  VAULT_MARKER_KEY,
  parseHead,
  parseIndex,
  parseMarker,
  type PopupSnapshot,
} from '../vault/popup-snapshot';
import { takeIntent } from '../background/intents';
import { START_KEYS, liveDeadline, viewsFromSnapshot, type CodeFn, type LocalArea } from './snapshot-views';

export {
  LOOPBACK,
  START_KEYS,
  liveDeadline,
  siteCoversUrl,
  viewsFromSnapshot,
  type CodeFn,
  type LocalArea,
} from './snapshot-views';

/** What the popup reads without the background; `browser.storage.*` and `tabs.get` in main.tsx. */
export interface LocalSources {
  /** storage.session (trusted contexts only). */
  session: LocalArea;
  /** storage.local: only the non-secret vault marker is read from it. */
  local: Pick<LocalArea, 'get'>;
  /** URL of a tab, for putting the accounts bound to it first; undefined when unknown. */
  tabUrl(tabId: number): Promise<string | undefined>;
  now(): number;
}

/**
 * What the popup knows at open: a state, and with `unlocked` the snapshot's head (null: ask the background)
 * and the index's generation, which the reads that follow (the tab's rows, the chunks) must match.
 */
export type LocalStart =
  { state: 'unlocked'; snapshot: PopupSnapshot | null; gen?: string } | { state: VaultState } | null;

/**
 * Reads the unlocked snapshot, or says locked. A passed deadline is a lock (alarms may be late or lost): the
 * key and the snapshot are removed here, as the background would. Opening counts as use: the deadline moves.
 */
export async function readLocalStart(
  sources: LocalSources,
  /** START_KEYS already asked for (by the first-screen script at the page's start). */
  preread?: Promise<Record<string, unknown>>,
): Promise<LocalStart> {
  const now = sources.now();
  const values = await (preread ?? sources.session.get(START_KEYS));
  const deadline = liveDeadline(values, now);
  if (typeof deadline === 'number') {
    const index = parseIndex(values[SNAPSHOT_KEY]);
    const head = index && parseHead(values[HEAD_KEY]);
    if (!index || !head) return { state: 'unlocked', snapshot: null };
    // why: the idle auto-lock counts a popup open as use, without waking the background for it.
    void sources.session.set({ [TOUCH_KEY]: { lockAt: now + head.idleMs } }).catch(() => {});
    const { rows, broken, backup, idleMs, count } = head;
    const snapshot = { accounts: rows, broken, backup, idleMs, complete: rows.length === count };
    return { state: 'unlocked', snapshot, gen: index.gen };
  }
  if (deadline === 'expired' || values[SNAPSHOT_KEY] !== undefined || values[HEAD_KEY] !== undefined) {
    await sources.session.remove(UNLOCKED_STATE_KEYS).catch(() => {});
    // why: rare (an open after the deadline); the sweep of the other parts loads with the full reader.
    await import('./popup-full').then((m) => m.removeParts(sources.session)).catch(() => {});
  }
  const marker = parseMarker((await sources.local.get(VAULT_MARKER_KEY))[VAULT_MARKER_KEY]);
  if (marker === 'initialized') return { state: 'locked' };
  return marker ? { state: marker } : null;
}

/** The popup's one-shot intent (keyboard command, context menu), taken from storage.session directly. */
export function takeLocalIntent(sources: LocalSources): Promise<UiIntent | null> {
  const area = { ...sources.session, remove: (key: string) => sources.session.remove(key) };
  return takeIntent(area, sources.now());
}

/**
 * How this snapshot's codes are computed: the small SHA-1/SHA-256 code, plus the full generator (otpauth and
 * its hashes, a lazy chunk) only when some account uses SHA-512.
 */
export async function codeFunctionFor(snapshot: PopupSnapshot): Promise<CodeFn> {
  const full = snapshot.accounts.some((a) => a.algorithm === 'SHA512' && a.kind !== 'hotp')
    ? (await import('../otp/generate')).generateCode
    : null;
  return (account, nowMs) => compactCode(account, nowMs) ?? full?.(account, nowMs) ?? '';
}

/**
 * The first list of an open (or of the list after an unlock) from the snapshot's head that `start` read
 * (null when it holds none: ask the background). The tab's accounts come first: the head cannot know the
 * tab, so the keys of its sites are read too (only a web page has sites: the popup opened over anything
 * else does not wait for that chunk).
 */
export async function listAtOpen(
  local: LocalSources,
  start: LocalStart,
  tabUrl: Promise<string | undefined>,
): Promise<ListReply | null> {
  if (!start || !('snapshot' in start) || !start.snapshot) return null;
  const { snapshot: head, gen = '' } = start;
  // why: the reader of the tab's rows is a lazy chunk; it loads while the tab's URL is asked.
  const full = head.complete ? null : import('./popup-full').catch(() => null);
  const url = await tabUrl;
  const tabRows =
    full && /^https?:/u.test(url ?? '')
      ? await (await full)?.readTabRows(local.session, url, gen).catch(() => null)
      : [];
  // why: the snapshot changed between the two reads: read it whole rather than mix two versions.
  const snapshot = !tabRows
    ? await (await full)?.readLocalSnapshot(local).catch(() => null)
    : tabRows.length > 0
      ? ((await full)?.withTabRows(head, tabRows) ?? head)
      : head;
  if (!snapshot) return null;
  return viewsFromSnapshot(snapshot, local.now(), url, await codeFunctionFor(snapshot));
}
