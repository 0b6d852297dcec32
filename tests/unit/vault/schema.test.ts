import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { NewerSchemaError } from '../../../lib/vault/errors';
import { createVaultRepository } from '../../../lib/vault/repository';
import type { StoredAccount, VaultRepository } from '../../../lib/vault/types';
import {
  SCHEMA_VERSION,
  VAULT_MIGRATIONS,
  openVaultDb,
  type MetaRow,
  type RecordRow,
  type SlotRow,
  type VaultDb,
  type VaultMigration,
} from '../../../lib/vault/schema';
import { PASSWORD, manualClock, sequentialIds, snapshotDb, totpData, uniqueDbName } from './helpers';

const crypto = globalThis.crypto;

interface V1Fixture {
  password: string;
  schemaVersion: number;
  tables: { slots: SlotRow[]; records: RecordRow[]; meta: MetaRow[] };
  expected: { accounts: StoredAccount[]; broken: unknown[] };
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/vault/v1-snapshot.json', import.meta.url), 'utf8'),
) as V1Fixture;

/** A test-only next schema: adds an index and renumbers `order` (a non-secret field) in its upgrade. */
const V2_MIGRATIONS: readonly VaultMigration[] = [
  ...VAULT_MIGRATIONS,
  {
    version: 2,
    stores: { records: 'id, order, updatedAt' },
    upgrade: async (tx) => {
      await tx
        .table<RecordRow, string>('records')
        .toCollection()
        .modify((row) => {
          row.order *= 10;
        });
    },
  },
];

const openDbs: VaultDb[] = [];
afterEach(() => {
  for (const db of openDbs.splice(0)) db.close();
});

async function open(name: string, migrations?: readonly VaultMigration[]): Promise<VaultDb> {
  const db = await openVaultDb(name, migrations ? { migrations } : {});
  openDbs.push(db);
  return db;
}

function repoFor(db: VaultDb): VaultRepository {
  return createVaultRepository(db, {
    crypto,
    now: manualClock(1_800_000_000_000).now,
    newId: sequentialIds('new'),
  });
}

async function writeFixture(name: string): Promise<void> {
  const db = await open(name);
  await db.transaction('rw', db.slots, db.records, db.meta, async () => {
    await db.slots.bulkAdd(fixture.tables.slots);
    await db.records.bulkAdd(fixture.tables.records);
    await db.meta.bulkPut(fixture.tables.meta);
  });
  db.close();
}

describe('a fresh database', () => {
  it('is created at schema 1 with strict durability and only non-secret indexes', async () => {
    const db = await open(uniqueDbName('fresh'));
    expect(SCHEMA_VERSION).toBe(1);
    expect(db.schemaState).toBe('current');
    expect(db.backendDB().version).toBe(10);
    expect((await db.meta.get('schemaVersion'))?.value).toBe(1);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['meta', 'records', 'slots']);
    expect(db.records.schema.indexes.map((i) => i.name)).toEqual(['order']);
    // why: Dexie has no public getter for its constructor options.
    expect((db as unknown as { _options: { chromeTransactionDurability?: string } })._options).toMatchObject({
      chromeTransactionDurability: 'strict',
    });
  });
});

describe('the stored v1 snapshot', () => {
  it('is read by today’s code', async () => {
    const name = uniqueDbName('v1-today');
    await writeFixture(name);
    const db = await open(name);
    const repo = repoFor(db);
    expect(fixture.tables.slots[0]?.features).toBeUndefined();
    const dataKey = await repo.unlock(fixture.password);
    expect(await repo.list(dataKey)).toEqual(fixture.expected);
    // Unlock switched the record index on: the slot carries the feature, the first tag is stored, and the
    // accounts are intact and unreported.
    expect((await db.slots.get('password'))?.features).toEqual(['record-index']);
    expect(await db.meta.get('recordIndexMac')).toMatchObject({ value: expect.any(String) });
    expect(await repo.unlock(fixture.password)).toEqual(dataKey);
    expect(await repo.list(dataKey)).toEqual(fixture.expected);
    await db.meta.delete('recordIndexMac');
    expect((await repo.list(dataKey)).broken).toEqual([
      { id: 'vault-index', reason: expect.stringMatching(/changed outside the extension/) },
    ]);
  });

  it('opens after a schema bump (test-only v2 appended): migrated, every account readable, writable', async () => {
    const name = uniqueDbName('v1-to-v2');
    await writeFixture(name);

    const db = await open(name, V2_MIGRATIONS);
    expect(db.schemaState).toBe('current');
    expect(db.codeSchemaVersion).toBe(2);
    expect(db.backendDB().version).toBe(20);
    expect((await db.meta.get('schemaVersion'))?.value).toBe(2);

    const repo = repoFor(db);
    const dataKey = await repo.unlock(fixture.password);
    const { accounts, broken } = await repo.list(dataKey);
    expect(broken).toEqual([]);
    expect(accounts).toEqual(fixture.expected.accounts.map((a) => ({ ...a, order: a.order * 10 })));

    // Old records stay readable after being rewritten under v2, and new ones are written under v2.
    const first = fixture.expected.accounts[0];
    if (!first) throw new Error('fixture has no accounts');
    await repo.update(dataKey, first.id, { pinned: true });
    const added = await repo.add(dataKey, {
      data: totpData(),
      allowedSites: [],
      enrolledOrigin: 'https://x.test',
    });
    expect((await db.records.get(first.id))?.schemaVersion).toBe(2);
    expect((await db.records.get(added.id))?.schemaVersion).toBe(2);
    const after = await repo.list(dataKey);
    expect(after.broken).toEqual([]);
    expect(after.accounts).toHaveLength(fixture.expected.accounts.length + 1);
    expect(after.accounts.find((a) => a.id === first.id)?.pinned).toBe(true);
  });
});

