/**
 * The popup's rows from the snapshot kept in storage.session: the deadline check, the views with their
 * codes computed on first read, and which rows the tab's site covers. Pure and free of lazy imports, so
 * both the app and the small first-screen script (lib/ui/first-screen.ts) use it.
 */
import type { ListReply } from './popup-boot';
import type { AccountView } from '../messaging';
import type { OtpAccountData } from '../otp/types';
import { SESSION_STORAGE_KEY } from '../vault/session-keys';
import {
  HEAD_KEY,
  SNAPSHOT_KEY,
  TOUCH_KEY,
  parseTouch,
  type PopupSnapshot,
  type SnapshotAccount,
} from '../vault/popup-snapshot';

export interface LocalArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

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

/** A row's code at `nowMs` (the row's id comes along, for a table of codes computed ahead). */
export type CodeFn = (account: OtpAccountData & { id: string }, nowMs: number) => string;

/** End (exclusive, epoch ms) of the period containing `now`, as lib/otp/generate's periodBounds. */
export const periodEnd = (period: number, now: number) =>
  (Math.floor(now / (period * 1000)) + 1) * period * 1000;

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
