import { describe, expect, it } from 'vitest';
import { openVaultDb } from '../../../lib/vault/schema';
import { createVaultRepository } from '../../../lib/vault/repository';
import type { VaultRepository } from '../../../lib/vault/types';
import { REPAIR_AFTER_MS, runSync, type SyncArea, type SyncEnv } from '../../../lib/sync/engine';
import { enableSync, rewrapSyncSlot } from '../../../lib/sync/enable';
import { CHUNK_PREFIX, itemSize, MANIFEST_KEY, SLOT_KEY, SYNC_QUOTA } from '../../../lib/sync/format';
import { readSyncState, SYNC_STATE_KEY } from '../../../lib/sync/state';
import { flipBit, hotpData, manualClock, PASSWORD, totpData, uniqueDbName } from '../vault/helpers';

/** storage.sync / storage.local in memory, with JSON round trips like the browser's. */
function memoryArea() {
  const items = new Map<string, unknown>();
  let writes = 0;
  const area = {
    items,
    writes: () => writes,
    async get(keys: string | null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of items)
        if (keys === null || k === keys) out[k] = JSON.parse(JSON.stringify(v)) as unknown;
      return out;
    },
    async set(values: Record<string, unknown>) {
      writes++;
      for (const [k, v] of Object.entries(values)) items.set(k, JSON.parse(JSON.stringify(v)) as unknown);
    },
    async remove(keys: string | string[]) {
      for (const k of Array.isArray(keys) ? keys : [keys]) items.delete(k);
    },
  };
  return area;
}

interface Browser {
  vault: VaultRepository;
  dek: Uint8Array;
  env: SyncEnv & { unlockLocal(p: string): Promise<Uint8Array> };
  local: ReturnType<typeof memoryArea>;
}

const clock = manualClock();

async function browserWith(area: SyncArea, password = PASSWORD): Promise<Browser> {
  const db = await openVaultDb(uniqueDbName('sync'));
  const vault = createVaultRepository(db, { crypto: globalThis.crypto, now: clock.now });
  const dek = await vault.create(password);
  const local = memoryArea();
  const env = {
    crypto: globalThis.crypto,
    now: () => {
      clock.advance(1000);
      return clock.now();
    },
    vault,
    area,
    local,
    unlockLocal: (p: string) => vault.unlock(p),
  };
  return { vault, dek, env, local };
}

const names = async (b: Browser) => (await b.vault.list(b.dek)).accounts.map((a) => a.data.account).sort();
const sync = (b: Browser) => runSync(b.env, b.dek);
const site = (account: string) => ({
  data: totpData({ account, secret: `JBSWY3DP${account.toUpperCase()}` }),
  allowedSites: ['example.com'],
  enrolledOrigin: 'https://example.com',
});

/** Two browsers of one user, sharing one sync area (the browser's sync does that between real profiles). */
async function pair() {
  const area = memoryArea();
  const a = await browserWith(area);
  const b = await browserWith(area, 'another password of B');
  await a.vault.add(a.dek, site('alice'));
  const enabledA = await enableSync(a.env, a.dek, PASSWORD);
  expect(enabledA.ok).toBe(true);
  const wrong = await enableSync(b.env, b.dek, 'another password of B');
  expect(wrong).toMatchObject({ ok: false, reason: 'joined-wrong-password' });
  expect(await b.local.get(SYNC_STATE_KEY)).toEqual({});
  const joined = await enableSync(b.env, b.dek, PASSWORD);
  expect(joined).toMatchObject({ ok: true, joined: true });
  return { area, a, b };
}

