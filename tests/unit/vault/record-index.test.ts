// The vault-wide record index: an HMAC over every record's (id, IV), stored in meta, re-signed by every write.
// It catches what per-record AES-GCM cannot: an older copy of the same record put back, or a row removed
// or added outside the extension. A failed check is reported in `broken` and never deletes anything.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDataKey, unwrapDataKey, wrapDataKey, type KeySlot } from '../../../lib/vault/crypto';
import { WrongPasswordError } from '../../../lib/vault/errors';
import { VAULT_INDEX_PROBLEM } from '../../../lib/vault/record-index';
import { createVaultRepository } from '../../../lib/vault/repository';
import { PASSWORD_SLOT_ID, RECORD_INDEX_FEATURE, openVaultDb, type VaultDb } from '../../../lib/vault/schema';
import {
  PASSWORD,
  hotpData,
  manualClock,
  sequentialIds,
  snapshotDb,
  totpData,
  uniqueDbName,
} from './helpers';

const crypto = globalThis.crypto;
const openDbs: VaultDb[] = [];
afterEach(() => {
  for (const db of openDbs.splice(0)) db.close();
});

// why: one real 600k derivation shared by the tests; this slot has no features, like every slot before the index.
let dataKey: Uint8Array;
let legacySlot: KeySlot;
beforeAll(async () => {
  dataKey = generateDataKey(crypto);
  legacySlot = await wrapDataKey(crypto, dataKey, PASSWORD, { slotId: PASSWORD_SLOT_ID });
});

async function legacyVault(label: string) {
  const db = await openVaultDb(uniqueDbName(label));
  openDbs.push(db);
  await db.slots.add({ ...legacySlot, createdAt: 0 });
  const repo = createVaultRepository(db, { crypto, now: manualClock().now, newId: sequentialIds() });
  return { db, repo };
}

/** A vault as unlock leaves it: slot with the 'record-index' feature, tag written; two TOTP and one HOTP. */
async function upgradedVault(label: string) {
  const vault = await legacyVault(label);
  await expect(vault.repo.unlock(PASSWORD)).resolves.toEqual(dataKey);
  const add = (issuer: string) =>
    vault.repo.add(dataKey, { data: totpData({ issuer }), allowedSites: [], enrolledOrigin: '' });
  const a = await add('Aliyun');
  const b = await add('GitHub');
  const hotp = await vault.repo.add(dataKey, { data: hotpData(5), allowedSites: [], enrolledOrigin: '' });
  return { ...vault, ids: [a.id, b.id, hotp.id] as const };
}

