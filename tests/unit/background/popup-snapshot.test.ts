import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../lib/background/router';
import { createHandlers } from '../../../lib/background/handlers';
import { onLockAlarm, withPopupSnapshot, writePopupSnapshot } from '../../../lib/background/popup-snapshot';
import { generateCode } from '../../../lib/otp/generate';
import { startPopupBoot } from '../../../lib/ui/popup-boot';
import { assembleSnapshot, readLocalList } from '../../../lib/ui/popup-full';
import type { LocalSources } from '../../../lib/ui/popup-local';
import { sortAccounts } from '../../../lib/ui/sort-accounts';
import { SESSION_STORAGE_KEY } from '../../../lib/vault/session';
import { lockNow } from '../../../lib/background/unlocked-key';
import type { Reply, RequestOf, ResponseOf, MessageType } from '../../../lib/messaging';
import type { OtpAccountData } from '../../../lib/otp/types';
import {
  HEAD_KEY,
  MAP_KEY,
  SNAPSHOT_KEY,
  VAULT_MARKER_KEY,
  chunkKey,
  compareRows,
  isSnapshotPart,
  parseChunkMap,
  parseHead,
  parseIndex,
  parseRows,
  type PopupSnapshot,
  type SnapshotAccount,
} from '../../../lib/vault/popup-snapshot';
import { fakeDeps } from './fakes';
import { totpData } from '../vault/helpers';

const EXT_ID = 'abcdefghijklmnop';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;
const popup = { id: EXT_ID, url: `${EXT_ORIGIN}/popup.html` };
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const totp = (issuer: string, over: Partial<OtpAccountData> = {}): OtpAccountData =>
  totpData({ issuer, account: 'alice', secret: SECRET, ...over });

async function setup() {
  const env = fakeDeps({ tabs: { 5: 'https://github.com/login' } });
  const route = createRouter(createHandlers(env.deps), { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN });
  async function ok<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    const reply = (await route({ type, payload }, popup as never)) as Reply<unknown>;
    if (!reply.ok) throw new Error(`${type} failed: ${reply.error.code}`);
    return reply.value as ResponseOf<K>;
  }
  /** The index: without it no part is trusted. */
  const raw = async () => (await env.deps.sessionArea.get(SNAPSHOT_KEY))[SNAPSHOT_KEY];
  /** The whole snapshot as the popup assembles it, in display order (without a tab). */
  const snapshot = async () => {
    const whole = assembleSnapshot(await env.deps.sessionArea.get(null));
    whole?.accounts.sort(compareRows);
    return whole;
  };
  /** Every key of the snapshot still in storage.session (index and parts). */
  const keys = async () =>
    Object.keys(await env.deps.sessionArea.get(null)).filter((k) => k === SNAPSHOT_KEY || isSnapshotPart(k));
  /** Spoils the snapshot, so the next check proves the write under test wrote it again. */
  const spoil = () => env.deps.sessionArea.set({ [SNAPSHOT_KEY]: { v: 0 } });
  await ok('createVault', { password: 'correct horse' });
  return { ...env, ok, raw, snapshot, keys, spoil };
}

const issuers = (s: PopupSnapshot | null) => s?.accounts.map((a) => a.issuer);

