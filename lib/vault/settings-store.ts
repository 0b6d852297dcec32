/**
 * The security settings (auto-lock minutes, auto-submit sites, clipboard clearing) as one encrypted row of the
 * vault's `meta` table. why: Chrome lets content scripts read and write `storage.local`, and Firefox has no
 * way to stop them; the extension's IndexedDB is reachable from extension pages only. Sealing the row with
 * the data key also keeps the auto-submit list (which names sites the user logs on to) private at rest and
 * makes an edit of the database on disk fail authentication (it then reads as "no settings": the defaults).
 *
 * No new Dexie version: `meta` is keyed by `key` and a new key needs no schema change.
 */
import { paddedBase64ToBytes, parseJsonBytes, utf8 } from '../bytes';
import { aesGcmOpen, importAesGcmKey } from '../crypto/aes-gcm';
import { NewerSchemaError } from './errors';
import { DATA_KEY_BYTES, sealJson, type SealedRecord } from './crypto';
import type { MetaKey, MetaRow, VaultDb } from './schema';

export const SETTINGS_META_KEY = 'settings';
/** AAD of the settings row: no record ciphertext (AAD ['mfa-vault-record', ...]) can be moved in here. */
const SETTINGS_AAD = utf8(JSON.stringify(['mfa-vault-settings', 1]));
const MAX_ATTEMPTS = 3;

export interface SettingsStore {
  /** The stored value, or null when there is none or it fails authentication (never unauthenticated data). */
  read(dataKey: Uint8Array): Promise<unknown>;
  /** Whether a settings row exists at all (valid or not); no key needed. */
  exists(): Promise<boolean>;
  /**
   * Read → change → encrypt → write, in one transaction that first checks the row is still the one read
   * (the popup and the options page cannot lose each other's change). Returns what was stored.
   */
  update<T>(dataKey: Uint8Array, change: (current: unknown) => T): Promise<T>;
}

export function createSettingsStore(db: VaultDb, crypto: Crypto): SettingsStore {
  const table = () => db.table<MetaRow, MetaKey>('meta');

  async function key(dataKey: Uint8Array): Promise<CryptoKey> {
    if (!(dataKey instanceof Uint8Array) || dataKey.length !== DATA_KEY_BYTES)
      throw new Error(`The data key must be ${DATA_KEY_BYTES} bytes.`);
    return importAesGcmKey(crypto, dataKey);
  }

  async function sealedRow(): Promise<SealedRecord | null> {
    const row = await table().get(SETTINGS_META_KEY);
    const value = (row as { value?: Partial<SealedRecord> } | undefined)?.value;
    return typeof value?.iv === 'string' && typeof value.ciphertext === 'string'
      ? { iv: value.iv, ciphertext: value.ciphertext }
      : null;
  }

  async function open(dataKey: Uint8Array, sealed: SealedRecord | null): Promise<unknown> {
    const iv = paddedBase64ToBytes(sealed?.iv);
    const ciphertext = paddedBase64ToBytes(sealed?.ciphertext);
    if (!iv || !ciphertext) return null;
    let plaintext: Uint8Array | null;
    try {
      plaintext = await aesGcmOpen(crypto, await key(dataKey), iv, ciphertext, SETTINGS_AAD);
    } catch {
      // why: a data key of the wrong size is no key to these settings, like a failing tag.
      return null;
    }
    return (plaintext && parseJsonBytes(plaintext)) ?? null;
  }

  return {
    async read(dataKey) {
      return open(dataKey, await sealedRow());
    },

    async exists() {
      return (await table().get(SETTINGS_META_KEY)) !== undefined;
    },

    async update(dataKey, change) {
      if (db.schemaState === 'newer-schema') throw new NewerSchemaError();
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const before = await sealedRow();
        const next = change(await open(dataKey, before));
        // why: encrypt before the transaction; an await on WebCrypto inside one commits it early.
        const sealed = await sealJson(crypto, await key(dataKey), next, SETTINGS_AAD);
        const written = await db.transaction('rw', table(), async () => {
          const current = await sealedRow();
          if (current?.iv !== before?.iv || current?.ciphertext !== before?.ciphertext) return false;
          await table().put({ key: SETTINGS_META_KEY, value: sealed } as MetaRow);
          return true;
        });
        if (written) return next;
      }
      throw new Error('The settings were changed by another window at the same time; try again.');
    },
  };
}
