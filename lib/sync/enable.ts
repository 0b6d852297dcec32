/**
 * Turning sync on in this browser. The master password is asked every time: it wraps the sync key into the
 * remote slot (first browser) or opens the slot already there (every other browser). A browser whose vault
 * has another password is asked for the synced vault's password; nothing ever starts a second synced vault
 * over an existing one.
 */
import { bytesToBase64, paddedBase64ToBytes } from '../bytes';
import { randomBytes } from '../crypto/random';
import { generateDataKey, unwrapDataKey, wrapDataKey } from '../vault/crypto';
import { WrongPasswordError } from '../vault/errors';
import type { SyncEnv } from './engine';
import { runSync } from './engine';
import { parseSlot, SLOT_KEY, SYNC_QUOTA } from './format';
import { newSyncState, readSyncState, writeSyncState, type SyncStatus } from './state';

export const SYNC_SLOT_ID = 'sync';

export type EnableOutcome =
  | { ok: true; status: SyncStatus; joined: boolean }
  /** 'wrong-password': not this vault's password (no remote yet) or not the synced vault's (joining). */
  | {
      ok: false;
      reason: 'wrong-password' | 'joined-wrong-password' | 'unavailable' | 'remote-invalid';
      message: string;
    };

export interface EnableEnv extends SyncEnv {
  /** The vault's own password check (the repository's unlock): the data key, or WrongPasswordError. */
  unlockLocal(password: string): Promise<Uint8Array>;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export async function enableSync(env: EnableEnv, dek: Uint8Array, password: string): Promise<EnableOutcome> {
  let area: Record<string, unknown>;
  try {
    area = await env.area.get(null);
  } catch (error) {
    return {
      ok: false,
      reason: 'unavailable',
      message: error instanceof Error ? error.message : String(error),
    };
  }
  const remoteSlot = area[SLOT_KEY] === undefined ? null : parseSlot(area[SLOT_KEY]);
  if (area[SLOT_KEY] !== undefined && !remoteSlot) {
    return { ok: false, reason: 'remote-invalid', message: 'The synced key slot is malformed.' };
  }
  let syncKey: Uint8Array;
  let slot = remoteSlot;
  if (slot) {
    try {
      syncKey = await unwrapDataKey(env.crypto, slot, password);
    } catch (error) {
      if (error instanceof WrongPasswordError) {
        return {
          ok: false,
          reason: 'joined-wrong-password',
          message: 'This is not the master password of the vault synced from your other browsers.',
        };
      }
      return {
        ok: false,
        reason: 'remote-invalid',
        message: error instanceof Error ? error.message : String(error),
      };
    }
  } else {
    let local: Uint8Array;
    try {
      local = await env.unlockLocal(password);
    } catch (error) {
      if (error instanceof WrongPasswordError) {
        return { ok: false, reason: 'wrong-password', message: 'Wrong master password.' };
      }
      throw error;
    }
    if (!sameBytes(local, dek))
      return { ok: false, reason: 'wrong-password', message: 'Wrong master password.' };
    // why: a key of its own, so the vault's data key never leaves this browser, even wrapped.
    syncKey = generateDataKey(env.crypto);
    slot = await wrapDataKey(env.crypto, syncKey, password, { slotId: SYNC_SLOT_ID });
  }
  const deviceId = bytesToBase64(randomBytes(env.crypto, 9));
  await writeSyncState(
    env.crypto,
    env.local,
    dek,
    newSyncState(deviceId, syncKey, slot, SYNC_QUOTA.totalBytes),
  );
  const status = await runSync(env, dek);
  if (!status) throw new Error('sync state was not kept');
  return { ok: true, status, joined: remoteSlot !== null };
}

/**
 * After a master-password change here: the sync key is wrapped again under the new password, so browsers
 * joining later use the password the vault has now. The new slot goes out at the next run, signed into the
 * manifest with the sync key, and the other browsers adopt it from there. Does nothing when sync is off.
 */
export async function rewrapSyncSlot(env: SyncEnv, dek: Uint8Array, newPassword: string): Promise<void> {
  const state = await readSyncState(env.crypto, env.local, dek);
  const syncKey = state && paddedBase64ToBytes(state.syncKey);
  if (!state || !syncKey) return;
  const slot = await wrapDataKey(env.crypto, syncKey, newPassword, { slotId: SYNC_SLOT_ID });
  await writeSyncState(env.crypto, env.local, dek, { ...state, slot, slotPending: true });
  await runSync(env, dek);
}
