import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../lib/background/router';
import { createHandlers } from '../../../lib/background/handlers';
import { onLockAlarm, withPopupSnapshot } from '../../../lib/background/popup-snapshot';
import { lockNow } from '../../../lib/background/unlocked-key';
import type { Reply, RequestOf, ResponseOf, MessageType } from '../../../lib/messaging';
import type { OtpAccountData } from '../../../lib/otp/types';
import {
  SNAPSHOT_KEY,
  VAULT_MARKER_KEY,
  parseSnapshot,
  type PopupSnapshot,
} from '../../../lib/vault/popup-snapshot';
import { fakeDeps } from './fakes';

const EXT_ID = 'abcdefghijklmnop';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;
const popup = { id: EXT_ID, url: `${EXT_ORIGIN}/popup.html` };
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const totp = (issuer: string, over: Partial<OtpAccountData> = {}): OtpAccountData => ({
  kind: 'totp',
  issuer,
  account: 'alice',
  secret: SECRET,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...over,
});

async function setup() {
  const env = fakeDeps({ tabs: { 5: 'https://github.com/login' } });
  const route = createRouter(createHandlers(env.deps), { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN });
  async function ok<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    const reply = (await route({ type, payload }, popup as never)) as Reply<unknown>;
    if (!reply.ok) throw new Error(`${type} failed: ${reply.error.code}`);
    return reply.value as ResponseOf<K>;
  }
  const raw = async () => (await env.deps.sessionArea.get(SNAPSHOT_KEY))[SNAPSHOT_KEY];
  const snapshot = async () => parseSnapshot(await raw());
  /** Spoils the snapshot, so the next check proves the write under test wrote it again. */
  const spoil = () => env.deps.sessionArea.set({ [SNAPSHOT_KEY]: { v: 0 } });
  await ok('createVault', { password: 'correct horse' });
  return { ...env, ok, raw, snapshot, spoil };
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

    // Paths without a message of their own here (import commit, sync, replace, backup) use the same deps.
    const hooked = withPopupSnapshot(t.deps);
    const dek = (await t.session.load())!;
    await t.spoil();
    const [added] = await hooked.vault.addMany(dek, [
      { data: totp('Imported'), allowedSites: [], enrolledOrigin: '' },
    ]);
    expect(issuers(await t.snapshot())).toEqual(['A2', 'H', 'Imported']);
    await t.spoil();
    await hooked.vault.replace(dek, added!.id, {
      data: totp('Replaced'),
      allowedSites: [],
      enrolledOrigin: '',
    });
    expect(issuers(await t.snapshot())).toEqual(['A2', 'H', 'Replaced']);
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
    await t.ok('lockVault', {});
    expect(await t.raw()).toBeUndefined();

    await t.ok('unlockVault', { password: 'correct horse' });
    expect(await t.snapshot()).not.toBeNull();
    t.clock.now += 24 * 60 * 60_000;
    await onLockAlarm(withPopupSnapshot(t.deps));
    expect(await t.raw()).toBeUndefined();

    await t.ok('unlockVault', { password: 'correct horse' });
    t.clock.now += 24 * 60 * 60_000;
    expect(await t.ok('getVaultState', {})).toMatchObject({ state: 'locked' });
    expect(await t.raw()).toBeUndefined();

    await t.ok('unlockVault', { password: 'correct horse' });
    await lockNow(withPopupSnapshot(t.deps)); // what runtime.onStartup runs
    expect(await t.raw()).toBeUndefined();
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
    expect(await t.raw()).toBeUndefined();
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

describe('parseSnapshot', () => {
  const good = (): PopupSnapshot => ({
    v: 1,
    accounts: [
      {
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
      },
    ],
    broken: [],
    backup: { lastBackupAt: null, accountsSinceBackup: 1, accountCount: 1 },
    idleMs: 60_000,
  });

  it('accepts what buildSnapshot writes and refuses anything malformed', () => {
    expect(parseSnapshot(good())).toEqual(good());
    const bad: ((s: PopupSnapshot) => unknown)[] = [
      () => null,
      () => 'x',
      (s) => ({ ...s, v: 2 }),
      (s) => ({ ...s, accounts: {} }),
      (s) => ({ ...s, idleMs: -1 }),
      (s) => ({ ...s, backup: null }),
      (s) => ({ ...s, broken: [{ id: 1 }] }),
      (s) => ({ ...s, accounts: [{ ...s.accounts[0], secret: 'not base32!' }] }),
      (s) => ({ ...s, accounts: [{ ...s.accounts[0], kind: 'hotp' }] }),
      (s) => ({ ...s, accounts: [{ ...s.accounts[0], digits: 99 }] }),
      (s) => ({ ...s, accounts: [{ ...s.accounts[0], period: 0 }] }),
      (s) => ({ ...s, accounts: [{ ...s.accounts[0], algorithm: 'MD5' }] }),
      (s) => ({ ...s, accounts: [{ ...s.accounts[0], allowedSites: [1] }] }),
      (s) => ({ ...s, accounts: [{ ...s.accounts[0], id: '' }] }),
    ];
    for (const spoil of bad) expect(parseSnapshot(spoil(good()))).toBeNull();
  });
});