describe('tampering the record index catches', () => {
  it('an HOTP record put back as it was before a counter bump (codes would repeat)', async () => {
    const { db, repo, ids } = await upgradedVault('replay-hotp');
    const old = await db.records.get(ids[2]);
    await repo.bumpHotpCounter(dataKey, ids[2]);
    await db.records.put(old!);
    const before = await snapshotDb(db);
    const { accounts, broken } = await repo.list(dataKey);
    // The replayed copy still decrypts (counter 5 again): it is listed, and the vault as a whole is reported.
    expect(accounts.find((a) => a.id === ids[2])?.data.counter).toBe(5);
    expect(accounts).toHaveLength(3);
    expect(broken).toEqual([VAULT_INDEX_PROBLEM]);
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('a record row deleted directly in IndexedDB', async () => {
    const { db, repo, ids } = await upgradedVault('row-deleted');
    await db.records.delete(ids[0]);
    expect((await repo.list(dataKey)).broken).toEqual([VAULT_INDEX_PROBLEM]);
  });

  it('a deleted account brought back with its old row', async () => {
    const { db, repo, ids } = await upgradedVault('row-resurrected');
    const old = await db.records.get(ids[1]);
    await repo.remove(ids[1], dataKey);
    await db.records.add(old!);
    const { accounts, broken } = await repo.list(dataKey);
    expect(accounts).toHaveLength(3);
    expect(broken).toEqual([VAULT_INDEX_PROBLEM]);
  });

  it('the tag deleted from an upgraded vault (not mistaken for a vault from before the index)', async () => {
    const { db, repo } = await upgradedVault('tag-deleted');
    await db.meta.delete('recordIndexMac');
    const { accounts, broken } = await repo.list(dataKey);
    expect(accounts).toHaveLength(3);
    expect(broken).toEqual([VAULT_INDEX_PROBLEM]);
  });

  it('the feature stripped from the slot to pass as an old vault: the slot no longer unwraps', async () => {
    const { db } = await upgradedVault('feature-stripped');
    const { features: _dropped, ...stripped } = (await db.slots.get(PASSWORD_SLOT_ID))!;
    await expect(unwrapDataKey(crypto, stripped, PASSWORD)).rejects.toThrow(WrongPasswordError);
  });

  it('a tag from an earlier state put back together with the rows of that state is accepted (consistent)', async () => {
    // Rolling back the whole vault at once is a restore, not a replay of one record: out of scope by design.
    const { db, repo, ids } = await upgradedVault('whole-rollback');
    const rows = await db.records.toArray();
    const tag = await db.meta.get('recordIndexMac');
    await repo.bumpHotpCounter(dataKey, ids[2]);
    await db.records.bulkPut(rows);
    await db.meta.put(tag!);
    expect((await repo.list(dataKey)).broken).toEqual([]);
  });

  it('a later write does not bless the tampering: the problem stays reported', async () => {
    const { db, repo, ids } = await upgradedVault('no-bless');
    const old = await db.records.get(ids[2]);
    await repo.bumpHotpCounter(dataKey, ids[2]);
    await db.records.put(old!);
    await repo.update(dataKey, ids[0], { pinned: true });
    await repo.add(dataKey, { data: totpData({ issuer: 'New' }), allowedSites: [], enrolledOrigin: '' });
    const { accounts, broken } = await repo.list(dataKey);
    expect(accounts).toHaveLength(4);
    expect(broken).toEqual([VAULT_INDEX_PROBLEM]);
  });
});

describe('normal use never reports the index', () => {
  it('create, add, addMany, update, bump, reorder, remove, changePassword, unlock', async () => {
    const db = await openVaultDb(uniqueDbName('normal'));
    openDbs.push(db);
    const repo = createVaultRepository(db, { crypto, now: manualClock().now, newId: sequentialIds() });
    const key = await repo.create(PASSWORD);
    expect((await db.slots.get(PASSWORD_SLOT_ID))?.features).toEqual([RECORD_INDEX_FEATURE]);
    const clean = async () => expect((await repo.list(key)).broken).toEqual([]);
    await clean();
    const a = await repo.add(key, { data: totpData(), allowedSites: [], enrolledOrigin: '' });
    await clean();
    const [b, c] = await repo.addMany(key, [
      { data: hotpData(0), allowedSites: [], enrolledOrigin: '' },
      { data: totpData({ issuer: 'X' }), allowedSites: ['x.test'], enrolledOrigin: '', pinned: true },
    ]);
    await clean();
    await repo.update(key, a.id, { allowedSites: ['aliyun.com'] });
    await repo.bumpHotpCounter(key, b!.id);
    await repo.bumpHotpCounter(key, b!.id);
    await clean();
    await repo.reorder([c!.id, b!.id, a.id]);
    await clean();
    await repo.remove(a.id, key);
    await clean();
    await repo.changePassword(PASSWORD, 'a new long password');
    expect((await db.slots.get(PASSWORD_SLOT_ID))?.features).toEqual([RECORD_INDEX_FEATURE]);
    const unlocked = await repo.unlock('a new long password');
    expect(unlocked).toEqual(key);
    const { accounts, broken } = await repo.list(unlocked);
    expect(broken).toEqual([]);
    expect(accounts.map((x) => x.id)).toEqual([c!.id, b!.id]);
    expect(accounts[1]?.data.counter).toBe(2);
    await repo.remove(b!.id, key);
    await repo.remove(c!.id, key);
    await clean();
  });

  it('concurrent HOTP bumps from two popups keep the index valid', async () => {
    const { repo, ids } = await upgradedVault('concurrent');
    await Promise.all([repo.bumpHotpCounter(dataKey, ids[2]), repo.bumpHotpCounter(dataKey, ids[2])]);
    const { accounts, broken } = await repo.list(dataKey);
    expect(broken).toEqual([]);
    expect(accounts.find((a) => a.id === ids[2])?.data.counter).toBe(7);
  });
});

describe('a vault from before the index', () => {
  it('lists cleanly without a tag, and unlock upgrades it once: feature in the slot, tag written', async () => {
    const { db, repo } = await legacyVault('legacy');
    // Rows as a build from before the index left them: no tag.
    await repo.add(dataKey, { data: totpData(), allowedSites: [], enrolledOrigin: '' });
    await db.meta.delete('recordIndexMac');
    expect((await repo.list(dataKey)).broken).toEqual([]);
    expect(await db.meta.get('recordIndexMac')).toBeUndefined();
    await repo.unlock(PASSWORD);
    expect((await db.slots.get(PASSWORD_SLOT_ID))?.features).toEqual([RECORD_INDEX_FEATURE]);
    expect(await db.meta.get('recordIndexMac')).toMatchObject({ value: expect.any(String) });
    const upgraded = await snapshotDb(db);
    await repo.unlock(PASSWORD);
    expect(await snapshotDb(db)).toEqual(upgraded);
    // From now on a deleted tag is tampering.
    await db.meta.delete('recordIndexMac');
    expect((await repo.list(dataKey)).broken).toEqual([VAULT_INDEX_PROBLEM]);
  });

  it('a wrong password upgrades nothing', async () => {
    const { db, repo } = await legacyVault('legacy-wrong');
    const before = await snapshotDb(db);
    await expect(repo.unlock('not the password')).rejects.toThrow(WrongPasswordError);
    expect(await snapshotDb(db)).toEqual(before);
  });
});
