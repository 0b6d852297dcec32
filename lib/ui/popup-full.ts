/**
 * The popup's reads beyond the snapshot's head: the tab's rows (an open of a vault longer than the head
 * loads this chunk while it waits for the tab's URL), and the whole snapshot (every chunk), after the
 * first screen has painted and when codes are due again. A lazy chunk: the entry script stays small.
 */
import type { ListReply } from './popup-boot';
import { codeFunctionFor, liveDeadline, viewsFromSnapshot, type LocalSources } from './popup-local';
import { SESSION_STORAGE_KEY } from '../vault/session-keys';
import {
  HEAD_KEY,
  SNAPSHOT_KEY,
  TOUCH_KEY,
  chunkKey,
  isSnapshotPart,
  parseHead,
  parseIndex,
  parseRows,
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

export { readTabRows, sitesForUrl, withTabRows } from './tab-rows';
