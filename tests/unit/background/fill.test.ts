import { describe, expect, it } from 'vitest';
import { createRouter } from '@/lib/background/router';
import { createHandlers } from '@/lib/background/handlers';
import type { MessageType, Reply, RequestOf } from '@/lib/messaging';
import type { OtpAccountData } from '@/lib/otp/types';
import { fakeDeps } from './fakes';

const EXT_ID = 'abcdefghijklmnop';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;
const popup = { id: EXT_ID, url: `${EXT_ORIGIN}/popup.html` };
const frame = (url: string, topUrl = url, frameId = 0) =>
  ({ id: EXT_ID, url, origin: new URL(url).origin, tab: { id: 5, url: topUrl }, frameId }) as never;

const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const account = (over: Partial<OtpAccountData> = {}): OtpAccountData => ({
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

async function setup(nowMs: number) {
  const env = fakeDeps({ now: nowMs });
  const route = createRouter(createHandlers(env.deps), { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN });
  const call = async <K extends MessageType>(type: K, payload: RequestOf<K>, sender: object = popup) =>
    (await route({ type, payload }, sender as never)) as Reply<never>;
  await call('createVault', { password: 'correct horse' });
  await call('addAccount', {
    data: account(),
    allowedSites: [],
    enrolledOrigin: 'https://signin.aliyun.com',
  });
  return { ...env, call };
}

describe('requestFill (inline button)', () => {
  it('gives the current code to a bound frame in a bound tab', async () => {
    const t = await setup(59_000 - 20_000);
    const reply = await t.call('requestFill', { twoCodes: false }, frame('https://signin.aliyun.com/login'));
    // t=39 s → counter 1 → RFC 4226 value 287082.
    expect(reply).toEqual({
      ok: true,
      value: {
        status: 'fill',
        codes: ['287082'],
        usedNext: false,
        label: 'Aliyun · alice@1234567890123456',
        submit: false,
      },
    });
  });

  it('fills the next code when fewer than 3 s remain, and says so', async () => {
    const t = await setup(59_000);
    const reply = await t.call('requestFill', { twoCodes: false }, frame('https://signin.aliyun.com/login'));
    expect(reply).toMatchObject({ ok: true, value: { codes: ['359152'], usedNext: true } });
  });

  it('gives two consecutive codes when the page asks for two', async () => {
    const t = await setup(40_000);
    const reply = await t.call('requestFill', { twoCodes: true }, frame('https://signin.aliyun.com/login'));
    expect(reply).toMatchObject({ ok: true, value: { codes: ['287082', '359152'] } });
  });

  it.each([
    ['a look-alike host', frame('https://aliyun.com.evil.test/login')],
    ['plain http on the bound host', frame('http://signin.aliyun.com/login')],
    ['an unbound iframe in a bound page', frame('https://evil.test/f', 'https://signin.aliyun.com/', 4)],
    ['a bound iframe in an unbound page', frame('https://signin.aliyun.com/f', 'https://evil.test/', 4)],
  ])('gives nothing to %s', async (_name, sender) => {
    const t = await setup(40_000);
    expect(await t.call('requestFill', { twoCodes: false }, sender)).toEqual({
      ok: true,
      value: { status: 'no-account' },
    });
  });

  it('cannot be widened by naming another account id in the payload', async () => {
    const t = await setup(40_000);
    await t.call('addAccount', {
      data: account({ issuer: 'GitHub', account: 'bob', secret: 'JBSWY3DPEHPK3PXP' }),
      allowedSites: [],
      enrolledOrigin: 'https://github.com',
    });
    const githubId = t.vault.accounts.find((a) => a.data.issuer === 'GitHub')!.id;
    const reply = await t.call(
      'requestFill',
      { twoCodes: false, accountId: githubId },
      frame('https://signin.aliyun.com/'),
    );
    expect(reply).toEqual({ ok: true, value: { status: 'no-account' } });
  });

  it('offers a choice when several accounts are bound, ranking the typed username first', async () => {
    const t = await setup(40_000);
    await t.call('addAccount', {
      data: account({ account: 'bob@1234567890123456', secret: 'JBSWY3DPEHPK3PXP' }),
      allowedSites: [],
      enrolledOrigin: 'https://signin.aliyun.com',
    });
    const reply = await t.call(
      'requestFill',
      { twoCodes: false, username: 'bob' },
      frame('https://signin.aliyun.com/'),
    );
    expect(reply).toMatchObject({ ok: true, value: { status: 'choose' } });
    const choices = (reply as { value: { choices: { account: string }[] } }).value.choices;
    expect(choices.map((c) => c.account)).toEqual(['bob@1234567890123456', 'alice@1234567890123456']);
  });

  it('says locked, without a code, when the vault is locked', async () => {
    const t = await setup(40_000);
    await t.call('lockVault', {});
    expect(await t.call('requestFill', { twoCodes: false }, frame('https://signin.aliyun.com/'))).toEqual({
      ok: true,
      value: { status: 'locked' },
    });
  });
});

describe('fillTab (popup)', () => {
  it('sends the code only to frames whose origin is bound', async () => {
    const t = await setup(40_000);
    t.frames.list = [
      { frameId: 0, origin: 'https://signin.aliyun.com' },
      { frameId: 3, origin: 'https://evil.test' },
      { frameId: 4, origin: 'https://passport.alibabacloud.com' },
    ];
    const id = t.vault.accounts[0]!.id;
    const reply = await t.call('fillTab', { tabId: 5, accountId: id, twoCodes: false });
    expect(reply).toEqual({ ok: true, value: { filledFrames: 2, usedNext: false } });
    expect(t.frames.sent.map((s) => s.frameId)).toEqual([0, 4]);
    expect(t.frames.sent[0]?.message).toEqual({ type: 'fillCodes', codes: ['287082'], submit: false });
  });

  it('refuses when the top frame is not bound, sending nothing', async () => {
    const t = await setup(40_000);
    t.frames.list = [
      { frameId: 0, origin: 'https://aliyun.com.evil.test' },
      { frameId: 1, origin: 'https://signin.aliyun.com' },
    ];
    const reply = await t.call('fillTab', { tabId: 5, accountId: t.vault.accounts[0]!.id, twoCodes: false });
    expect(reply).toMatchObject({ ok: false, error: { code: 'site-not-allowed' } });
    expect(t.frames.sent).toEqual([]);
  });
});

describe('keyboard command', () => {
  it('fills the one bound account at once, in bound frames only', async () => {
    const { runFillCommand } = await import('@/lib/background/commands');
    const t = await setup(40_000);
    t.frames.list = [
      { frameId: 0, origin: 'https://signin.aliyun.com' },
      { frameId: 2, origin: 'https://ads.example' },
    ];
    await runFillCommand(t.deps, 5);
    expect(t.frames.sent).toEqual([
      { frameId: 0, message: { type: 'fillCodes', codes: ['287082'], submit: false } },
    ]);
    expect(t.popups.opened).toBe(0);
  });

  it('opens the popup with a fill intent when locked, and fills nothing', async () => {
    const { runFillCommand } = await import('@/lib/background/commands');
    const t = await setup(40_000);
    await t.call('lockVault', {});
    t.frames.list = [{ frameId: 0, origin: 'https://signin.aliyun.com' }];
    await runFillCommand(t.deps, 5);
    expect(t.frames.sent).toEqual([]);
    expect(t.popups.opened).toBe(1);
    expect(await t.call('takeIntent', {})).toMatchObject({
      ok: true,
      value: { intent: { action: 'fill', tabId: 5 } },
    });
    expect(await t.call('takeIntent', {})).toEqual({ ok: true, value: { intent: null } });
  });

  it('does nothing on a site no account is bound to', async () => {
    const { runFillCommand } = await import('@/lib/background/commands');
    const t = await setup(40_000);
    t.frames.list = [{ frameId: 0, origin: 'https://aliyun.com.evil.test' }];
    await runFillCommand(t.deps, 5);
    expect(t.frames.sent).toEqual([]);
    expect(t.popups.opened).toBe(0);
  });
});

describe('auto-submit', () => {
  it('is off by default, and on only for the sites the user listed', async () => {
    const t = await setup(40_000);
    const signin = frame('https://signin.aliyun.com/login');
    expect(await t.call('requestFill', { twoCodes: false }, signin)).toMatchObject({
      value: { submit: false },
    });
    expect(
      await t.call('setSettings', { autoSubmitSites: ['https://signin.aliyun.com/x', 'aliyun.com'] }),
    ).toMatchObject({
      ok: true,
      value: { autoSubmitSites: ['signin.aliyun.com', 'aliyun.com'] },
    });
    expect(await t.call('requestFill', { twoCodes: false }, signin)).toMatchObject({
      value: { submit: true },
    });
    // Never for an enrolment's two codes: the user confirms those on the page.
    expect(await t.call('requestFill', { twoCodes: true }, signin)).toMatchObject({
      value: { submit: false },
    });
  });

  it('refuses entries that are not sites', async () => {
    const t = await setup(40_000);
    expect(await t.call('setSettings', { autoSubmitSites: ['com'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-settings' },
    });
  });
});
