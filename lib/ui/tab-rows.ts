/**
 * The first screen's rows bound to the popup's tab, from the snapshot's per-site keys. Used by the app's
 * boot and by the first-screen script (lib/ui/first-screen.ts).
 */
import { LOOPBACK, type LocalArea } from './snapshot-views';
import {
  SNAPSHOT_KEY,
  parseIndex,
  parseRows,
  siteKey,
  type PopupSnapshot,
  type SnapshotAccount,
} from '../vault/popup-snapshot';

/**
 * The sites whose key may hold rows bound to this URL: exactly those `siteCoversUrl` accepts — the host and
 * each parent domain on a label boundary, or for a loopback host the host with its port.
 */
export function sitesForUrl(url: URL): string[] {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return [];
  const host = url.hostname.toLowerCase();
  if (LOOPBACK.test(host)) return [`${host}:${url.port}`];
  const labels = host.split('.');
  return labels.map((_, i) => labels.slice(i).join('.')).filter(Boolean);
}

/**
 * The first screen's rows bound to the tab (from the keys of the tab's host and its parent domains), or
 * null when the snapshot changed since the index `gen` was read (then the whole snapshot is read).
 */
export async function readTabRows(
  area: Pick<LocalArea, 'get'>,
  tabUrl: string | undefined,
  gen: string,
): Promise<SnapshotAccount[] | null> {
  let sites: string[] = [];
  try {
    sites = tabUrl ? sitesForUrl(new URL(tabUrl)) : [];
  } catch {
    sites = [];
  }
  if (sites.length === 0) return [];
  const values = await area.get([SNAPSHOT_KEY, ...sites.map(siteKey)]);
  if (parseIndex(values[SNAPSHOT_KEY])?.gen !== gen) return null;
  // why: an account bound to a host and to its parent domain (console.aliyun.com and aliyun.com) is in
  // both keys; it is one row.
  const rows = new Map<string, SnapshotAccount>();
  for (const site of sites) {
    const list = values[siteKey(site)] === undefined ? [] : parseRows(values[siteKey(site)]);
    if (!list) return null;
    for (const row of list) if (!rows.has(row.id)) rows.set(row.id, row);
  }
  return [...rows.values()];
}

/** The tab's rows and the head's rows, once each (the list sorts them). */
export function withTabRows(snapshot: PopupSnapshot, tabRows: readonly SnapshotAccount[]): PopupSnapshot {
  const ids = new Set(tabRows.map((row) => row.id));
  return { ...snapshot, accounts: [...tabRows, ...snapshot.accounts.filter((row) => !ids.has(row.id))] };
}
