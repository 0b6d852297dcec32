import { afterEach, beforeAll, describe, expect, it, test } from 'vitest';
import { generateDataKey, wrapDataKey, type KeySlot } from '../../../lib/vault/crypto';
import {
  AccountNotFoundError,
  InvalidVaultInputError,
  VaultExistsError,
  VaultUninitializedError,
  WeakKdfParamsError,
  WrongPasswordError,
} from '../../../lib/vault/errors';
import { VAULT_INDEX_PROBLEM } from '../../../lib/vault/record-index';
import { createVaultRepository } from '../../../lib/vault/repository';
import type { VaultRepository } from '../../../lib/vault/types';
import { PASSWORD_SLOT_ID, openVaultDb, type RecordRow, type VaultDb } from '../../../lib/vault/schema';
import {
  PASSWORD,
  flipBit,
  hotpData,
  instrumentedCrypto,
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

// why: one real 600k derivation shared by every test that only needs "an initialized vault"; the slot does
// not depend on the database, so each test copies it into its own fresh database.
let templateKey: Uint8Array;
let templateSlot: KeySlot;
beforeAll(async () => {
  templateKey = generateDataKey(crypto);
  templateSlot = await wrapDataKey(crypto, templateKey, PASSWORD, { slotId: PASSWORD_SLOT_ID });
});

async function emptyVault(label: string, cryptoImpl: Crypto = crypto) {
  const db = await openVaultDb(uniqueDbName(label));
  openDbs.push(db);
  const clock = manualClock();
  const repo = createVaultRepository(db, { crypto: cryptoImpl, now: clock.now, newId: sequentialIds() });
  return { db, repo, clock };
}

async function initializedVault(label: string, cryptoImpl: Crypto = crypto) {
  const vault = await emptyVault(label, cryptoImpl);
  await vault.db.slots.add({ ...templateSlot, createdAt: 0 });
  return { ...vault, dataKey: templateKey };
}

async function addThree(repo: VaultRepository, dataKey: Uint8Array) {
  const a = await repo.add(dataKey, {
    data: totpData({ issuer: 'Aliyun', account: 'alice' }),
    allowedSites: ['aliyun.com'],
    enrolledOrigin: 'https://account.console.aliyun.com',
  });
  const b = await repo.add(dataKey, {
    data: totpData({ issuer: 'GitHub', account: 'octocat', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }),
    allowedSites: ['github.com'],
    enrolledOrigin: 'https://github.com',
  });
  const c = await repo.add(dataKey, {
    data: hotpData(5),
    allowedSites: ['example.com'],
    enrolledOrigin: 'https://example.com',
  });
  return [a, b, c] as const;
}

describe('creating and unlocking', () => {
  it('creates a vault whose password unlocks the same data key', async () => {
    const { repo } = await emptyVault('create');
    expect(await repo.state()).toBe('uninitialized');
    const dataKey = await repo.create(PASSWORD);
    expect(dataKey).toHaveLength(32);
    expect(await repo.state()).toBe('initialized');
    await expect(repo.unlock(PASSWORD)).resolves.toEqual(dataKey);
  });

  it('never replaces an existing vault', async () => {
    const { db, repo } = await initializedVault('create-twice');
    const before = await snapshotDb(db);
    await expect(repo.create('another password')).rejects.toThrow(VaultExistsError);
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('says the vault does not exist yet when unlocking an empty database', async () => {
    const { repo } = await emptyVault('unlock-empty');
    await expect(repo.unlock(PASSWORD)).rejects.toThrow(VaultUninitializedError);
  });

  it('writes nothing on a wrong password (every table identical before and after)', async () => {
    const { db, repo, dataKey } = await initializedVault('wrong-password');
    await addThree(repo, dataKey);
    const before = await snapshotDb(db);
    await expect(repo.unlock('not the password')).rejects.toThrow(WrongPasswordError);
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('refuses a stored slot whose iterations were lowered, without deriving or writing', async () => {
    const { crypto: counted, calls } = instrumentedCrypto();
    const { db, repo } = await emptyVault('lowered-kdf', counted);
    await db.slots.add({ ...templateSlot, kdf: { ...templateSlot.kdf, iterations: 10_000 }, createdAt: 0 });
    const before = await snapshotDb(db);
    await expect(repo.unlock(PASSWORD)).rejects.toThrow(WeakKdfParamsError);
    expect(calls.deriveKey ?? 0).toBe(0);
    expect(calls.deriveBits ?? 0).toBe(0);
    expect(await snapshotDb(db)).toEqual(before);
  });
});

describe('accounts', () => {
  it('adds and lists accounts in order with their sites and timestamps', async () => {
    const { repo, dataKey, clock } = await initializedVault('add-list');
    const first = await repo.add(dataKey, {
      data: totpData(),
      allowedSites: ['aliyun.com', 'alibabacloud.com'],
      enrolledOrigin: 'https://account.console.aliyun.com',
    });
    clock.advance(5000);
    const second = await repo.add(dataKey, {
      data: hotpData(0),
      allowedSites: [],
      enrolledOrigin: 'https://example.com',
    });
    expect(first).toMatchObject({ order: 0, pinned: false, createdAt: clock.now() - 5000 });
    expect(second).toMatchObject({ order: 1, createdAt: clock.now(), updatedAt: clock.now() });
    const { accounts, broken } = await repo.list(dataKey);
    expect(broken).toEqual([]);
    expect(accounts).toEqual([first, second]);
    expect(accounts[0]?.data).toEqual(totpData());
    expect(accounts[0]?.allowedSites).toEqual(['aliyun.com', 'alibabacloud.com']);
  });

  it('stores nothing in plaintext: no secret, issuer, account, site or origin in any row', async () => {
    const { db, repo, dataKey } = await initializedVault('no-plaintext');
    const data = totpData({
      issuer: 'PlaintextIssuerMarker',
      account: 'plaintext-account-marker@example.org',
      secret: 'MZXW6YTBOJRGC4TCMFZGCYTB',
    });
    await repo.add(dataKey, {
      data,
      allowedSites: ['plaintext-site-marker.example'],
      enrolledOrigin: 'https://plaintext-origin-marker.example',
    });
    const stored = JSON.stringify(await snapshotDb(db));
    for (const needle of [
      data.secret,
      data.secret.toLowerCase(),
      'PlaintextIssuerMarker',
      'plaintext-account-marker',
      'plaintext-site-marker',
      'plaintext-origin-marker',
    ]) {
      expect(stored).not.toContain(needle);
    }
    const [row] = await db.records.toArray();
    expect(Object.keys(row ?? {}).sort()).toEqual(
      ['ciphertext', 'createdAt', 'id', 'iv', 'order', 'schemaVersion', 'updatedAt'].sort(),
    );
  });

  it('updates issuer, account, pin and sites with a fresh IV, keeping everything else', async () => {
    const { db, repo, dataKey, clock } = await initializedVault('update');
    const [account] = await addThree(repo, dataKey);
    const ivBefore = (await db.records.get(account.id))?.iv;
    clock.advance(1000);
    const updated = await repo.update(dataKey, account.id, {
      issuer: 'Alibaba Cloud',
      account: 'alice@alias.onaliyun.com',
      pinned: true,
      allowedSites: ['aliyun.com', 'alibabacloud.com'],
    });
    expect(updated).toMatchObject({
      pinned: true,
      allowedSites: ['aliyun.com', 'alibabacloud.com'],
      updatedAt: clock.now(),
      createdAt: account.createdAt,
      order: account.order,
      enrolledOrigin: account.enrolledOrigin,
      data: { ...account.data, issuer: 'Alibaba Cloud', account: 'alice@alias.onaliyun.com' },
    });
    expect((await db.records.get(account.id))?.iv).not.toBe(ivBefore);
    expect((await repo.list(dataKey)).accounts[0]).toEqual(updated);
  });

  it('refuses a counter on a TOTP account and a malformed patch, changing nothing', async () => {
    const { db, repo, dataKey } = await initializedVault('update-bad');
    const [totp] = await addThree(repo, dataKey);
    const before = await snapshotDb(db);
    await expect(repo.update(dataKey, totp.id, { counter: 3 })).rejects.toThrow(InvalidVaultInputError);
    await expect(
      repo.update(dataKey, totp.id, { allowedSites: 'aliyun.com' as unknown as string[] }),
    ).rejects.toThrow(InvalidVaultInputError);
    await expect(repo.update(dataKey, 'missing', { pinned: true })).rejects.toThrow(AccountNotFoundError);
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('removes one account and keeps the others', async () => {
    const { repo, dataKey } = await initializedVault('remove');
    const [a, b, c] = await addThree(repo, dataKey);
    await repo.remove(b.id, dataKey);
    expect((await repo.list(dataKey)).accounts.map((x) => x.id)).toEqual([a.id, c.id]);
    await expect(repo.remove(b.id, dataKey)).rejects.toThrow(AccountNotFoundError);
  });

  it('reorders when given every id exactly once, and refuses a stale or partial list', async () => {
    const { db, repo, dataKey } = await initializedVault('reorder');
    const [a, b, c] = await addThree(repo, dataKey);
    await repo.reorder([c.id, a.id, b.id]);
    expect((await repo.list(dataKey)).accounts.map((x) => [x.id, x.order])).toEqual([
      [c.id, 0],
      [a.id, 1],
      [b.id, 2],
    ]);
    const before = await snapshotDb(db);
    await expect(repo.reorder([a.id, b.id])).rejects.toThrow(InvalidVaultInputError);
    await expect(repo.reorder([a.id, b.id, b.id])).rejects.toThrow(InvalidVaultInputError);
    await expect(repo.reorder([a.id, b.id, 'unknown'])).rejects.toThrow(InvalidVaultInputError);
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('never reuses an IV across adds and updates in the database', async () => {
    const { db, repo, dataKey } = await initializedVault('db-iv');
    const ivs: string[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const account = await repo.add(dataKey, {
        data: totpData(),
        allowedSites: [],
        enrolledOrigin: 'https://x.test',
      });
      ids.push(account.id);
    }
    for (let round = 0; round < 5; round++) {
      for (const id of ids) await repo.update(dataKey, id, { pinned: round % 2 === 0 });
      ivs.push(...(await db.records.toArray()).map((row) => row.iv));
    }
    expect(ivs).toHaveLength(50);
    expect(new Set(ivs).size).toBe(50);
  });
});

describe('damaged records are detected, kept and reported', () => {
  type Tamper = (row: RecordRow, db: VaultDb) => Promise<void>;
  // The IV and id are also in the vault's record index: changing them is reported a second time, as a whole.
  const tampers: [string, Tamper, 'index changed' | 'index intact'][] = [
    [
      'a flipped bit in the ciphertext',
      (row, db) =>
        db.records.update(row.id, { ciphertext: flipBit(row.ciphertext, 2) }).then(() => undefined),
      'index intact',
    ],
    [
      'a flipped bit in the GCM tag',
      (row, db) =>
        db.records.update(row.id, { ciphertext: flipBit(row.ciphertext, -1, 7) }).then(() => undefined),
      'index intact',
    ],
    [
      'a flipped bit in the IV',
      (row, db) => db.records.update(row.id, { iv: flipBit(row.iv, 5) }).then(() => undefined),
      'index changed',
    ],
    [
      'a lowered schema version (AAD)',
      (row, db) => db.records.update(row.id, { schemaVersion: 0 }).then(() => undefined),
      'index intact',
    ],
    [
      'a changed record id (AAD)',
      async (row, db) => {
        await db.records.delete(row.id);
        await db.records.add({ ...row, id: `${row.id}-moved` });
      },
      'index changed',
    ],
  ];

  test.each(tampers)('%s', async (_label, tamper, index) => {
    const { db, repo, dataKey } = await initializedVault('tamper');
    const [a, b, c] = await addThree(repo, dataKey);
    const target = await db.records.get(b.id);
    if (!target) throw new Error('row missing');
    await tamper(target, db);
    const tamperedId = (await db.records.toArray())
      .map((row) => row.id)
      .find((id) => id !== a.id && id !== c.id);

    const before = await snapshotDb(db);
    const { accounts, broken } = await repo.list(dataKey);
    expect(accounts.map((x) => x.id)).toEqual([a.id, c.id]);
    expect(broken).toEqual([
      { id: tamperedId, reason: expect.stringMatching(/authentication failed/) },
      ...(index === 'index changed' ? [VAULT_INDEX_PROBLEM] : []),
    ]);
    // Reporting deleted nothing and changed nothing.
    expect(await snapshotDb(db)).toEqual(before);
    // An edit of a broken record is refused rather than overwriting it.
    await expect(repo.update(dataKey, tamperedId ?? '', { pinned: true })).rejects.toThrow(
      /could not be decrypted/,
    );
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('detects two records whose ciphertexts were swapped', async () => {
    const { db, repo, dataKey } = await initializedVault('swap');
    const [a, b, c] = await addThree(repo, dataKey);
    const rowA = await db.records.get(a.id);
    const rowB = await db.records.get(b.id);
    if (!rowA || !rowB) throw new Error('rows missing');
    await db.records.update(a.id, { iv: rowB.iv, ciphertext: rowB.ciphertext });
    await db.records.update(b.id, { iv: rowA.iv, ciphertext: rowA.ciphertext });
    const { accounts, broken } = await repo.list(dataKey);
    expect(accounts.map((x) => x.id)).toEqual([c.id]);
    expect(broken.map((x) => x.id)).toEqual([a.id, b.id, VAULT_INDEX_PROBLEM.id]);
  });

  it('lets the user delete a broken record explicitly', async () => {
    const { db, repo, dataKey } = await initializedVault('remove-broken');
    const [a] = await addThree(repo, dataKey);
    await db.records.update(a.id, { ciphertext: flipBit((await db.records.get(a.id))?.ciphertext ?? '', 0) });
    await repo.remove(a.id, dataKey);
    expect((await repo.list(dataKey)).broken).toEqual([]);
  });
});

describe('HOTP counter', () => {
  it('returns the counter to use and persists the next one first', async () => {
    const { repo, dataKey } = await initializedVault('hotp');
    const [, , hotp] = await addThree(repo, dataKey);
    const first = await repo.bumpHotpCounter(dataKey, hotp.id);
    expect(first.data.counter).toBe(5);
    expect((await repo.list(dataKey)).accounts.find((x) => x.id === hotp.id)?.data.counter).toBe(6);
    expect((await repo.bumpHotpCounter(dataKey, hotp.id)).data.counter).toBe(6);
  });

  it('gives two simultaneous requests different counters', async () => {
    const { repo, dataKey } = await initializedVault('hotp-race');
    const [, , hotp] = await addThree(repo, dataKey);
    const results = await Promise.all([
      repo.bumpHotpCounter(dataKey, hotp.id),
      repo.bumpHotpCounter(dataKey, hotp.id),
    ]);
    expect(results.map((r) => r.data.counter).sort()).toEqual([5, 6]);
    expect((await repo.list(dataKey)).accounts.find((x) => x.id === hotp.id)?.data.counter).toBe(7);
  });

  it('refuses a TOTP account', async () => {
    const { repo, dataKey } = await initializedVault('hotp-totp');
    const [totp] = await addThree(repo, dataKey);
    await expect(repo.bumpHotpCounter(dataKey, totp.id)).rejects.toThrow(InvalidVaultInputError);
  });
});

describe('password change', () => {
  it('re-wraps the data key: the new password unlocks the same key, the old one no longer does', async () => {
    const { db, repo, dataKey } = await initializedVault('change');
    const [a] = await addThree(repo, dataKey);
    const recordsBefore = await db.records.toArray();
    await repo.changePassword(PASSWORD, 'a brand new password');
    await expect(repo.unlock('a brand new password')).resolves.toEqual(dataKey);
    await expect(repo.unlock(PASSWORD)).rejects.toThrow(WrongPasswordError);
    // Records are untouched: only the slot changed.
    expect(await db.records.toArray()).toEqual(recordsBefore);
    expect((await repo.list(dataKey)).accounts[0]?.id).toBe(a.id);
  });

  it('with a wrong old password changes nothing', async () => {
    const { db, repo } = await initializedVault('change-wrong');
    const before = await snapshotDb(db);
    await expect(repo.changePassword('wrong', 'new password')).rejects.toThrow(WrongPasswordError);
    expect(await snapshotDb(db)).toEqual(before);
  });

  it('interrupted while writing (transaction aborts half-way) keeps the old password working', async () => {
    const { db, repo } = await initializedVault('change-interrupted-db');
    const before = await snapshotDb(db);
    // The slot is written first, then meta.passwordChangedAt; make that second write fail.
    const failSecondWrite = () => {
      throw new Error('injected failure after the new slot was written');
    };
    db.meta.hook('creating', failSecondWrite);
    db.meta.hook('updating', failSecondWrite);
    await expect(repo.changePassword(PASSWORD, 'new password')).rejects.toThrow(/injected failure/);
    db.meta.hook('creating').unsubscribe(failSecondWrite);
    db.meta.hook('updating').unsubscribe(failSecondWrite);
    expect(await snapshotDb(db)).toEqual(before);
    await expect(repo.unlock(PASSWORD)).resolves.toEqual(templateKey);
    await expect(repo.unlock('new password')).rejects.toThrow(WrongPasswordError);
  });

  it('interrupted while wrapping (crypto fails after the old password was checked) writes nothing', async () => {
    const { crypto: failing, calls } = instrumentedCrypto({ failEncryptAfter: 0 });
    const { db, repo } = await initializedVault('change-interrupted-crypto', failing);
    const before = await snapshotDb(db);
    await expect(repo.changePassword(PASSWORD, 'new password')).rejects.toThrow(/injected failure/);
    expect(calls.decrypt).toBe(1);
    expect(await snapshotDb(db)).toEqual(before);
  });
});

describe('reading the whole vault fast (issue 17: unlock → codes)', () => {
  /** A Crypto that counts AES-GCM key imports and the most decryptions ever in flight at once. */
  function concurrencyCrypto() {
    const real = globalThis.crypto;
    const seen = { imports: 0, inFlight: 0, maxInFlight: 0, decrypts: 0 };
    const subtle = new Proxy(real.subtle, {
      get(target, property) {
        const value = Reflect.get(target, property) as (...a: unknown[]) => Promise<unknown>;
        if (property === 'importKey')
          return (...args: unknown[]) => {
            if (args[2] === 'AES-GCM') seen.imports++;
            return value.apply(target, args);
          };
        if (property === 'decrypt')
          return async (...args: unknown[]) => {
            seen.decrypts++;
            seen.maxInFlight = Math.max(seen.maxInFlight, ++seen.inFlight);
            try {
              return await value.apply(target, args);
            } finally {
              seen.inFlight--;
            }
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const crypto = {
      subtle,
      getRandomValues: real.getRandomValues.bind(real),
      randomUUID: real.randomUUID.bind(real),
    } as Crypto;
    return { crypto, seen };
  }

  it('decrypts every record at once under one imported key, in order, broken ones still reported', async () => {
    const { crypto: counting, seen } = concurrencyCrypto();
    const { db, repo, dataKey } = await initializedVault('list-parallel', counting);
    await repo.addMany(
      dataKey,
      Array.from({ length: 40 }, (_, i) => ({
        data: totpData({ issuer: `Issuer ${i}` }),
        allowedSites: [],
        enrolledOrigin: '',
      })),
    );
    const damaged = (await db.records.toArray()).find((row) => row.order === 7)!;
    await db.records.put({ ...damaged, ciphertext: flipBit(damaged.ciphertext, 3) });
    Object.assign(seen, { imports: 0, maxInFlight: 0, decrypts: 0 });
    const { accounts, broken } = await repo.list(dataKey);
    expect(seen.decrypts).toBe(40);
    // why: awaited one by one, at most one decryption would ever be in flight.
    expect(seen.maxInFlight).toBe(40);
    expect(seen.imports).toBe(1);
    expect(accounts.map((a) => a.data.issuer)).toEqual(
      Array.from({ length: 40 }, (_, i) => `Issuer ${i}`).filter((_, i) => i !== 7),
    );
    expect(broken.map((b) => b.id)).toContain(damaged.id);
  });

  async function createdVault(label: string) {
    const { crypto: counting, seen } = concurrencyCrypto();
    const vault = await emptyVault(label, counting);
    const dataKey = await vault.repo.create(PASSWORD);
    await addThree(vault.repo, dataKey);
    let reads = 0;
    const toArray = vault.db.records.toArray.bind(vault.db.records);
    vault.db.records.toArray = ((...args: Parameters<typeof toArray>) => {
      reads++;
      return toArray(...args);
    }) as typeof toArray;
    return { ...vault, dataKey, seen, reads: () => reads };
  }

  it('the list right after an unlock decrypts the rows read while the key was derived, checked by a new read', async () => {
    const { repo, reads, seen } = await createdVault('unlock-early');
    const dataKey = await repo.unlock(PASSWORD);
    expect(reads()).toBe(1);
    seen.decrypts = 0;
    expect((await repo.list(dataKey)).accounts.map((a) => a.data.issuer)).toEqual([
      'Aliyun',
      'GitHub',
      'HotpCorp',
    ]);
    // Read again (so nothing changed in between is missed), but each record decrypted once.
    expect(reads()).toBe(2);
    expect(seen.decrypts).toBe(3);
    await repo.list(dataKey);
    expect(reads()).toBe(3);
  });

  it('lists what is stored when the list comes: after a write, a change made outside, a failed unlock', async () => {
    const { db, repo, reads } = await createdVault('unlock-early-stale');
    let dataKey = await repo.unlock(PASSWORD);
    await repo.add(dataKey, { data: totpData({ issuer: 'Added' }), allowedSites: [], enrolledOrigin: '' });
    expect((await repo.list(dataKey)).accounts.map((a) => a.data.issuer)).toContain('Added');

    dataKey = await repo.unlock(PASSWORD);
    const [first, second] = (await db.records.toArray()).sort((a, b) => a.order - b.order);
    // An older copy put back outside the extension: same id, another IV.
    await db.records.put({ ...first!, iv: second!.iv, ciphertext: second!.ciphertext });
    const listed = await repo.list(dataKey);
    expect(listed.broken.map((b) => b.id)).toEqual(expect.arrayContaining([first!.id, 'vault-index']));

    dataKey = await repo.unlock(PASSWORD);
    await db.records.clear();
    expect((await repo.list(dataKey)).accounts).toEqual([]);

    await expect(repo.unlock('wrong password')).rejects.toThrow(WrongPasswordError);
    const before = reads();
    await repo.list(dataKey);
    expect(reads()).toBe(before + 1);
  });
});