describe('a database written by a newer build', () => {
  async function expectAllWritesRefused(
    repo: VaultRepository,
    dataKey: Uint8Array,
    id: string,
  ): Promise<void> {
    const writes: [string, () => Promise<unknown>][] = [
      ['create', () => repo.create('x')],
      [
        'add',
        () => repo.add(dataKey, { data: totpData(), allowedSites: [], enrolledOrigin: 'https://x.test' }),
      ],
      ['update', () => repo.update(dataKey, id, { pinned: true })],
      ['remove', () => repo.remove(id, dataKey)],
      ['reorder', () => repo.reorder([id])],
      ['changePassword', () => repo.changePassword(PASSWORD, 'new password')],
      ['bumpHotpCounter', () => repo.bumpHotpCounter(dataKey, id)],
      ['recordBackup', () => repo.recordBackup(1)],
    ];
    for (const [label, write] of writes) {
      await expect(write(), label).rejects.toThrow(NewerSchemaError);
      await expect(write(), label).rejects.toThrow(/newer version of the extension\. Please update/);
    }
  }

  it('(higher IndexedDB version) is detected, readable, and never written', async () => {
    const name = uniqueDbName('newer-idb');
    const newer = await open(name, V2_MIGRATIONS);
    const newerRepo = repoFor(newer);
    const dataKey = await newerRepo.create(PASSWORD);
    const account = await newerRepo.add(dataKey, {
      data: totpData(),
      allowedSites: [],
      enrolledOrigin: 'https://x.test',
    });
    const before = await snapshotDb(newer);
    newer.close();

    const db = await open(name);
    expect(db.schemaState).toBe('newer-schema');
    const repo = repoFor(db);
    expect(await repo.state()).toBe('newer-schema');
    await expectAllWritesRefused(repo, dataKey, account.id);
    // Reading still works; a record in the newer format is reported, not guessed at.
    expect(await repo.list(dataKey)).toEqual({
      accounts: [],
      broken: [{ id: account.id, reason: 'written by a newer version of the extension' }],
    });
    db.close();

    const reopened = await open(name, V2_MIGRATIONS);
    expect(await snapshotDb(reopened)).toEqual(before);
  });

  it('(that dropped an index this build declares) is not "patched" by Dexie', async () => {
    const name = uniqueDbName('newer-dropped');
    const dropping: VaultMigration[] = [...VAULT_MIGRATIONS, { version: 2, stores: { records: 'id' } }];
    const newer = await open(name, dropping);
    expect(newer.records.schema.indexes).toEqual([]);
    newer.close();

    const db = await open(name);
    expect(db.schemaState).toBe('newer-schema');
    expect(db.backendDB().version).toBe(20);
    const tx = db.backendDB().transaction('records', 'readonly');
    expect([...tx.objectStore('records').indexNames]).toEqual([]);
    tx.abort();
    expect(await repoFor(db).state()).toBe('newer-schema');
  });

  it('(same IndexedDB version, higher meta.schemaVersion) is detected and never written', async () => {
    const name = uniqueDbName('newer-meta');
    const first = await open(name);
    await first.meta.put({ key: 'schemaVersion', value: SCHEMA_VERSION + 1 });
    first.close();

    const db = await open(name);
    expect(db.schemaState).toBe('newer-schema');
    const before = await snapshotDb(db);
    await expectAllWritesRefused(repoFor(db), new Uint8Array(32), 'any-id');
    expect(await snapshotDb(db)).toEqual(before);
  });
});