describe('sync engine (real vaults, real crypto, one shared sync area)', () => {
  it('an account added in A appears in B; a delete in B reaches A; HOTP counters merge as the maximum', async () => {
    const { area, a, b } = await pair();
    expect(await names(b)).toEqual(['alice']);
    for (const key of area.items.keys()) expect(key.startsWith('ms.')).toBe(true);
    expect(JSON.stringify([...area.items.values()])).not.toContain('alice');
    expect(JSON.stringify([...area.items.values()])).not.toContain('JBSWY3DP');

    const hotp = await a.vault.add(a.dek, {
      data: hotpData(5),
      allowedSites: [],
      enrolledOrigin: 'https://h.example',
    });
    await sync(a);
    await sync(b);
    const inB = (await b.vault.list(b.dek)).accounts.find((x) => x.data.kind === 'hotp');
    expect(inB?.data.counter).toBe(5);
    await a.vault.bumpHotpCounter(a.dek, hotp.id); // 6 in A
    await b.vault.update(b.dek, inB?.id as string, { issuer: 'Renamed in B' }); // concurrent rename in B
    await sync(a);
    const statusB = await sync(b);
    await sync(a);
    const [hotpA, hotpB] = [a, b].map(async (x) =>
      (await x.vault.list(x.dek)).accounts.find((y) => y.data.kind === 'hotp'),
    );
    expect((await hotpA)?.data).toMatchObject({ counter: 6, issuer: 'Renamed in B' });
    expect((await hotpB)?.data).toMatchObject({ counter: 6, issuer: 'Renamed in B' });
    expect(statusB?.conflictsResolved).toBe(1);

    const alice = (await b.vault.list(b.dek)).accounts.find((x) => x.data.account === 'alice');
    await b.vault.remove(alice?.id as string, b.dek);
    await sync(b);
    await sync(a);
    expect(await names(a)).toEqual(['bob']);
  });

  it('edits one after the other (each browser saw the last) are not counted as conflicts', async () => {
    const { a, b } = await pair();
    const idIn = async (x: Browser) => (await x.vault.list(x.dek)).accounts[0]?.id as string;
    await a.vault.update(a.dek, await idIn(a), { issuer: 'first' });
    await sync(a);
    await sync(b);
    await b.vault.update(b.dek, await idIn(b), { issuer: 'second' });
    await sync(b);
    const statusA = await sync(a);
    expect((await a.vault.list(a.dek)).accounts[0]?.data.issuer).toBe('second');
    expect(statusA?.conflictsResolved).toBe(0);
    expect((await sync(b))?.conflictsResolved).toBe(0);
  });

  it('an emptied sync area deletes nothing and is written back from this browser', async () => {
    const { area, a, b } = await pair();
    area.items.clear();
    const status = await sync(b);
    expect(status?.problems).toEqual(['empty']);
    expect(status?.reported?.problems).toEqual(['empty']);
    expect(await names(b)).toEqual(['alice']);
    expect(area.items.has(MANIFEST_KEY)).toBe(true);
    await sync(a);
    expect(await names(a)).toEqual(['alice']);
  });

  it('a tampered, removed or replayed item is reported and changes nothing here; a bad remote still there next time is repaired', async () => {
    const { area, a, b } = await pair();
    const before = structuredClone(Object.fromEntries(area.items));
    await a.vault.add(a.dek, site('carol'));
    await sync(a);
    const chunk = area.items.get(`${CHUNK_PREFIX}0`) as { ct: string };
    area.items.set(`${CHUNK_PREFIX}0`, { ...chunk, ct: flipBit(chunk.ct, 3) });
    const writes = area.writes();
    const tampered = await sync(b);
    expect(tampered).toMatchObject({ result: 'problem', problems: ['chunk-invalid'] });
    expect(tampered?.reported?.problems).toEqual(['chunk-invalid']);
    expect(await names(b)).toEqual(['alice']);
    expect(area.writes()).toBe(writes);
    // Still there a minute later: B writes its own state back (absence deletes nothing in A).
    await sync(b);
    expect(area.writes()).toBe(writes);
    clock.advance(REPAIR_AFTER_MS);
    await sync(b);
    expect(area.writes()).toBe(writes + 1);
    await sync(a);
    await sync(b);
    expect(await names(a)).toEqual(['alice', 'carol']);
    expect(await names(b)).toEqual(['alice', 'carol']);

    // An older, authentic copy of the whole area put back: replayed.
    for (const [k, v] of Object.entries(before)) area.items.set(k, v);
    const replayed = await sync(b);
    expect(replayed?.problems).toContain('replayed');
    expect(await names(b)).toEqual(['alice', 'carol']);

    // A chunk removed: truncated.
    clock.advance(REPAIR_AFTER_MS);
    await sync(b);
    area.items.delete(`${CHUNK_PREFIX}0`);
    expect((await sync(a))?.problems).toEqual(['chunk-missing']);
    expect(await names(a)).toEqual(['alice', 'carol']);
  });

  it('a manifest cut short (a chunk and its entry removed) is reported: only the signed manifest shows it', async () => {
    const { area, a, b } = await pair();
    const manifest = area.items.get(MANIFEST_KEY) as { chunks: unknown[] };
    area.items.set(MANIFEST_KEY, { ...manifest, chunks: [] });
    area.items.delete(`${CHUNK_PREFIX}0`);
    expect(await sync(b)).toMatchObject({ result: 'problem', problems: ['manifest-invalid'] });
    expect(await names(b)).toEqual(['alice']);
    // A chunk the manifest does not name is someone else's: reported, never read.
    clock.advance(REPAIR_AFTER_MS);
    await sync(b);
    expect(await sync(a)).toMatchObject({ result: 'ok', problems: [] });
    area.items.set(`${CHUNK_PREFIX}7`, area.items.get(`${CHUNK_PREFIX}0`));
    expect((await sync(a))?.problems).toEqual(['manifest-invalid']);
  });

  it('a password change re-wraps the synced slot: the others adopt it, and a browser joining later needs the new password', async () => {
    const { area, a, b } = await pair();
    const oldSlot = area.items.get(SLOT_KEY);
    await a.vault.changePassword(PASSWORD, 'the new password of A');
    await rewrapSyncSlot(a.env, a.dek, 'the new password of A');
    expect(area.items.get(SLOT_KEY)).not.toEqual(oldSlot);
    expect(await sync(b)).toMatchObject({ result: 'ok', problems: [] });
    expect((await readSyncState(globalThis.crypto, b.local, b.dek))?.slot).toEqual(area.items.get(SLOT_KEY));
    await b.vault.add(b.dek, site('erin'));
    await sync(b);
    expect(await sync(a)).toMatchObject({ result: 'ok', problems: [] });
    expect(await names(a)).toEqual(['alice', 'erin']);
    const c = await browserWith(area, 'password of C');
    expect(await enableSync(c.env, c.dek, PASSWORD)).toMatchObject({
      ok: false,
      reason: 'joined-wrong-password',
    });
    expect(await enableSync(c.env, c.dek, 'the new password of A')).toMatchObject({ ok: true, joined: true });
    expect(await names(c)).toEqual(['alice', 'erin']);
    // The old slot put back under the current manifest is not signed there: another vault, as far as A can tell.
    area.items.set(SLOT_KEY, oldSlot);
    expect((await sync(a))?.result).toBe('other-vault');
  });

  it('another vault in the sync area is reported and never written over', async () => {
    const { area, a } = await pair();
    const other = await browserWith(memoryArea());
    const otherArea = memoryArea();
    other.env.area = otherArea;
    await enableSync(other.env, other.dek, PASSWORD);
    area.items.set(SLOT_KEY, otherArea.items.get(SLOT_KEY));
    const writes = area.writes();
    expect((await sync(a))?.result).toBe('other-vault');
    expect(area.writes()).toBe(writes);
    expect(await names(a)).toEqual(['alice']);
  });

  it('a vault larger than the quota: the rest is synced, the excess reported, no item above the limits, no rewrite loop', async () => {
    const area = memoryArea();
    const a = await browserWith(area);
    // why: random names, so compression cannot make the vault fit.
    const rand = () => Array.from(crypto.getRandomValues(new Uint8Array(8)), (x) => x.toString(36)).join('');
    const sites = Array.from({ length: 50 }, () => `${rand()}.example.com`);
    await a.vault.addMany(
      a.dek,
      Array.from({ length: 200 }, (_, i) => ({
        data: totpData({
          account: `user${i}`,
          secret:
            `JBSWY3DPEHPK3PXP${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.slice(i % 30)}`.slice(0, 32) +
            String.fromCharCode(65 + (i % 26)).repeat(8),
        }),
        allowedSites: sites.map((s) => `${rand()}${i}.${s}`),
        enrolledOrigin: `https://${i}.example.com`,
      })),
    );
    const outcome = await enableSync(a.env, a.dek, PASSWORD);
    expect(outcome.ok && outcome.status).toMatchObject({ result: 'quota' });
    const status = outcome.ok ? outcome.status : null;
    expect(status?.omitted).toBeGreaterThan(0);
    expect(status?.omitted).toBeLessThan(200);
    let total = 0;
    for (const [k, v] of area.items) {
      expect(itemSize(k, v)).toBeLessThanOrEqual(SYNC_QUOTA.itemBytes);
      total += itemSize(k, v);
    }
    expect(total).toBeLessThanOrEqual(SYNC_QUOTA.totalBytes);
    const writes = area.writes();
    expect((await sync(a))?.result).toBe('quota');
    expect(area.writes()).toBe(writes);
    const b = await browserWith(area);
    await enableSync(b.env, b.dek, PASSWORD);
    expect((await names(b)).length).toBe(200 - (status?.omitted ?? 0));
  });

  it('the browser refusing storage.sync says why (quota, write rate, unavailable) and changes nothing here', async () => {
    const { area, a } = await pair();
    await a.vault.add(a.dek, site('dave'));
    const set = area.set;
    area.set = () => Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
    expect(await sync(a)).toMatchObject({ result: 'quota', omitted: 0, error: 'QUOTA_BYTES quota exceeded' });
    area.set = () => Promise.reject(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'));
    expect((await sync(a))?.result).toBe('unavailable');
    const get = area.get;
    area.get = () => Promise.reject(new Error('storage.sync is disabled'));
    expect(await sync(a)).toMatchObject({ result: 'unavailable', error: 'storage.sync is disabled' });
    expect(await names(a)).toEqual(['alice', 'dave']);
    area.get = get;
    area.set = set;
    expect((await sync(a))?.result).toBe('ok');
  });

  it('the local state is sealed with the data key: forged or removed, sync is simply off', async () => {
    const { a } = await pair();
    expect(await readSyncState(globalThis.crypto, a.local, a.dek)).not.toBeNull();
    const sealed = a.local.items.get(SYNC_STATE_KEY) as { ciphertext: string };
    a.local.items.set(SYNC_STATE_KEY, { ...sealed, ciphertext: flipBit(sealed.ciphertext, 2) });
    expect(await sync(a)).toBeNull();
  });
});
