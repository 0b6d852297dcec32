/**
 * The popup's own reads, so its first screen never waits for (or wakes) the background: the snapshot the
 * background keeps in storage.session (lib/vault/popup-snapshot), the lock deadline beside it, and a
 * non-secret "a vault exists" marker. Codes of TOTP/Steam rows are computed here; HOTP codes, fills and
 * every change still go to the background.
 */
import type { ListReply } from './popup-boot';
import type { AccountView, UiIntent, VaultState } from '../messaging';
import { compactCode } from '../otp/compact-code';
import type { OtpAccountData } from '../otp/types';
import { SESSION_STORAGE_KEY, UNLOCKED_STATE_KEYS } from '../vault/session';
import {
  HEAD_KEY,
  SNAPSHOT_KEY,
  TOUCH_KEY,
  VAULT_MARKER_KEY,
  parseHead,
  parseIndex,
  parseMarker,
  parseTouch,
  type PopupSnapshot,
  type SnapshotAccount,
} from '../vault/popup-snapshot';
import { takeIntent } from '../background/intents';

export interface LocalArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

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

/** The first read of an open: a few keys, the same at 10 accounts as at 5,000. */
export const START_KEYS = [SESSION_STORAGE_KEY, TOUCH_KEY, SNAPSHOT_KEY, HEAD_KEY];

/** The live deadline (the key's, or a later one the popup set), or null when locked or expired. */
export function liveDeadline(values: Record<string, unknown>, now: number): number | null | 'expired' {
  const stored = values[SESSION_STORAGE_KEY] as { dataKey?: unknown; lockAt?: unknown } | undefined;
  if (stored === undefined) return null;
  if (typeof stored?.dataKey !== 'string' || typeof stored.lockAt !== 'number') return 'expired';
  const touched = parseTouch(values[TOUCH_KEY]);
  const lockAt = touched !== null && touched > stored.lockAt ? touched : stored.lockAt;
  return now < lockAt ? lockAt : 'expired';
}

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

export const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/u;

/**
 * Whether a bound site covers the tab's host, for ordering and the Fill hint only: the background decides
 * every fill with the full rules (public suffixes, tenants, punycode). Here: the exact host or a subdomain on
 * a label boundary; a loopback site only with its port.
 */
export function siteCoversUrl(site: string, url: URL): boolean {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  const host = url.hostname.toLowerCase();
  if (LOOPBACK.test(host)) return site === `${host}:${url.port}`;
  return host === site || host.endsWith(`.${site}`);
}

export type CodeFn = (account: OtpAccountData, nowMs: number) => string;

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

/** End (exclusive, epoch ms) of the period containing `now`, as lib/otp/generate's periodBounds. */
const periodEnd = (period: number, now: number) => (Math.floor(now / (period * 1000)) + 1) * period * 1000;

/**
 * Views of the snapshot rows. A code is computed the first time a row reads it, so the first screen
 * computes only the rows it shows, and searching or sorting thousands of rows computes none.
 */
export function viewsFromSnapshot(
  snapshot: PopupSnapshot,
  now: number,
  tabUrl: string | undefined,
  codeOf: CodeFn,
): ListReply {
  let url: URL | null = null;
  try {
    url = tabUrl ? new URL(tabUrl) : null;
  } catch {
    url = null;
  }
  const accounts = snapshot.accounts.map((row) => toView(row, now, url, codeOf));
  // why: a first screen (the head and the tab's rows) says so: the list then reads the rest after painting.
  return snapshot.complete
    ? { accounts, broken: snapshot.broken }
    : { accounts, broken: snapshot.broken, partial: true };
}

function toView(row: SnapshotAccount, now: number, url: URL | null, codeOf: CodeFn): AccountView {
  const { id, kind, issuer, account, digits, period, pinned, order, allowedSites } = row;
  const timeBased = kind !== 'hotp';
  const validUntil = timeBased ? periodEnd(period, now) : 0;
  let code: string | undefined;
  let nextCode: string | undefined;
  const codeAt = (at: number) => (timeBased ? codeOf({ ...row, counter: 0 }, at) : '');
  // why: accessors in the literal are several times cheaper than Object.defineProperties per row (5,000 rows).
  return {
    id,
    kind,
    issuer,
    account,
    digits,
    period,
    pinned,
    order,
    allowedSites,
    validUntil,
    matchesTab: url !== null && allowedSites.some((site) => siteCoversUrl(site, url)),
    get code() {
      return (code ??= codeAt(now));
    },
    get nextCode() {
      return (nextCode ??= codeAt(validUntil));
    },
  } as AccountView;
}
