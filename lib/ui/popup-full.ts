/**
 * The popup's reads beyond the snapshot's head: the tab's rows (an open of a vault longer than the head
 * loads this chunk while it waits for the tab's URL), and the whole snapshot (every chunk), after the
 * first screen has painted and when codes are due again. A lazy chunk: the entry script stays small.
 */
import type { ListReply } from './popup-boot';
import {
  LOOPBACK,
  codeFunctionFor,
  liveDeadline,
  viewsFromSnapshot,
  type LocalArea,
  type LocalSources,
} from './popup-local';
import { SESSION_STORAGE_KEY } from '../vault/session';
import {
  HEAD_KEY,
  SNAPSHOT_KEY,
  TOUCH_KEY,
  chunkKey,
  isSnapshotPart,
  parseHead,
  parseIndex,
  parseRows,
  siteKey,
  type PopupSnapshot,
  type SnapshotAccount,
} from '../vault/popup-snapshot';

/**
 * The whole snapshot (rows in chunk order: the list sorts them) from one read of the index, the head and
 * every chunk, or null when the index is
 * missing (a write in progress, or locked) or any part is malformed (the popup then asks the background).
 */
export function assembleSnapshot(values: Record<string, unknown>): PopupSnapshot | null {
  const index = parseIndex(values[SNAPSHOT_KEY]);
  const head = index && parseHead(values[HEAD_KEY]);
  if (!index || !head) return null;
  const accounts: SnapshotAccount[] = [];
  for (let i = 0; i < index.chunks; i++) {
    const rows = parseRows(values[chunkKey(i)]);
    if (!rows) return null;
    accounts.push(...rows);
  }
  if (accounts.length !== head.count) return null;
  const { broken, backup, idleMs } = head;
  return { accounts, broken, backup, idleMs, complete: true };
}

/** Removes every part of the snapshot (after the popup found the deadline passed and removed the key). */
export async function removeParts(area: LocalSources['session']): Promise<void> {
  const parts = Object.keys(await area.get(null)).filter(isSnapshotPart);
  if (parts.length > 0) await area.remove(parts);
}

/**
 * The whole snapshot while the session is live, else null (the background then answers): the index, then
 * every chunk with the index again, which must be the same generation (a write between the two reads: once
 * more).
 */
export async function readLocalSnapshot(sources: LocalSources): Promise<PopupSnapshot | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const values = await sources.session.get([SESSION_STORAGE_KEY, TOUCH_KEY, SNAPSHOT_KEY]);
    if (typeof liveDeadline(values, sources.now()) !== 'number') return null;
    const index = parseIndex(values[SNAPSHOT_KEY]);
    if (!index) return null;
    const keys = [SNAPSHOT_KEY, HEAD_KEY];
    for (let i = 0; i < index.chunks; i++) keys.push(chunkKey(i));
    const parts = await sources.session.get(keys);
    if (parseIndex(parts[SNAPSHOT_KEY])?.gen === index.gen) return assembleSnapshot(parts);
  }
  return null;
}

/** The list for a tab from the snapshot, or null when there is none (locked, or not written yet). */
export async function readLocalList(
  sources: LocalSources,
  tabId: number | undefined,
): Promise<ListReply | null> {
  const [snapshot, url] = await Promise.all([
    readLocalSnapshot(sources),
    tabId === undefined ? undefined : sources.tabUrl(tabId).catch(() => undefined),
  ]);
  return snapshot ? viewsFromSnapshot(snapshot, sources.now(), url, await codeFunctionFor(snapshot)) : null;
}

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
