import { afterEach, describe, expect, it } from 'vitest';
import { generateDataKey, wrapDataKey } from '../../../lib/vault/crypto';
import { createVaultRepository } from '../../../lib/vault/repository';
import { PASSWORD_SLOT_ID, openVaultDb, type VaultDb } from '../../../lib/vault/schema';
import { PASSWORD, hotpData, manualClock, sequentialIds, totpData, uniqueDbName } from './helpers';

const openDbs: VaultDb[] = [];
afterEach(() => {
  for (const db of openDbs.splice(0)) db.close();
});

/** A lock like the Web Locks API's: tasks run one after another; records how many ran at once. */
function recordingLock() {
  let tail: Promise<unknown> = Promise.resolve();
  const stats = { calls: 0, running: 0, maxRunning: 0 };
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    stats.calls++;
    const run = tail.then(async () => {
      stats.running++;
      stats.maxRunning = Math.max(stats.maxRunning, stats.running);
      try {
        return await task();
      } finally {
        stats.running--;
      }
    });
    tail = run.catch(() => undefined);
    return run;
  }
  return { exclusive, stats };
}

async function lockedVault(label: string) {
  const db = await openVaultDb(uniqueDbName(label));
  openDbs.push(db);
  const dataKey = generateDataKey(crypto);
  await db.slots.add({
    ...(await wrapDataKey(crypto, dataKey, PASSWORD, { slotId: PASSWORD_SLOT_ID })),
    createdAt: 0,
  });
  const lock = recordingLock();
  const repo = createVaultRepository(db, {
    crypto,
    now: manualClock().now,
    newId: sequentialIds(),
    exclusive: lock.exclusive,
  });
  return { repo, dataKey, stats: lock.stats };
}

describe('vault writes go through the write lock', () => {
  it('eight saves started at once all land, one at a time, and the record index stays valid', async () => {
    const { repo, dataKey, stats } = await lockedVault('lock-adds');
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        repo.add(dataKey, { data: totpData({ account: `user${i}` }), allowedSites: [], enrolledOrigin: '' }),
      ),
    );
    const { accounts, broken } = await repo.list(dataKey);
    expect(broken).toEqual([]);
    expect(accounts.map((a) => a.data.account).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `user${i}`).sort(),
    );
    expect(stats).toMatchObject({ calls: 8, maxRunning: 1 });
  });

  it('update, HOTP counter and delete use it too', async () => {
    const { repo, dataKey, stats } = await lockedVault('lock-others');
    const hotp = await repo.add(dataKey, { data: hotpData(5), allowedSites: [], enrolledOrigin: '' });
    await Promise.all([
      repo.bumpHotpCounter(dataKey, hotp.id),
      repo.bumpHotpCounter(dataKey, hotp.id),
      repo.update(dataKey, hotp.id, { pinned: true }),
    ]);
    await repo.remove(hotp.id, dataKey);
    expect(stats.calls).toBe(5);
    expect(stats.maxRunning).toBe(1);
    expect((await repo.list(dataKey)).accounts).toEqual([]);
  });
});
