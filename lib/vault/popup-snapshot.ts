/**
 * What the popup's first screen needs, kept in `storage.session` (memory only, extension pages only: the
 * background restricts the area to trusted contexts and never widens it) so the popup can show live codes
 * without waking the background. It holds secrets, with the same trust as the data key kept beside it; it is
 * written by the background in the same step as an unlock and every vault write, and removed with the key.
 *
 * This module is shared by the background (which writes) and the popup (which only reads, and moves the
 * idle deadline through TOUCH_KEY): it imports nothing heavy.
 */
import type { OtpAlgorithm, OtpKind } from '../otp/types';
import type { BrokenRecordInfo, StoredAccount } from './types';

export const SNAPSHOT_KEY = 'popupSnapshot';
/** Written by the popup on open: a later idle deadline (opening the popup counts as use). */
export const TOUCH_KEY = 'vaultTouch';
/** In storage.local, not secret: whether a vault exists, so a locked popup shows its screen at once. */
export const VAULT_MARKER_KEY = 'vaultMarker';

export const SNAPSHOT_VERSION = 1;

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
}

export interface PopupSnapshot {
  v: typeof SNAPSHOT_VERSION;
  accounts: SnapshotAccount[];
  broken: BrokenRecordInfo[];
  backup: { lastBackupAt: number | null; accountsSinceBackup: number; accountCount: number };
  /** The idle auto-lock time, so the popup can move the deadline by it. */
  idleMs: number;
}

export type VaultMarker = 'initialized' | 'uninitialized' | 'newer-schema';

export function buildSnapshot(
  accounts: readonly StoredAccount[],
  broken: readonly BrokenRecordInfo[],
  lastBackupAt: number | null,
  idleMs: number,
): PopupSnapshot {
  return {
    v: SNAPSHOT_VERSION,
    accounts: accounts.map(({ id, data, pinned, order, allowedSites }) => ({
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
    })),
    broken: broken.map(({ id, reason }) => ({ id, reason })),
    backup: {
      lastBackupAt,
      accountsSinceBackup: accounts.filter((a) => lastBackupAt === null || a.createdAt > lastBackupAt).length,
      accountCount: accounts.length,
    },
    idleMs,
  };
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
  if (typeof a.pinned !== 'boolean') return null;
  if (!Array.isArray(a.allowedSites) || !a.allowedSites.every((s) => typeof s === 'string')) return null;
  return a as SnapshotAccount;
}

/** The snapshot, or null when it is missing or malformed in any part (the popup then asks the background). */
export function parseSnapshot(value: unknown): PopupSnapshot | null {
  const s = value as Partial<PopupSnapshot> | null;
  if (typeof s !== 'object' || s === null || s.v !== SNAPSHOT_VERSION) return null;
  if (!Array.isArray(s.accounts) || !Array.isArray(s.broken) || !isInt(s.idleMs, 1, 2 ** 40)) return null;
  const backup = s.backup;
  if (
    typeof backup !== 'object' ||
    backup === null ||
    !(backup.lastBackupAt === null || typeof backup.lastBackupAt === 'number') ||
    !isInt(backup.accountsSinceBackup, 0, Number.MAX_SAFE_INTEGER) ||
    !isInt(backup.accountCount, 0, Number.MAX_SAFE_INTEGER)
  )
    return null;
  const accounts: SnapshotAccount[] = [];
  for (const item of s.accounts) {
    const account = parseAccount(item);
    if (!account) return null;
    accounts.push(account);
  }
  const broken = s.broken.filter(
    (b): b is BrokenRecordInfo =>
      typeof (b as BrokenRecordInfo | null)?.id === 'string' &&
      typeof (b as BrokenRecordInfo).reason === 'string',
  );
  if (broken.length !== s.broken.length) return null;
  return { v: SNAPSHOT_VERSION, accounts, broken, backup, idleMs: s.idleMs };
}

/** A touch: `{ lockAt }`; anything else is ignored. */
export function parseTouch(value: unknown): number | null {
  const lockAt = (value as { lockAt?: unknown } | null)?.lockAt;
  return typeof lockAt === 'number' && Number.isFinite(lockAt) ? lockAt : null;
}

export function parseMarker(value: unknown): VaultMarker | null {
  return value === 'initialized' || value === 'uninitialized' || value === 'newer-schema' ? value : null;
}
