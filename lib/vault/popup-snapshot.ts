/**
 * What the popup's first screen needs, kept in `storage.session` (memory only, extension pages only: the
 * background restricts the area to trusted contexts and never widens it) so the popup can show live codes
 * without waking the background. It holds secrets, with the same trust as the data key kept beside it; it is
 * written by the background in the same step as an unlock and every vault write, and removed with the key.
 *
 * It is stored in parts, so the popup's first read costs the same at 10 accounts as at 5,000:
 * - SNAPSHOT_KEY, the index (no secrets): present only while every part matches the vault. The background
 *   removes it before each vault write and sets it again after patching the parts; without it the popup
 *   trusts no part and asks the background.
 * - HEAD_KEY: the first HEAD_ROWS rows in display order (pinned, then the user's order), the account count,
 *   the broken records, the backup status and the idle time.
 * - siteKey(site): the first HEAD_ROWS rows bound to that site, so the popup puts the tab's accounts first
 *   by reading the keys of the tab's host and its parent domains (no suffix list needed).
 * - chunkKey(i): every row, CHUNK_ROWS per key, read after the first screen has painted.
 * - MAP_KEY: the ids in each chunk (no secrets; the background's only), so a write reads only the chunk it
 *   changes. Not in the index: the popup reads the index at every open, and this grows with the vault.
 *
 * This module is shared by the background (which writes) and the popup (which only reads, and moves the
 * idle deadline through TOUCH_KEY): it imports nothing heavy.
 */
import type { OtpAlgorithm, OtpKind } from '../otp/types';
import type { BrokenRecordInfo, StoredAccount } from './types';

/** The index: `{ v, gen, chunks }`. Its presence is what makes every other part trustworthy. */
export const SNAPSHOT_KEY = 'popupSnapshot';
/** Every other part of the snapshot starts with this. */
export const SNAPSHOT_PART_PREFIX = 'popupSnapshot:';
export const HEAD_KEY = 'popupSnapshot:head';
export const chunkKey = (index: number): string => `popupSnapshot:c${index}`;
export const siteKey = (site: string): string => `popupSnapshot:s:${site}`;
export const isSnapshotPart = (key: string): boolean => key.startsWith(SNAPSHOT_PART_PREFIX);
/** The chunk map: `ids[i]` lists the ids of chunkKey(i)'s rows, in that chunk's order. */
export const MAP_KEY = 'popupSnapshot:map';

/** Written by the popup on open: a later idle deadline (opening the popup counts as use). */
export const TOUCH_KEY = 'vaultTouch';
/** In storage.local, not secret: whether a vault exists, so a locked popup shows its screen at once. */
export const VAULT_MARKER_KEY = 'vaultMarker';

export const SNAPSHOT_VERSION = 2;
/** Rows in the head and in each site's key: what a 360×600 popup shows, plus a couple. */
export const HEAD_ROWS = 12;
/** Rows per chunk: ~100 kB each. */
export const CHUNK_ROWS = 500;

export interface SnapshotAccount {
  id: string;
  kind: OtpKind;
  issuer: string;
  account: string;
  digits: number;
  period: number;
  algorithm: OtpAlgorithm;
  /** Canonical base32; '' for HOTP (its codes come only from the background, after the counter is saved). */
  secret: string;
  pinned: boolean;
  order: number;
  allowedSites: string[];
  /** For the backup status (accounts created since the last backup). */
  createdAt: number;
}

export type BackupInfo = { lastBackupAt: number | null; accountsSinceBackup: number; accountCount: number };

export interface SnapshotIndex {
  v: typeof SNAPSHOT_VERSION;
  /** New at every write of the parts: reads made in several steps check they saw one version. */
  gen: string;
  chunks: number;
}

export interface SnapshotHead {
  rows: SnapshotAccount[];
  count: number;
  broken: BrokenRecordInfo[];
  backup: BackupInfo;
  /** The idle auto-lock time, so the popup can move the deadline by it. */
  idleMs: number;
}

