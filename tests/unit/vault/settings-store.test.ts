import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDataKey } from '../../../lib/vault/crypto';
import { NewerSchemaError } from '../../../lib/vault/errors';
import { createVaultRepository } from '../../../lib/vault/repository';
import {
  openVaultDb,
  type MetaRow,
  type RecordRow,
  type SlotRow,
  type VaultDb,
} from '../../../lib/vault/schema';
import { createSettingsStore, SETTINGS_META_KEY } from '../../../lib/vault/settings-store';
import { adoptLegacySettings, readSettings, LEGACY_SETTINGS_KEY } from '../../../lib/background/settings';
import { startSession } from '../../../lib/background/unlocked-key';
import { fakeDeps } from '../background/fakes';
import { uniqueDbName } from './helpers';

const crypto = globalThis.crypto;
const openDbs: VaultDb[] = [];
afterEach(() => openDbs.splice(0).forEach((db) => db.close()));

async function open(name = uniqueDbName('settings')): Promise<VaultDb> {
  const db = await openVaultDb(name);
  openDbs.push(db);
  return db;
}

describe('settings sealed in the vault', () => {
  it('round-trip with the data key; nothing readable is stored, not even the site names', async () => {
    const db = await open();
    const store = createSettingsStore(db, crypto);
    const dek = generateDataKey(crypto);
    expect(await store.exists()).toBe(false);
    expect(await store.read(dek)).toBeNull();
    const value = { autoLockMinutes: 5, clearClipboard: false, autoSubmitSites: ['secret-bank.example'] };
    await store.update(dek, () => value);
    expect(await store.exists()).toBe(true);
    expect(await store.read(dek)).toEqual(value);
    const row = JSON.stringify(await db.meta.get(SETTINGS_META_KEY));
    expect(row).not.toContain('secret-bank');
    expect(row).not.toContain('autoLock');
  });

  it('read as "none" (the defaults) with another key, or after any change on disk', async () => {
    const db = await open();
    const store = createSettingsStore(db, crypto);
    const dek = generateDataKey(crypto);
    await store.update(dek, () => ({ autoLockMinutes: 5 }));
    expect(await store.read(generateDataKey(crypto))).toBeNull();
    const row = (await db.meta.get(SETTINGS_META_KEY)) as { value: { iv: string; ciphertext: string } };
    const bytes = Uint8Array.from(atob(row.value.ciphertext), (c) => c.charCodeAt(0));
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await db.meta.put({
      key: SETTINGS_META_KEY,
      value: { ...row.value, ciphertext: btoa(String.fromCharCode(...bytes)) },
    } as MetaRow);
    expect(await store.read(dek)).toBeNull();
    // A record's ciphertext moved into the settings row fails too (different AAD).
    await db.meta.put({
      key: SETTINGS_META_KEY,
      value: { iv: 'AAAAAAAAAAAAAAAA', ciphertext: 'garbage' },
    } as MetaRow);
    expect(await store.read(dek)).toBeNull();
  });

  it('update merges on what is stored now and refuses a newer-schema vault', async () => {
    const db = await open();
    const store = createSettingsStore(db, crypto);
    const dek = generateDataKey(crypto);
    await store.update(dek, () => ({ a: 1 }));
    await store.update(dek, (current) => ({ ...(current as object), b: 2 }));
    expect(await store.read(dek)).toEqual({ a: 1, b: 2 });
    db.schemaState = 'newer-schema';
    await expect(store.update(dek, () => ({}))).rejects.toBeInstanceOf(NewerSchemaError);
  });
});

interface V1Fixture {
  password: string;
  tables: { slots: SlotRow[]; records: RecordRow[]; meta: MetaRow[] };
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/vault/v1-snapshot.json', import.meta.url), 'utf8'),
) as V1Fixture;

describe('the stored v1 snapshot with settings of the storage.local era', () => {
  it('moves them into the vault at the first unlock, deletes them there, and ignores later writes', async () => {
    const db = await open();
    await db.transaction('rw', db.slots, db.records, db.meta, async () => {
      await db.slots.bulkAdd(fixture.tables.slots);
      await db.records.bulkAdd(fixture.tables.records);
      await db.meta.bulkPut(fixture.tables.meta);
    });
    const env = fakeDeps();
    const repo = createVaultRepository(db, { crypto, now: () => env.clock.now });
    const deps = { ...env.deps, settings: createSettingsStore(db, crypto) };
    await deps.local.set({
      [LEGACY_SETTINGS_KEY]: {
        autoLockMinutes: 42,
        clearClipboard: false,
        autoSubmitSites: ['example.com', 7],
      },
    });

    const dek = await repo.unlock(fixture.password);
    await startSession(deps, dek);
    expect(await readSettings(deps, dek)).toEqual({
      autoLockMinutes: 42,
      clearClipboard: false,
      autoSubmitSites: ['example.com'],
      // Settings added after the storage.local era start from their defaults.
      clockCheck: true,
      appendCodeSites: [],
    });
    expect(env.local.has(LEGACY_SETTINGS_KEY)).toBe(false);
    expect(env.session.stored?.lockAt).toBe(env.clock.now + 42 * 60_000);
    // The accounts are untouched by the new meta row.
    expect((await repo.list(dek)).broken).toEqual([]);

    // A content script writes storage.local afterwards: the next unlock only deletes it.
    await deps.local.set({
      [LEGACY_SETTINGS_KEY]: { autoLockMinutes: 1440, autoSubmitSites: ['evil.test'] },
    });
    await adoptLegacySettings(deps, dek);
    expect((await readSettings(deps, dek)).autoLockMinutes).toBe(42);
    expect(env.local.has(LEGACY_SETTINGS_KEY)).toBe(false);
  });
});