describe('popup snapshot in storage.session', () => {
  it('is written at unlock with what the first screen needs, HOTP without its secret', async () => {
    const t = await setup();
    await t.ok('addAccount', { data: totp('GitHub'), allowedSites: ['github.com'], enrolledOrigin: '' });
    await t.ok('addAccount', {
      data: totp('Bank', { kind: 'hotp', counter: 3 }),
      allowedSites: [],
      enrolledOrigin: '',
    });
    await t.ok('lockVault', {});
    expect(await t.raw()).toBeUndefined();
    await t.ok('unlockVault', { password: 'correct horse' });
    const s = await t.snapshot();
    expect(s?.accounts).toEqual([
      expect.objectContaining({ issuer: 'GitHub', secret: SECRET, allowedSites: ['github.com'], digits: 6 }),
      expect.objectContaining({ issuer: 'Bank', kind: 'hotp', secret: '' }),
    ]);
    expect(s?.idleMs).toBeGreaterThan(0);
    expect(s?.backup).toEqual({ lastBackupAt: null, accountsSinceBackup: 2, accountCount: 2 });
  });

  it('is rewritten by every kind of vault write before the write returns', async () => {
    const t = await setup();
    await t.spoil();
    const { id } = await t.ok<'addAccount'>('addAccount', {
      data: totp('A'),
      allowedSites: [],
      enrolledOrigin: '',
    });
    expect(issuers(await t.snapshot())).toEqual(['A']);
    const { id: id2 } = await t.ok<'addAccount'>('addAccount', {
      data: totp('H', { kind: 'hotp' }),
      allowedSites: [],
      enrolledOrigin: '',
    });

    await t.spoil();
    await t.ok('updateAccount', { id, patch: { issuer: 'A2' } });
    expect(issuers(await t.snapshot())).toEqual(['A2', 'H']);

    await t.spoil();
    await t.ok('reorderAccounts', { ids: [id2, id] });
    expect((await t.snapshot())?.accounts.map((a) => [a.issuer, a.order])).toEqual(
      expect.arrayContaining([
        ['H', 0],
        ['A2', 1],
      ]),
    );

    await t.spoil();
    await t.ok('nextHotpCode', { id: id2 });
    expect(await t.snapshot()).not.toBeNull();

    await t.spoil();
    await t.ok('changePassword', { oldPassword: 'correct horse', newPassword: 'correct horse 2' });
    expect(await t.snapshot()).not.toBeNull();

    // In display order from here (the reorder above put H first).
    // Paths without a message of their own here (import commit, sync, replace, backup) use the same deps.
    const hooked = withPopupSnapshot(t.deps);
    const dek = (await t.session.load())!;
    await t.spoil();
    const [added] = await hooked.vault.addMany(dek, [
      { data: totp('Imported'), allowedSites: [], enrolledOrigin: '' },
    ]);
    expect(issuers(await t.snapshot())).toEqual(['H', 'A2', 'Imported']);
    await t.spoil();
    await hooked.vault.replace(dek, added!.id, {
      data: totp('Replaced'),
      allowedSites: [],
      enrolledOrigin: '',
    });
    expect(issuers(await t.snapshot())).toEqual(['H', 'A2', 'Replaced']);
    await t.spoil();
    await hooked.vault.recordBackup(t.clock.now);
    expect(await t.snapshot()).not.toBeNull();
    await t.spoil();
    await hooked.settings.update(dek, (current) => ({ ...(current as object), autoLockMinutes: 5 }));
    expect((await t.snapshot())?.idleMs).toBe(5 * 60_000);

    await t.spoil();
    await t.ok('deleteAccount', { id });
    expect(issuers(await t.snapshot())).toEqual(['H', 'Replaced']);
  });

  it('is removed on lock, on a passed deadline (alarm or not) and at browser start', async () => {
    const t = await setup();
    await t.ok('addAccount', { data: totp('A'), allowedSites: [], enrolledOrigin: '' });
    expect(await t.snapshot()).not.toBeNull();
    expect(await t.keys()).toEqual(expect.arrayContaining([SNAPSHOT_KEY, HEAD_KEY]));
    await t.ok('lockVault', {});
    expect(await t.keys()).toEqual([]);

    await t.ok('unlockVault', { password: 'correct horse' });
    expect(await t.snapshot()).not.toBeNull();
    t.clock.now += 24 * 60 * 60_000;
    await onLockAlarm(withPopupSnapshot(t.deps));
    expect(await t.keys()).toEqual([]);

    await t.ok('unlockVault', { password: 'correct horse' });
    t.clock.now += 24 * 60 * 60_000;
    expect(await t.ok('getVaultState', {})).toMatchObject({ state: 'locked' });
    expect(await t.keys()).toEqual([]);

    await t.ok('unlockVault', { password: 'correct horse' });
    await lockNow(withPopupSnapshot(t.deps)); // what runtime.onStartup runs
    expect(await t.keys()).toEqual([]);
  });

  it('the lock alarm arms itself again while the session is live (the popup may have moved it)', async () => {
    const t = await setup();
    const lockAt = (await t.session.lockAt())!;
    t.alarms.when = null;
    await onLockAlarm(withPopupSnapshot(t.deps));
    expect(t.alarms.when).toBe(lockAt);
    expect(await t.snapshot()).not.toBeNull();
  });

  it('listAccounts reads the vault once, answers from it and rewrites the snapshot (gone after a restart: rebuilt)', async () => {
    const t = await setup();
    await t.ok('addAccount', { data: totp('GitHub'), allowedSites: ['github.com'], enrolledOrigin: '' });
    let lists = 0;
    const list = t.vault.list.bind(t.vault);
    t.vault.list = async (dek) => {
      lists += 1;
      return list(dek);
    };
    const first = await t.ok<'listAccounts'>('listAccounts', { tabId: 5 });
    expect(lists).toBe(1);
    expect(first.accounts[0]).toMatchObject({ issuer: 'GitHub', matchesTab: true });
    expect(first.accounts[0]!.code).toMatch(/^\d{6}$/u);
    expect(JSON.stringify(first)).not.toContain(SECRET);

    await t.deps.sessionArea.remove(SNAPSHOT_KEY);
    const again = await t.ok<'listAccounts'>('listAccounts', { tabId: 5 });
    expect(lists).toBe(2);
    expect(again.accounts.map((a) => a.issuer)).toEqual(['GitHub']);
    expect(await t.snapshot()).not.toBeNull();
  });

  it('a write that fails leaves no stale snapshot behind', async () => {
    const t = await setup();
    await t.ok('addAccount', { data: totp('A'), allowedSites: [], enrolledOrigin: '' });
    t.vault.list = async () => {
      throw new Error('disk gone');
    };
    await expect(withPopupSnapshot(t.deps).vault.reorder(['nope'])).rejects.toThrow();
    expect(await t.keys()).toEqual([]);
  });

  it('a write in progress has already removed the snapshot (a worker stopped mid-write leaves none)', async () => {
    const t = await setup();
    await t.ok('addAccount', { data: totp('A'), allowedSites: [], enrolledOrigin: '' });
    expect(await t.snapshot()).not.toBeNull();
    t.vault.reorder = () => new Promise<void>(() => {}); // the worker dies inside the write
    void withPopupSnapshot(t.deps).vault.reorder([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await t.raw()).toBeUndefined();
  });

  it('keeps a non-secret marker of the vault state for the locked popup', async () => {
    const t = await setup();
    expect((await t.deps.local.get(VAULT_MARKER_KEY))[VAULT_MARKER_KEY]).toBe('initialized');
  });
});

describe('snapshot parts', () => {
  const row = (): SnapshotAccount => ({
    id: 'a',
    kind: 'totp',
    issuer: 'X',
    account: 'y',
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
    secret: SECRET,
    pinned: false,
    order: 0,
    allowedSites: [],
    createdAt: 1,
  });

  it('accept what the background writes and refuse anything malformed', () => {
    expect(parseRows([row()])).toEqual([row()]);
    const bad: ((r: SnapshotAccount) => unknown)[] = [
      () => null,
      () => 'x',
      (r) => ({ ...r, secret: 'not base32!' }),
      (r) => ({ ...r, kind: 'hotp' }),
      (r) => ({ ...r, digits: 99 }),
      (r) => ({ ...r, period: 0 }),
      (r) => ({ ...r, algorithm: 'MD5' }),
      (r) => ({ ...r, allowedSites: [1] }),
      (r) => ({ ...r, id: '' }),
      (r) => ({ ...r, createdAt: undefined }),
    ];
    for (const spoil of bad) expect(parseRows([row(), spoil(row())])).toBeNull();
    const head = {
      rows: [row()],
      count: 1,
      broken: [],
      backup: { lastBackupAt: null, accountsSinceBackup: 1, accountCount: 1 },
      idleMs: 60_000,
    };
    expect(parseHead(head)).toEqual(head);
    for (const spoilt of [
      { ...head, idleMs: -1 },
      { ...head, backup: null },
      { ...head, broken: [{ id: 1 }] },
      { ...head, rows: 'x' },
      { ...head, count: -1 },
    ])
      expect(parseHead(spoilt)).toBeNull();
    expect(parseIndex({ v: 2, gen: 'g', chunks: 1 })).not.toBeNull();
    for (const index of [
      { v: 1, gen: 'g', chunks: 1 },
      { v: 2, chunks: 1 },
      { v: 2, gen: 'g', chunks: 0 },
    ])
      expect(parseIndex(index)).toBeNull();
    // The whole snapshot needs the index and every chunk, with as many rows as the head counts.
    const parts = {
      [SNAPSHOT_KEY]: { v: 2, gen: 'g', chunks: 1 },
      [HEAD_KEY]: head,
      'popupSnapshot:c0': [row()],
    };
    expect(assembleSnapshot(parts)?.accounts).toEqual([row()]);
    expect(assembleSnapshot({ ...parts, [SNAPSHOT_KEY]: undefined })).toBeNull();
    expect(assembleSnapshot({ ...parts, 'popupSnapshot:c0': [] })).toBeNull();
  });
});

describe('a write patches the snapshot (issue 21: no whole-vault decrypt per write)', () => {
  const SECRET_2 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const LIVE_KEY = { dataKey: `${'A'.repeat(43)}=`, lockAt: Number.MAX_SAFE_INTEGER };

  /** A vault of `n` accounts (the last `bound` bound to github.com), added in one import, and a read counter. */
  async function seeded(n: number, bound = 1) {
    const t = await setup();
    const dek = (await t.session.load())!;
    const hooked = withPopupSnapshot(t.deps);
    await hooked.vault.addMany(
      dek,
      Array.from({ length: n }, (_, i) => ({
        data: totp(`Issuer ${i}`),
        allowedSites: i >= n - bound ? ['github.com'] : [],
        enrolledOrigin: '',
      })),
    );
    const reads = { lists: 0, sets: [] as string[][] };
    const list = t.vault.list.bind(t.vault);
    t.vault.list = async (key) => {
      reads.lists += 1;
      return list(key);
    };
    const set = t.deps.sessionArea.set.bind(t.deps.sessionArea);
    t.deps.sessionArea.set = async (items) => {
      reads.sets.push(Object.keys(items));
      return set(items);
    };
    // The popup reads the same storage.session, where the real session keeps the key beside the snapshot.
    await set({ [SESSION_STORAGE_KEY]: LIVE_KEY });
    const local: LocalSources = {
      session: t.deps.sessionArea,
      local: { get: async () => ({}) },
      tabUrl: async () => 'https://gist.github.com/alice',
      now: () => t.clock.now,
    };
    return { ...t, dek, hooked, reads, local };
  }

  it('patches only the chunk, head and sites a write changed, reading no record it did not write', async () => {
    const t = await seeded(1_200);
    expect(await t.raw()).toMatchObject({ chunks: 3 });
    const ids = (await t.snapshot())!.accounts.map((a) => a.id);
    const last = ids.at(-1)!;

    t.reads.sets = [];
    await t.ok('updateAccount', { id: last, patch: { issuer: 'Renamed' } });
    expect(t.reads.sets.flat().sort()).toEqual(
      [SNAPSHOT_KEY, HEAD_KEY, 'popupSnapshot:c2', 'popupSnapshot:s:github.com'].sort(),
    );

    await t.hooked.vault.replace(t.dek, ids[600]!, {
      data: totp('New key', { secret: SECRET_2 }),
      allowedSites: [],
      enrolledOrigin: '',
    });
    // (the addAccount handler reads the vault itself, for its duplicate check: added here directly)
    const { id: hotp } = await t.hooked.vault.add(t.dek, {
      data: totp('Counter', { kind: 'hotp' }),
      allowedSites: [],
      enrolledOrigin: '',
    });
    t.reads.sets = [];
    await t.ok('nextHotpCode', { id: hotp });
    expect(t.reads.sets).toEqual([[SNAPSHOT_KEY]]); // an HOTP code: only the index comes back
    await t.ok('deleteAccount', { id: ids[1]! });
    await t.ok('reorderAccounts', { ids: [...(await t.snapshot())!.accounts.map((a) => a.id)].reverse() });
    await t.hooked.vault.recordBackup(t.clock.now);
    await t.hooked.settings.update(t.dek, (current) => ({ ...(current as object), autoLockMinutes: 7 }));
    expect(t.reads.lists).toBe(0);

    const patched = await t.snapshot();
    expect(patched?.accounts.find((a) => a.id === ids[600])).toMatchObject({ secret: SECRET_2 });
    expect(patched?.accounts.find((a) => a.id === last)).toMatchObject({ issuer: 'Renamed' });
    expect(patched?.idleMs).toBe(7 * 60_000);
    expect(patched?.backup).toEqual({
      lastBackupAt: t.clock.now,
      accountsSinceBackup: 0,
      accountCount: 1_200,
    });
    // Exactly what a rebuild from the whole vault writes (the fake vault does not keep the backup time).
    await writePopupSnapshot(t.deps, t.dek);
    expect(t.reads.lists).toBe(1);
    expect({ ...(await t.snapshot()), backup: null }).toEqual({ ...patched, backup: null });
  });

  it('a write to an account in a later chunk shows on the next open', async () => {
    const t = await seeded(1_200);
    const target = (await t.snapshot())!.accounts[1_100]!;
    await t.hooked.vault.replace(t.dek, target.id, {
      data: totp('Moved', { secret: SECRET_2, digits: 8 }),
      allowedSites: [],
      enrolledOrigin: '',
    });
    const list = await readLocalList(t.local, 5);
    const row = list?.accounts.find((a) => a.id === target.id);
    expect(row).toMatchObject({ issuer: 'Moved' });
    expect(row?.code).toBe(generateCode({ ...totp('', { secret: SECRET_2, digits: 8 }) }, t.clock.now));
    expect(t.reads.lists).toBe(0);
  });

  /** Asserts the chunk map lists exactly each chunk's ids, in order. */
  async function expectMapInStep(t: Awaited<ReturnType<typeof seeded>>) {
    const all = await t.deps.sessionArea.get(null);
    const index = parseIndex(all[SNAPSHOT_KEY]);
    expect(index).not.toBeNull();
    const chunks = Array.from({ length: index!.chunks }, (_, c) =>
      parseRows(all[chunkKey(c)])!.map((row) => row.id),
    );
    expect(parseChunkMap(all[MAP_KEY], index!.chunks)).toEqual(chunks);
  }

  /** The head, the site keys and every row (display order) as stored, without the index's generation. */
  async function stored(t: Awaited<ReturnType<typeof seeded>>) {
    const all = await t.deps.sessionArea.get(null);
    const sites = Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('popupSnapshot:s:')));
    return { head: parseHead(all[HEAD_KEY]), sites, snapshot: await t.snapshot() };
  }

  /** What the patches left equals what a rebuild from the whole vault writes. */
  async function expectSameAsRebuild(t: Awaited<ReturnType<typeof seeded>>) {
    await expectMapInStep(t);
    const patched = await stored(t);
    await writePopupSnapshot(t.deps, t.dek);
    expect(patched).toEqual(await stored(t));
  }

  it('keeps the chunk map in step after add, delete, reorder and import (issue 17)', async () => {
    const t = await seeded(1_200);
    await expectMapInStep(t);
    const ids = (await t.snapshot())!.accounts.map((a) => a.id);
    await t.hooked.vault.add(t.dek, { data: totp('Added'), allowedSites: [], enrolledOrigin: '' });
    await expectMapInStep(t);
    // An import across a chunk's end: the last chunk fills and a new one starts.
    await t.hooked.vault.addMany(
      t.dek,
      Array.from({ length: 400 }, (_, i) => ({
        data: totp(`Imported ${i}`),
        allowedSites: [],
        enrolledOrigin: '',
      })),
    );
    expect(await t.raw()).toMatchObject({ chunks: 4 });
    await expectMapInStep(t);
    await t.ok('deleteAccount', { id: ids[1_150]! });
    await expectMapInStep(t);
    await t.ok('deleteAccount', { id: ids[3]! });
    await expectMapInStep(t);
    await t.ok('reorderAccounts', { ids: [...(await t.snapshot())!.accounts.map((a) => a.id)].reverse() });
    await expectMapInStep(t);
    expect(t.reads.lists).toBe(0);
    await expectSameAsRebuild(t);
  });

  it('a write reads only the chunk it changes (with the map), not every chunk', async () => {
    const t = await seeded(1_200);
    const ids = (await t.snapshot())!.accounts.map((a) => a.id);
    const asked: string[] = [];
    const get = t.deps.sessionArea.get.bind(t.deps.sessionArea);
    t.deps.sessionArea.get = async (keys) => {
      asked.push(...(keys === null ? ['*'] : ([] as string[]).concat(keys)));
      return get(keys);
    };
    await t.ok('updateAccount', { id: ids[1_100]!, patch: { issuer: 'Renamed' } });
    await t.hooked.vault.add(t.dek, { data: totp('Added'), allowedSites: [], enrolledOrigin: '' });
    await t.ok('deleteAccount', { id: ids[1_000]! });
    const chunksRead = asked.filter((key) => /^popupSnapshot:c\d+$/u.test(key));
    expect(new Set(chunksRead)).toEqual(new Set([chunkKey(2)]));
    expect(asked).not.toContain('*');
    expect(t.reads.lists).toBe(0);
    await expectSameAsRebuild(t);
  });

  it('a stale or missing chunk map is not trusted: every chunk is read and the map written again', async () => {
    const t = await seeded(1_200);
    const ids = (await t.snapshot())!.accounts.map((a) => a.id);
    const map = (await t.deps.sessionArea.get(MAP_KEY))[MAP_KEY] as string[][];
    // The map says an account of the third chunk is in the first, and one of the first in the third.
    const moved = map[2]![0]!;
    map[2]![0] = map[0]![0]!;
    map[0]![0] = moved;
    await t.deps.sessionArea.set({ [MAP_KEY]: map });
    await t.ok('updateAccount', { id: moved, patch: { issuer: 'Moved' } });
    expect(t.reads.lists).toBe(0);
    expect((await t.snapshot())!.accounts.filter((a) => a.id === moved)).toMatchObject([{ issuer: 'Moved' }]);
    await expectSameAsRebuild(t);
    await t.deps.sessionArea.remove(MAP_KEY);
    const lists = t.reads.lists;
    await t.ok('updateAccount', { id: ids[5]!, patch: { issuer: 'Again' } });
    expect(t.reads.lists).toBe(lists);
    await expectSameAsRebuild(t);
  });

  it('the head and the site keys stay right when rows enter or leave a first screen', async () => {
    const t = await seeded(1_200, 30);
    const ids = (await t.snapshot())!.accounts.map((a) => a.id);
    // (added first: the fake vault numbers ids by count, so an add after a delete would repeat one)
    await t.hooked.vault.add(t.dek, { data: totp('New'), allowedSites: ['github.com'], enrolledOrigin: '' });
    await expectSameAsRebuild(t);
    await t.ok('deleteAccount', { id: ids[0]! });
    await expectSameAsRebuild(t);
    await t.ok('updateAccount', { id: ids[1_190]!, patch: { pinned: true } });
    await expectSameAsRebuild(t);
    await t.ok('updateAccount', { id: ids[1_175]!, patch: { allowedSites: [] } });
    await expectSameAsRebuild(t);
    await t.ok('updateAccount', {
      id: ids[1_180]!,
      patch: { issuer: 'Renamed', allowedSites: ['gitlab.com'] },
    });
    await expectSameAsRebuild(t);
    await t.ok('deleteAccount', { id: ids[1_199]! });
    await expectSameAsRebuild(t);
    // (one rebuild per check above: the patches themselves never read the vault)
    expect(t.reads.lists).toBe(6);
  });

  it('overlapping writes are patched together; two on one account rebuild', async () => {
    const t = await seeded(30);
    const ids = (await t.snapshot())!.accounts.map((a) => a.id);
    await Promise.all([
      t.hooked.vault.update(t.dek, ids[0]!, { issuer: 'First' }),
      t.hooked.vault.add(t.dek, { data: totp('Added'), allowedSites: [], enrolledOrigin: '' }),
    ]);
    expect(t.reads.lists).toBe(0);
    expect(issuers(await t.snapshot())).toEqual(expect.arrayContaining(['First', 'Added']));
    await Promise.all([
      t.hooked.vault.update(t.dek, ids[0]!, { issuer: 'Twice' }),
      t.hooked.vault.update(t.dek, ids[0]!, { pinned: true }),
    ]);
    expect(t.reads.lists).toBe(1);
    expect((await t.snapshot())?.accounts[0]).toMatchObject({ issuer: 'Twice', pinned: true });
  });

  it('the first read is a few keys of bounded size at any N, and the tab’s accounts come first', async () => {
    const measure = async (n: number) => {
      const t = await seeded(n, 3);
      const asked: string[][] = [];
      let bytes = 0;
      const session = {
        ...t.local.session,
        get: async (keys: string | string[] | null) => {
          const values = await t.local.session.get(keys);
          asked.push(keys === null ? ['*'] : ([] as string[]).concat(keys));
          bytes += JSON.stringify(values).length;
          return values;
        },
      };
      const sent: string[] = [];
      const send = (async (type: string) => {
        sent.push(type);
        throw new Error('no background');
      }) as never;
      const boot = startPopupBoot(send, async () => 5, { ...t.local, session });
      const first = await boot.takeList()!;
      if (!first.ok) throw first.error;
      return { asked, bytes, first: first.value, sent, t };
    };
    const small = await measure(100);
    const large = await measure(5_000);
    expect(large.sent).toEqual([]);
    expect(large.asked.flat()).not.toContain('*');
    expect(large.asked.flat().length).toBe(small.asked.flat().length);
    expect(large.asked.length).toBeLessThanOrEqual(2);
    expect(large.bytes).toBeLessThan(16_000);
    expect(large.first.partial).toBe(true);
    expect(large.first.accounts.length).toBeLessThanOrEqual(2 * 12);
    const sorted = sortAccounts(large.first.accounts);
    expect(sorted.slice(0, 3).map((a) => [a.issuer, a.matchesTab])).toEqual([
      ['Issuer 4997', true],
      ['Issuer 4998', true],
      ['Issuer 4999', true],
    ]);
    expect(sorted[3]).toMatchObject({ issuer: 'Issuer 0', matchesTab: false });
    // The rest, read after the first paint, holds every account.
    expect((await readLocalList(large.t.local, 5))?.accounts).toHaveLength(5_000);
  });
});