/** The snapshot as one value: all rows (`complete`), or the first screen's rows only. */
export interface PopupSnapshot {
  accounts: SnapshotAccount[];
  broken: BrokenRecordInfo[];
  backup: BackupInfo;
  idleMs: number;
  complete: boolean;
}

export type VaultMarker = 'initialized' | 'uninitialized' | 'newer-schema';

export function rowOf({ id, data, pinned, order, allowedSites, createdAt }: StoredAccount): SnapshotAccount {
  return {
    id,
    kind: data.kind,
    issuer: data.issuer,
    account: data.account,
    digits: data.digits,
    period: data.period,
    algorithm: data.algorithm,
    secret: data.kind === 'hotp' ? '' : data.secret,
    pinned,
    order,
    allowedSites: [...allowedSites],
    createdAt,
  };
}

/** Display order without a tab: pinned first, then the user's order, then the id (as lib/ui/sort-accounts). */
export function compareRows(a: SnapshotAccount, b: SnapshotAccount): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.order !== b.order) return a.order - b.order;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The first `n` rows in display order, without sorting them all. */
export function firstRows(rows: Iterable<SnapshotAccount>, n = HEAD_ROWS): SnapshotAccount[] {
  const top: SnapshotAccount[] = [];
  for (const row of rows) {
    if (top.length === n && compareRows(row, top[n - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && compareRows(row, top[at - 1]!) < 0) at--;
    top.splice(at, 0, row);
    if (top.length > n) top.pop();
  }
  return top;
}

export function backupOf(rows: readonly SnapshotAccount[], lastBackupAt: number | null): BackupInfo {
  let since = 0;
  for (const row of rows) if (lastBackupAt === null || row.createdAt > lastBackupAt) since++;
  return { lastBackupAt, accountsSinceBackup: since, accountCount: rows.length };
}

export function headOf(
  rows: readonly SnapshotAccount[],
  broken: readonly BrokenRecordInfo[],
  lastBackupAt: number | null,
  idleMs: number,
): SnapshotHead {
  return {
    rows: firstRows(rows),
    count: rows.length,
    broken: broken.map(({ id, reason }) => ({ id, reason })),
    backup: backupOf(rows, lastBackupAt),
    idleMs,
  };
}

/** Every part but the index, for a vault read in full: rows in display order, CHUNK_ROWS per chunk. */
export function buildParts(
  accounts: readonly StoredAccount[],
  broken: readonly BrokenRecordInfo[],
  lastBackupAt: number | null,
  idleMs: number,
): { parts: Record<string, unknown>; chunks: number; rows: SnapshotAccount[] } {
  const rows = accounts.map(rowOf).sort(compareRows);
  const parts: Record<string, unknown> = { [HEAD_KEY]: headOf(rows, broken, lastBackupAt, idleMs) };
  const chunks = Math.max(1, Math.ceil(rows.length / CHUNK_ROWS));
  const map: string[][] = [];
  for (let i = 0; i < chunks; i++) {
    const chunk = rows.slice(i * CHUNK_ROWS, (i + 1) * CHUNK_ROWS);
    parts[chunkKey(i)] = chunk;
    map.push(chunk.map((row) => row.id));
  }
  parts[MAP_KEY] = map;
  const bySite = new Map<string, SnapshotAccount[]>();
  for (const row of rows) {
    for (const site of new Set(row.allowedSites)) {
      const list = bySite.get(site) ?? [];
      // why: rows come in display order, so the first HEAD_ROWS of each site are its first screen.
      if (list.length < HEAD_ROWS) list.push(row);
      bySite.set(site, list);
    }
  }
  for (const [site, list] of bySite) parts[siteKey(site)] = list;
  return { parts, chunks, rows };
}

const KINDS: readonly string[] = ['totp', 'hotp', 'steam'];
const ALGORITHMS: readonly string[] = ['SHA1', 'SHA256', 'SHA512'];
const BASE32 = /^[A-Z2-7]+$/u;

const isInt = (value: unknown, min: number, max: number): value is number =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

function parseAccount(value: unknown): SnapshotAccount | null {
  const a = value as Partial<SnapshotAccount> | null;
  if (typeof a !== 'object' || a === null) return null;
  if (typeof a.id !== 'string' || !a.id || typeof a.issuer !== 'string' || typeof a.account !== 'string')
    return null;
  if (!KINDS.includes(a.kind as string) || !ALGORITHMS.includes(a.algorithm as string)) return null;
  if (!isInt(a.digits, 1, 10) || !isInt(a.period, 1, 86_400) || !isInt(a.order, 0, Number.MAX_SAFE_INTEGER))
    return null;
  if (typeof a.secret !== 'string' || (a.kind === 'hotp' ? a.secret !== '' : !BASE32.test(a.secret)))
    return null;
  if (typeof a.pinned !== 'boolean' || typeof a.createdAt !== 'number') return null;
  if (!Array.isArray(a.allowedSites) || !a.allowedSites.every((s) => typeof s === 'string')) return null;
  return a as SnapshotAccount;
}

/** A list of rows, or null when it or any row is malformed. */
export function parseRows(value: unknown): SnapshotAccount[] | null {
  if (!Array.isArray(value)) return null;
  for (const item of value) if (!parseAccount(item)) return null;
  return value as SnapshotAccount[];
}

/** The chunk map of `chunks` chunks (ids, each once), or null when malformed or of another length. */
export function parseChunkMap(value: unknown, chunks: number): string[][] | null {
  if (!Array.isArray(value) || value.length !== chunks) return null;
  const seen = new Set<string>();
  for (const ids of value) {
    if (!Array.isArray(ids)) return null;
    for (const id of ids) {
      if (typeof id !== 'string' || seen.has(id)) return null;
      seen.add(id);
    }
  }
  return value as string[][];
}

export function parseIndex(value: unknown): SnapshotIndex | null {
  const s = value as Partial<SnapshotIndex> | null;
  if (typeof s !== 'object' || s === null || s.v !== SNAPSHOT_VERSION) return null;
  if (typeof s.gen !== 'string' || !isInt(s.chunks, 1, 1_000_000)) return null;
  return s as SnapshotIndex;
}

export function parseHead(value: unknown): SnapshotHead | null {
  const s = value as Partial<SnapshotHead> | null;
  if (typeof s !== 'object' || s === null) return null;
  if (!Array.isArray(s.broken) || !isInt(s.idleMs, 1, 2 ** 40)) return null;
  if (!isInt(s.count, 0, Number.MAX_SAFE_INTEGER) || !parseRows(s.rows)) return null;
  const backup = s.backup;
  if (
    typeof backup !== 'object' ||
    backup === null ||
    !(backup.lastBackupAt === null || typeof backup.lastBackupAt === 'number') ||
    !isInt(backup.accountsSinceBackup, 0, Number.MAX_SAFE_INTEGER) ||
    !isInt(backup.accountCount, 0, Number.MAX_SAFE_INTEGER)
  )
    return null;
  const brokenOk = s.broken.every(
    (b) =>
      typeof (b as BrokenRecordInfo | null)?.id === 'string' &&
      typeof (b as BrokenRecordInfo).reason === 'string',
  );
  return brokenOk ? (s as SnapshotHead) : null;
}

/** A touch: `{ lockAt }`; anything else is ignored. */
export function parseTouch(value: unknown): number | null {
  const lockAt = (value as { lockAt?: unknown } | null)?.lockAt;
  return typeof lockAt === 'number' && Number.isFinite(lockAt) ? lockAt : null;
}

export function parseMarker(value: unknown): VaultMarker | null {
  return value === 'initialized' || value === 'uninitialized' || value === 'newer-schema' ? value : null;
}
