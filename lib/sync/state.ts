/**
 * This browser's sync state: whether sync is on, the sync key, this device's id and clock, what it last
 * synced of each record (clocks, tombstones, vault ids), and the status the options page shows. Per browser,
 * never synced. Kept in storage.local sealed with the vault's data key (AES-GCM, its own AAD), so it is
 * readable only while the vault is unlocked and a page script that edits storage.local cannot forge it (a
 * forged or removed state reads as "sync off").
 */
import { bytesToBase64, isRecord, paddedBase64ToBytes, parseJsonBytes, utf8 } from '../bytes';
import { aesGcmOpen, importAesGcmKey } from '../crypto/aes-gcm';
import { DATA_KEY_BYTES, sealJson, type KeySlot } from '../vault/crypto';
import { parseSlot, type RemoteProblem } from './format';
import type { Hlc, PlanState, StateEntry } from './merge';

export const SYNC_STATE_KEY = 'syncState';
const STATE_AAD = utf8(JSON.stringify(['mfa-sync-local-state', 1]));

/** What the last run found; 'ok' also when nothing needed doing. */
export type SyncResult = 'ok' | 'problem' | 'quota' | 'unavailable' | 'other-vault';

export interface SyncStatus {
  lastSyncAt: number | null;
  lastAttemptAt: number | null;
  result: SyncResult | null;
  /** What was wrong with the remote at the last run (reported; nothing of it was applied). */
  problems: RemoteProblem[];
  /** Items and bytes this browser last wrote (or found) in the sync area. */
  items: number;
  bytes: number;
  quotaBytes: number;
  /** Accounts left out of the sync area because they do not fit the quota (they stay in this vault). */
  omitted: number;
  /** Records edited here and elsewhere at once, resolved by the merge rules (since sync was turned on). */
  conflictsResolved: number;
  /** Records synced (live accounts), and accounts changed here by the last run. */
  accounts: number;
  applied: number;
  /** The browser's own words when storage.sync failed. */
  error?: string;
  /** The last time the remote was found empty, damaged, older or foreign, and what was wrong: kept for the user. */
  reported: { problems: RemoteProblem[]; at: number } | null;
}

export interface SyncState {
  deviceId: string;
  /** base64 of the sync key (AES-256), which the remote slot wraps under the master password. */
  syncKey: string;
  slot: KeySlot;
  /** Highest manifest generation seen or written here. */
  lastGen: number;
  /** Tag of a remote found bad, and since when: still there a minute later, this browser writes its own back. */
  badTag: string | null;
  badSince: number;
  /** The slot was wrapped anew here (password change) and the sync area does not have it yet. */
  slotPending: boolean;
  plan: PlanState;
  status: SyncStatus;
}

export function initialStatus(quotaBytes: number): SyncStatus {
  return {
    lastSyncAt: null,
    lastAttemptAt: null,
    result: null,
    problems: [],
    items: 0,
    bytes: 0,
    quotaBytes,
    omitted: 0,
    conflictsResolved: 0,
    accounts: 0,
    applied: 0,
    reported: null,
  };
}

export function newSyncState(deviceId: string, syncKey: Uint8Array, slot: KeySlot, quota: number): SyncState {
  return {
    deviceId,
    syncKey: bytesToBase64(syncKey),
    slot,
    lastGen: 0,
    badTag: null,
    badSince: 0,
    slotPending: false,
    plan: { clock: { t: 0, c: 0, d: deviceId }, entries: {} },
    status: initialStatus(quota),
  };
}

export interface StateArea {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

function isHlc(value: unknown): value is Hlc {
  return (
    isRecord(value) &&
    typeof value.t === 'number' &&
    typeof value.c === 'number' &&
    typeof value.d === 'string'
  );
}

function isEntry(value: unknown): value is StateEntry {
  return (
    isRecord(value) &&
    (value.localId === null || typeof value.localId === 'string') &&
    isHlc(value.hlc) &&
    typeof value.counter === 'number' &&
    (value.digest === null || typeof value.digest === 'string')
  );
}

/** Shape check after authentication (the state may come from an older build). */
function parseState(value: unknown): SyncState | null {
  if (!isRecord(value) || !isRecord(value.plan) || !isRecord(value.status)) return null;
  const slot = parseSlot(value.slot);
  const { deviceId, syncKey, lastGen, badTag, badSince } = value;
  if (typeof deviceId !== 'string' || typeof syncKey !== 'string' || !slot) return null;
  if (paddedBase64ToBytes(syncKey)?.length !== DATA_KEY_BYTES || typeof lastGen !== 'number') return null;
  const { clock, entries } = value.plan;
  if (!isHlc(clock) || !isRecord(entries) || !Object.values(entries).every(isEntry)) return null;
  return {
    deviceId,
    syncKey,
    slot,
    lastGen,
    badTag: typeof badTag === 'string' ? badTag : null,
    badSince: typeof badSince === 'number' ? badSince : 0,
    slotPending: value.slotPending === true,
    plan: { clock, entries: entries as Record<string, StateEntry> },
    status: { ...initialStatus(0), ...(value.status as Partial<SyncStatus>) },
  };
}

export async function readSyncState(
  crypto: Crypto,
  area: StateArea,
  dek: Uint8Array,
): Promise<SyncState | null> {
  const sealed = (await area.get(SYNC_STATE_KEY))[SYNC_STATE_KEY];
  if (!isRecord(sealed)) return null;
  const iv = paddedBase64ToBytes(sealed.iv);
  const ciphertext = paddedBase64ToBytes(sealed.ciphertext);
  if (!iv || !ciphertext) return null;
  const plain = await aesGcmOpen(crypto, await importAesGcmKey(crypto, dek), iv, ciphertext, STATE_AAD);
  return plain ? parseState(parseJsonBytes(plain)) : null;
}

export async function writeSyncState(
  crypto: Crypto,
  area: StateArea,
  dek: Uint8Array,
  state: SyncState,
): Promise<void> {
  const sealed = await sealJson(crypto, await importAesGcmKey(crypto, dek), state, STATE_AAD);
  await area.set({ [SYNC_STATE_KEY]: sealed });
}
