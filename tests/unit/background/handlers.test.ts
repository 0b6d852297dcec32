import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../lib/background/router';
import { createHandlers } from '../../../lib/background/handlers';
import type { Reply, RequestOf, MessageType } from '../../../lib/messaging';
import type { OtpAccountData } from '../../../lib/otp/types';
import { fakeDeps } from './fakes';

const EXT_ID = 'abcdefghijklmnop';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;
const popup = { id: EXT_ID, url: `${EXT_ORIGIN}/popup.html` };
function contentScript(url: string, topUrl = url, frameId = 0) {
  return { id: EXT_ID, url, origin: new URL(url).origin, tab: { id: 5, url: topUrl }, frameId } as never;
}

// RFC 4226/6238 key "12345678901234567890" in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const totp = (over: Partial<OtpAccountData> = {}): OtpAccountData => ({
  kind: 'totp',
  issuer: 'Aliyun',
  account: 'alice@1234567890123456',
  secret: RFC_SECRET,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...over,
});

function setup(options: Parameters<typeof fakeDeps>[0] = {}) {
  const env = fakeDeps(options);
  const route = createRouter(createHandlers(env.deps), { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN });
  async function call<K extends MessageType>(type: K, payload: RequestOf<K>, sender: object = popup) {
    const reply = route({ type, payload }, sender as never);
    if (!reply) throw new Error('router ignored the message');
    return (await reply) as Reply<unknown>;
  }
  async function ok<K extends MessageType>(type: K, payload: RequestOf<K>) {
    const reply = await call(type, payload);
    if (!reply.ok) throw new Error(`${type} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.value as never;
  }
  return { ...env, call, ok };
}

describe('vault lifecycle', () => {
  it('starts uninitialized, is unlocked after creation, locked after lock, unlocked by the password', async () => {
    const t = setup();
    expect(await t.ok('getVaultState', {})).toMatchObject({ state: 'uninitialized' });
    expect(await t.ok('createVault', { password: 'correct horse' })).toEqual({ state: 'unlocked' });
    expect(await t.ok('getVaultState', {})).toMatchObject({ state: 'unlocked' });
    expect(await t.ok('lockVault', {})).toEqual({ state: 'locked' });
    expect(await t.ok('getVaultState', {})).toMatchObject({ state: 'locked' });
    expect(await t.ok('unlockVault', { password: 'correct horse' })).toEqual({ state: 'unlocked' });
  });

  it('refuses a short master password and a second vault', async () => {
    const t = setup();
    expect(await t.call('createVault', { password: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'weak-password' },
    });
    await t.ok('createVault', { password: 'correct horse' });
    expect(await t.call('createVault', { password: 'another one' })).toMatchObject({
      ok: false,
      error: { code: 'vault-exists' },
    });
  });

  it('reports a wrong password with a stable code and stays locked', async () => {
    const t = setup();
    await t.ok('createVault', { password: 'correct horse' });
    await t.ok('lockVault', {});
    expect(await t.call('unlockVault', { password: 'wrong horse' })).toMatchObject({
      ok: false,
      error: { code: 'wrong-password' },
    });
    expect(await t.ok('getVaultState', {})).toMatchObject({ state: 'locked' });
  });

  it('locks when the deadline passes even if the alarm never fired, and each use moves the deadline', async () => {
    const t = setup();
    await t.ok('createVault', { password: 'correct horse' });
    expect(t.alarms.when).toBe(t.clock.now + 15 * 60_000);
    t.clock.now += 10 * 60_000;
    await t.ok('listAccounts', {});
    expect(t.alarms.when).toBe(t.clock.now + 15 * 60_000);
    t.clock.now += 15 * 60_000;
    expect(await t.call('listAccounts', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await t.ok('getVaultState', {})).toMatchObject({ state: 'locked' });
  });

  it('uses the configured auto-lock time', async () => {
    const t = setup();
    await t.ok('createVault', { password: 'correct horse' });
    await t.ok('setSettings', { autoLockMinutes: 1 });
    t.clock.now += 30_000;
    await t.ok('listAccounts', {});
    t.clock.now += 61_000;
    expect(await t.call('listAccounts', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await t.call('setSettings', { autoLockMinutes: 0 })).toMatchObject({ ok: false });
  });
});

describe('accounts', () => {
  it('lists RFC 6238 codes for now and the next period, never the secret', async () => {
    const t = setup({ now: 59_000 });
    await t.ok('createVault', { password: 'correct horse' });
    await t.ok('addAccount', { data: totp(), allowedSites: [], enrolledOrigin: '' });
    const { accounts } = await t.ok<'listAccounts'>('listAccounts', {});
    const [view] = accounts as unknown as Record<string, unknown>[];
    expect(view).toMatchObject({ code: '287082', nextCode: '359152', validUntil: 60_000, issuer: 'Aliyun' });
    expect(JSON.stringify(accounts)).not.toContain(RFC_SECRET);
  });

  it('marks accounts bound to the tab site, from the tab the browser reports', async () => {
    const t = setup({ tabs: { 9: 'https://signin.aliyun.com/login', 10: 'https://aliyun.com.evil.test/' } });
    await t.ok('createVault', { password: 'correct horse' });
    await t.ok('addAccount', {
      data: totp(),
      allowedSites: [],
      enrolledOrigin: 'https://account.aliyun.com',
    });
    await t.ok('addAccount', {
      data: totp({ issuer: 'GitHub', account: 'alice', secret: 'JBSWY3DPEHPK3PXP' }),
      allowedSites: [],
      enrolledOrigin: 'https://github.com',
    });
    const onAliyun = await t.ok<'listAccounts'>('listAccounts', { tabId: 9 });
    expect(
      (onAliyun as { accounts: { issuer: string; matchesTab: boolean }[] }).accounts.map((a) => [
        a.issuer,
        a.matchesTab,
      ]),
    ).toEqual([
      ['Aliyun', true],
      ['GitHub', false],
    ]);
    const onEvil = await t.ok<'listAccounts'>('listAccounts', { tabId: 10 });
    expect((onEvil as { accounts: { matchesTab: boolean }[] }).accounts.every((a) => !a.matchesTab)).toBe(
      true,
    );
  });

  it('seeds allowed sites from the enrolment origin and the issuer profile', async () => {
    const t = setup();
    await t.ok('createVault', { password: 'correct horse' });
    await t.ok('addAccount', {
      data: totp(),
      allowedSites: [],
      enrolledOrigin: 'https://ram.console.aliyun.com/x',
    });
    expect(t.vault.accounts[0]?.allowedSites).toEqual(
      expect.arrayContaining(['aliyun.com', 'alibabacloud.com']),
    );
    expect(t.vault.accounts[0]?.enrolledOrigin).toBe('https://ram.console.aliyun.com');
  });

  it('refuses a duplicate secret, asks about the same issuer + account, and adds nothing', async () => {
    const t = setup();
    await t.ok('createVault', { password: 'correct horse' });
    await t.ok('addAccount', { data: totp(), allowedSites: [], enrolledOrigin: '' });
    const writes = t.vault.writes;
    const sameSecret = await t.call('addAccount', {
      data: totp({ issuer: 'Other', account: 'bob' }),
      allowedSites: [],
      enrolledOrigin: '',
    });
    const sameName = await t.call('addAccount', {
      data: totp({ secret: 'JBSWY3DPEHPK3PXP', account: ' ALICE@1234567890123456 ' }),
      allowedSites: [],
      enrolledOrigin: '',
    });
    expect(sameSecret).toMatchObject({ ok: false, error: { code: 'duplicate' } });
    expect(sameName).toMatchObject({
      ok: false,
      error: { code: 'name-clash', clash: { existing: { id: 'id1', issuer: 'Aliyun' } } },
    });
    expect(t.vault.writes).toBe(writes);
  });

  it('refuses account data that the otpauth rules reject', async () => {
    const t = setup();
    await t.ok('createVault', { password: 'correct horse' });
    const reply = await t.call('addAccount', {
      data: totp({ digits: 12 }),
      allowedSites: [],
      enrolledOrigin: '',
    });
    expect(reply.ok).toBe(false);
    expect(t.vault.accounts).toHaveLength(0);
  });

  it('persists the HOTP counter before returning the code', async () => {
    const t = setup();
    await t.ok('createVault', { password: 'correct horse' });
    await t.ok('addAccount', {
      data: totp({ kind: 'hotp', counter: 3 }),
      allowedSites: [],
      enrolledOrigin: '',
    });
    const id = t.vault.accounts[0]!.id;
    expect(await t.ok('nextHotpCode', { id })).toEqual({ code: '969429' });
    expect(t.vault.accounts[0]?.data.counter).toBe(4);
    expect(await t.ok('nextHotpCode', { id })).toEqual({ code: '338314' });
  });

  it('renames with control and bidi characters stripped', async () => {
    const t = setup();
    await t.ok('createVault', { password: 'correct horse' });
    await t.ok('addAccount', { data: totp(), allowedSites: [], enrolledOrigin: '' });
    await t.ok('updateAccount', { id: t.vault.accounts[0]!.id, patch: { issuer: 'Ali\u202Eyun\u0000' } });
    expect(t.vault.accounts[0]?.data.issuer).toBe('Aliyun');
  });
});

describe('who may ask', () => {
  const privileged: [MessageType, object][] = [
    ['getVaultState', {}],
    ['unlockVault', { password: 'correct horse' }],
    ['listAccounts', {}],
    ['addAccount', { data: totp(), allowedSites: [], enrolledOrigin: '' }],
    ['nextHotpCode', { id: 'id1' }],
    ['setSettings', { autoLockMinutes: 1440 }],
  ];

  it.each(privileged)('refuses %s from a content script, even on a bound site', async (type, payload) => {
    const t = setup();
    await t.ok('createVault', { password: 'correct horse' });
    await t.ok('addAccount', { data: totp(), allowedSites: [], enrolledOrigin: 'https://signin.aliyun.com' });
    const reply = await t.call(type, payload as never, contentScript('https://signin.aliyun.com/login'));
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers contentHello from the sender origin only, without disclosing codes', async () => {
    const t = setup();
    await t.ok('createVault', { password: 'correct horse' });
    await t.ok('addAccount', { data: totp(), allowedSites: [], enrolledOrigin: 'https://signin.aliyun.com' });
    const bound = await t.call(
      'contentHello',
      { fieldCount: 1 },
      contentScript('https://signin.aliyun.com/login'),
    );
    expect(bound).toEqual({ ok: true, value: { canFill: true } });
    const lookalike = await t.call(
      'contentHello',
      { fieldCount: 1 },
      contentScript('https://aliyun.com.evil.test/'),
    );
    expect(lookalike).toEqual({ ok: true, value: { canFill: false } });
    const framed = await t.call(
      'contentHello',
      { fieldCount: 1 },
      contentScript('https://evil.test/frame', 'https://signin.aliyun.com/login', 3),
    );
    expect(framed).toEqual({ ok: true, value: { canFill: false } });
    const fromPopup = await t.call('contentHello', { fieldCount: 1 });
    expect(fromPopup).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('ignores messages that are not ours', async () => {
    const t = setup();
    const route = createRouter(createHandlers(t.deps), { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN });
    expect(route({ hello: 1 }, popup as never)).toBeUndefined();
    expect(route({ type: 'toString', payload: {} }, popup as never)).toBeUndefined();
  });
});
