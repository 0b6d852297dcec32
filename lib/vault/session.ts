/**
 * The data key between popup opens: kept in `storage.session` (memory only, not readable by
 * content scripts — never widen its access level) together with the lock deadline, which is checked on
 * every read because alarms may be late or lost. Stored as base64: an ArrayBuffer comes back as `{}`.
 */
import { bytesToBase64, paddedBase64ToBytes } from '../bytes';
import { DATA_KEY_BYTES } from './crypto';
import { TOUCH_KEY, parseTouch } from './popup-snapshot';
import { SESSION_STORAGE_KEY, UNLOCKED_STATE_KEYS } from './session-keys';

export { SESSION_STORAGE_KEY, UNLOCKED_STATE_KEYS } from './session-keys';

/** The subset of `browser.storage.session` used here, so tests can pass a fake. */
export interface SessionStorageArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface VaultSession {
  /** Stores the key with the epoch-ms deadline after which it is forgotten. */
  save(dataKey: Uint8Array, lockAt: number): Promise<void>;
  /** The key, or null (and cleared) if none, malformed, or `now() >= lockAt`. */
  load(): Promise<Uint8Array | null>;
  /** Moves the deadline of a live session; does nothing when locked. */
  extend(lockAt: number): Promise<void>;
  /** The deadline of a live session, or null when locked (an expired session is cleared). */
  lockAt(): Promise<number | null>;
  clear(): Promise<void>;
}

interface StoredSession {
  dataKey: string;
  lockAt: number;
}

export function createVaultSession(area: SessionStorageArea, now: () => number): VaultSession {
  /** One key holds both fields, so a save or extend is a single atomic set. */
  async function readLive(): Promise<{ stored: StoredSession; dataKey: Uint8Array } | null> {
    const values = await area.get([SESSION_STORAGE_KEY, TOUCH_KEY]);
    const value = values[SESSION_STORAGE_KEY];
    if (value === undefined) return null;
    const live = parseStored(value);
    // why: the popup moves the idle deadline by writing a later one beside the key (it never rewrites the
    // key's record, so it cannot bring back a key that a lock removed meanwhile).
    const touched = parseTouch(values[TOUCH_KEY]);
    if (live && touched !== null && touched > live.stored.lockAt) live.stored.lockAt = touched;
    if (!live || !(now() < live.stored.lockAt)) {
      await area.remove(UNLOCKED_STATE_KEYS);
      return null;
    }
    return live;
  }

  return {
    async save(dataKey, lockAt) {
      if (dataKey.length !== DATA_KEY_BYTES) throw new Error(`The data key must be ${DATA_KEY_BYTES} bytes.`);
      const stored: StoredSession = { dataKey: bytesToBase64(dataKey), lockAt };
      // why: a touch left from an earlier session must not lengthen this one.
      await area.remove(TOUCH_KEY);
      await area.set({ [SESSION_STORAGE_KEY]: stored });
    },
    async load() {
      return (await readLive())?.dataKey ?? null;
    },
    async extend(lockAt) {
      const live = await readLive();
      if (!live) return;
      await area.set({ [SESSION_STORAGE_KEY]: { ...live.stored, lockAt } satisfies StoredSession });
    },
    async lockAt() {
      return (await readLive())?.stored.lockAt ?? null;
    },
    async clear() {
      await area.remove(UNLOCKED_STATE_KEYS);
    },
  };
}

function parseStored(value: unknown): { stored: StoredSession; dataKey: Uint8Array } | null {
  const candidate = value as Partial<StoredSession> | null;
  if (typeof candidate?.dataKey !== 'string' || typeof candidate.lockAt !== 'number') return null;
  const dataKey = paddedBase64ToBytes(candidate.dataKey);
  if (dataKey?.length !== DATA_KEY_BYTES) return null;
  return { stored: { dataKey: candidate.dataKey, lockAt: candidate.lockAt }, dataKey };
}
