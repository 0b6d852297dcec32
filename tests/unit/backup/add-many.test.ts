import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDataKey, wrapDataKey, type KeySlot } from '../../../lib/vault/crypto';
import { createVaultRepository } from '../../../lib/vault/repository';
import { PASSWORD_SLOT_ID, openVaultDb, type VaultDb } from '../../../lib/vault/schema';
import { PASSWORD, instrumentedCrypto, manualClock, snapshotDb, uniqueDbName } from '../vault/helpers';
import { mixedAccounts } from './helpers';

const crypto = globalThis.crypto;
const openDbs: VaultDb[] = [];
afterEach(() => openDbs.splice(0).forEach((db) => db.close()));

let dataKey: Uint8Array;
let slot: KeySlot;
beforeAll(async () => {
  dataKey = generateDataKey(crypto);
  slot = await wrapDataKey(crypto, dataKey, PASSWORD, { slotId: PASSWORD_SLOT_ID });
});

async function vault(options: { crypto?: Crypto; newId?: () => string } = {}) {
  const db = await openVaultDb(uniqueDbName('add-many'));
  openDbs.push(db);
  await db.slots.add({ ...slot, createdAt: 0 });
  const repo = createVaultRepository(db, {
    crypto: options.crypto ?? crypto,
    now: manualClock().now,
    ...options,
  });
  return { db, repo };
}

const items = mixedAccounts(6).map((data, i) => ({
  data,
  allowedSites: [`site${i}.example`],
  enrolledOrigin: '',
  pinned: i === 2,
}));

describe('VaultRepository.addMany', () => {
  it('appends every item after the existing accounts, in order, with their pin state', async () => {
    const { repo } = await vault();
    await repo.add(dataKey, { data: mixedAccounts(7)[6]!, allowedSites: [], enrolledOrigin: '' });
    const added = await repo.addMany(dataKey, items);
    expect(added.map((a) => a.order)).toEqual([1, 2, 3, 4, 5, 6]);
    const { accounts } = await repo.list(dataKey);
    expect(accounts.slice(1).map((a) => [a.data, a.allowedSites, a.pinned])).toEqual(
      items.map((i) => [i.data, i.allowedSites, i.pinned]),
    );
  });

  it('writes nothing when one item is malformed', async () => {
    const { db, repo } = await vault();
    const before = await snapshotDb(db);
    const bad = [...items.slice(0, 3), { ...items[3]!, allowedSites: 'everywhere' as unknown as string[] }];
    await expect(repo.addMany(dataKey, bad)).rejects.toThrow(/allowedSites/);
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('writes nothing when encryption fails half-way', async () => {
    const { crypto: failing } = instrumentedCrypto({ failEncryptAfter: 3 });
    const { db, repo } = await vault({ crypto: failing });
    const before = await snapshotDb(db);
    await expect(repo.addMany(dataKey, items)).rejects.toThrow(/injected/);
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('writes nothing when one id collides with a stored record (never replaces it)', async () => {
    const ids = ['x-1', 'x-2', 'x-1'];
    const { db, repo } = await vault({ newId: () => ids.shift() ?? 'x-9' });
    await repo.add(dataKey, { ...items[0]!, data: mixedAccounts(8)[7]! });
    const before = await snapshotDb(db);
    await expect(repo.addMany(dataKey, items.slice(1, 3))).rejects.toThrow();
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('accepts an empty list', async () => {
    const { repo } = await vault();
    expect(await repo.addMany(dataKey, [])).toEqual([]);
  });
});
