import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../lib/background/router';
import { createHandlers } from '../../../lib/background/handlers';
import type { MessageType, Reply, RequestOf } from '../../../lib/messaging';
import type { OtpAccountData } from '../../../lib/otp/types';
import { fakeDeps } from './fakes';
import { TWO_CODES_WINDOW_MS, twoCodesAllowed } from '../../../lib/background/fill-in-tab';
import { createContentController } from '../../../lib/content/controller';
import { openPage } from '../autofill/happy-page';
import { generateCode } from '../../../lib/otp/generate';
import { pickAccount, usernameMatches } from '../../../lib/background/fillable-accounts';

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
    const reply = await t.call('requestFill', {}, frame('https://signin.aliyun.com/login'));
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
    const reply = await t.call('requestFill', {}, frame('https://signin.aliyun.com/login'));
    expect(reply).toMatchObject({ ok: true, value: { codes: ['359152'], usedNext: true } });
  });

  it('gives one code even when a page with "code 1/2" fields makes the content script ask for two', async () => {
    const t = await setup(40_000);
    const payload = { twoCodes: true } as never;
    const reply = await t.call('requestFill', payload, frame('https://signin.aliyun.com/login'));
    expect(reply).toMatchObject({ ok: true, value: { status: 'fill', codes: ['287082'] } });
  });

  it.each([
    ['a look-alike host', frame('https://aliyun.com.evil.test/login')],
    ['plain http on the bound host', frame('http://signin.aliyun.com/login')],
    ['an unbound iframe in a bound page', frame('https://evil.test/f', 'https://signin.aliyun.com/', 4)],
    ['a bound iframe in an unbound page', frame('https://signin.aliyun.com/f', 'https://evil.test/', 4)],
  ])('gives nothing to %s', async (_name, sender) => {
    const t = await setup(40_000);
    expect(await t.call('requestFill', {}, sender)).toEqual({
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
    const reply = await t.call('requestFill', { accountId: githubId }, frame('https://signin.aliyun.com/'));
    expect(reply).toEqual({ ok: true, value: { status: 'no-account' } });
  });

  it('with several accounts, fills the one the page username names; else asks, never guesses', async () => {
    const t = await setup(40_000);
    await t.call('addAccount', {
      data: account({ account: 'bob@1234567890123456', secret: 'JBSWY3DPEHPK3PXP' }),
      allowedSites: [],
      enrolledOrigin: 'https://signin.aliyun.com',
    });
    const signin = frame('https://signin.aliyun.com/');
    // Alibaba RAM shows "bob@1234567890123456.onaliyun.com" for the account "bob@1234567890123456".
    const named = await t.call('requestFill', { username: 'bob@1234567890123456.onaliyun.com' }, signin);
    const bobCode = generateCode(account({ secret: 'JBSWY3DPEHPK3PXP' }), 40_000);
    expect(named).toMatchObject({ ok: true, value: { status: 'fill', codes: [bobCode] } });
    // A fresh session (no last use), no username: the user chooses.
    await t.deps.sessionArea.remove('lastFillBySite');
    const reply = await t.call('requestFill', {}, signin);
    expect(reply).toMatchObject({ ok: true, value: { status: 'choose' } });
    const choices = (reply as { value: { choices: { id: string; account: string }[] } }).value.choices;
    expect(choices.map((c) => c.account).sort()).toEqual(['alice@1234567890123456', 'bob@1234567890123456']);
    // Chosen explicitly: that account is remembered for this site and used next time without a username.
    const alice = choices.find((c) => c.account.startsWith('alice'))!.id;
    expect(await t.call('requestFill', { accountId: alice }, signin)).toMatchObject({
      value: { status: 'fill', codes: ['287082'] },
    });
    expect(await t.call('requestFill', {}, signin)).toMatchObject({
      value: { status: 'fill', codes: ['287082'] },
    });
    // The page's username beats the last use.
    expect(await t.call('requestFill', { username: 'bob@1234567890123456' }, signin)).toMatchObject({
      value: { codes: [bobCode] },
    });
  });

  it('says locked, without a code, when the vault is locked', async () => {
    const t = await setup(40_000);
    await t.call('lockVault', {});
    expect(await t.call('requestFill', {}, frame('https://signin.aliyun.com/'))).toEqual({
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
    expect(t.frames.sent[0]?.message).toEqual({
      type: 'fillCodes',
      codes: ['287082'],
      expectedOrigin: 'https://signin.aliyun.com',
      submit: false,
      wait: false,
    });
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
    const { runFillCommand } = await import('../../../lib/background/commands');
    const t = await setup(40_000);
    t.frames.list = [
      { frameId: 0, origin: 'https://signin.aliyun.com' },
      { frameId: 2, origin: 'https://ads.example' },
    ];
    await runFillCommand(t.deps, 5);
    expect(t.frames.sent).toEqual([
      {
        frameId: 0,
        message: {
          type: 'fillCodes',
          codes: ['287082'],
          expectedOrigin: 'https://signin.aliyun.com',
          submit: false,
          wait: false,
        },
      },
    ]);
    expect(t.popups.opened).toBe(0);
  });

  it('opens the popup with a fill intent when locked, and fills nothing', async () => {
    const { runFillCommand } = await import('../../../lib/background/commands');
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

  it('opens the popup to say why when the page refuses the code (field too short), and fills nothing', async () => {
    const { runFillCommand } = await import('../../../lib/background/commands');
    const t = await setup(40_000);
    t.frames.list = [{ frameId: 0, origin: 'https://signin.aliyun.com' }];
    t.frames.answer = (_frameId, message) =>
      (message as { type?: string }).type === 'probeFill'
        ? { ready: true }
        : { filled: false, refused: 'field-too-short' };
    await runFillCommand(t.deps, 5);
    expect(t.popups.opened).toBe(1);
    expect(await t.call('takeIntent', {})).toMatchObject({
      ok: true,
      value: { intent: { action: 'fill', tabId: 5, refusal: 'field-too-short' } },
    });
  });

  it('does nothing on a site no account is bound to', async () => {
    const { runFillCommand } = await import('../../../lib/background/commands');
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
    expect(await t.call('requestFill', {}, signin)).toMatchObject({
      value: { submit: false },
    });
    expect(
      await t.call('setSettings', { autoSubmitSites: ['https://signin.aliyun.com/x', 'aliyun.com'] }),
    ).toMatchObject({
      ok: true,
      value: { autoSubmitSites: ['signin.aliyun.com', 'aliyun.com'] },
    });
    expect(await t.call('requestFill', {}, signin)).toMatchObject({
      value: { submit: true },
    });
    // Never for an enrolment's two codes: the user confirms those on the page.
    t.frames.list = [{ frameId: 0, origin: 'https://signin.aliyun.com' }];
    await t.call('fillTab', { tabId: 5, accountId: t.vault.accounts[0]!.id, twoCodes: true });
    expect(t.frames.sent[0]?.message).toMatchObject({ submit: false });
  });

  it('refuses entries that are not sites', async () => {
    const t = await setup(40_000);
    expect(await t.call('setSettings', { autoSubmitSites: ['com'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-settings' },
    });
  });
});

describe('append code (password and code in one field)', () => {
  const fills = (sent: { message: unknown }[]) =>
    sent.map((s) => s.message as { type: string; append?: boolean }).filter((m) => m.type === 'fillCodes');

  it('is off by default, and on only for popup Fill and the shortcut on the sites the user listed', async () => {
    const t = await setup(40_000);
    const id = t.vault.accounts[0]!.id;
    t.frames.list = [{ frameId: 0, origin: 'https://signin.aliyun.com' }];
    await t.call('fillTab', { tabId: 5, accountId: id, twoCodes: false });
    expect(fills(t.frames.sent)[0]?.append).toBeUndefined();

    expect(await t.call('setSettings', { appendCodeSites: ['signin.aliyun.com'] })).toMatchObject({
      ok: true,
      value: { appendCodeSites: ['signin.aliyun.com'] },
    });
    t.frames.sent.length = 0;
    await t.call('fillTab', { tabId: 5, accountId: id, twoCodes: false });
    expect(fills(t.frames.sent).map((m) => m.append)).toEqual([true]);

    // Never for an enrolment's confirmation (two codes asked), nor on another bound site.
    t.frames.sent.length = 0;
    await t.call('fillTab', { tabId: 5, accountId: id, twoCodes: true });
    expect(fills(t.frames.sent)[0]?.append).toBeUndefined();
    t.frames.list = [{ frameId: 0, origin: 'https://passport.aliyun.com' }];
    t.frames.sent.length = 0;
    await t.call('fillTab', { tabId: 5, accountId: id, twoCodes: false });
    expect(fills(t.frames.sent)[0]?.append).toBeUndefined();
  });

  it('refuses entries that are not sites', async () => {
    const t = await setup(40_000);
    expect(await t.call('setSettings', { appendCodeSites: ['com'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-settings' },
    });
  });
});

describe('popup Fill and the shortcut: the code reaches only the document that was checked', () => {
  const signin = 'https://signin.aliyun.com';

  it('pins each message to the checked document (Chromium) and names the checked origin', async () => {
    const t = await setup(40_000);
    t.frames.list = [
      { frameId: 0, origin: signin, documentId: 'DOC-TOP' },
      { frameId: 4, origin: 'https://passport.alibabacloud.com', documentId: 'DOC-4' },
    ];
    await t.call('fillTab', { tabId: 5, accountId: t.vault.accounts[0]!.id, twoCodes: false });
    expect(t.frames.sent.map((s) => [s.frameId, s.documentId])).toEqual([
      [0, 'DOC-TOP'],
      [4, 'DOC-4'],
    ]);
    expect(t.frames.sent.map((s) => (s.message as { expectedOrigin: string }).expectedOrigin)).toEqual([
      signin,
      'https://passport.alibabacloud.com',
    ]);
  });

  it('sends by frame id alone where the browser has no document ids (Firefox), origin still named', async () => {
    const t = await setup(40_000);
    t.frames.list = [{ frameId: 0, origin: signin }];
    await t.call('fillTab', { tabId: 5, accountId: t.vault.accounts[0]!.id, twoCodes: false });
    expect(t.frames.sent).toHaveLength(1);
    expect(t.frames.sent[0]).not.toHaveProperty('documentId');
    expect(t.frames.sent[0]?.message).toMatchObject({ expectedOrigin: signin });
  });

  it('says the page changed when the frame refuses because its origin is no longer the checked one', async () => {
    const t = await setup(40_000);
    t.frames.list = [{ frameId: 0, origin: signin }];
    t.frames.answer = () => ({ filled: false, refused: 'origin-changed' });
    const reply = await t.call('fillTab', { tabId: 5, accountId: t.vault.accounts[0]!.id, twoCodes: false });
    expect(reply).toMatchObject({ ok: false, error: { code: 'page-changed' } });
  });

  it('never sends to a sandboxed (opaque-origin) frame, and refuses a sandboxed top frame', async () => {
    const t = await setup(40_000);
    const id = t.vault.accounts[0]!.id;
    t.frames.list = [
      { frameId: 0, origin: signin },
      { frameId: 6, origin: null },
    ];
    await t.call('fillTab', { tabId: 5, accountId: id, twoCodes: false });
    expect(t.frames.sent.map((s) => s.frameId)).toEqual([0]);
    t.frames.sent.length = 0;
    t.frames.list = [{ frameId: 0, origin: null }];
    expect(await t.call('fillTab', { tabId: 5, accountId: id, twoCodes: false })).toMatchObject({
      ok: false,
      error: { code: 'site-not-allowed' },
    });
    const { runFillCommand } = await import('../../../lib/background/commands');
    await runFillCommand(t.deps, 5);
    expect(t.frames.sent).toEqual([]);
  });
});

describe('HOTP via popup Fill: a counter is spent only when a field will receive the code', () => {
  async function hotpSetup() {
    const t = await setup(40_000);
    await t.call('addAccount', {
      data: account({ kind: 'hotp', issuer: 'Bank', account: 'hotp-user', counter: 0 }),
      allowedSites: [],
      enrolledOrigin: 'https://signin.aliyun.com',
    });
    const hotp = t.vault.accounts.find((a) => a.data.kind === 'hotp')!;
    t.frames.list = [
      { frameId: 0, origin: 'https://signin.aliyun.com', documentId: 'D0' },
      { frameId: 2, origin: 'https://signin.aliyun.com', documentId: 'D2' },
    ];
    return { t, hotp };
  }

  it('spends no counter when the only field is too short for the code, and says so', async () => {
    const { t, hotp } = await hotpSetup();
    t.frames.answer = (_frameId, message) =>
      (message as { type: string }).type === 'probeFill'
        ? { ready: false, refused: 'field-too-short' }
        : { filled: true };
    const reply = await t.call('fillTab', { tabId: 5, accountId: hotp.id, twoCodes: false });
    expect(reply).toMatchObject({ ok: false, error: { code: 'field-too-short' } });
    expect(t.vault.accounts.find((a) => a.id === hotp.id)!.data.counter).toBe(0);
    expect(t.frames.sent.every((s) => (s.message as { type: string }).type === 'probeFill')).toBe(true);
  });

  it('asks every bound frame first, then persists the counter, then fills only the ready frames', async () => {
    const { t, hotp } = await hotpSetup();
    const counterAtFill: number[] = [];
    t.frames.answer = (frameId, message) => {
      const m = message as { type: string };
      if (m.type === 'probeFill') return { ready: frameId === 2 };
      counterAtFill.push(t.vault.accounts.find((a) => a.id === hotp.id)!.data.counter);
      return { filled: true };
    };
    const reply = await t.call('fillTab', { tabId: 5, accountId: hotp.id, twoCodes: true });
    expect(reply).toEqual({ ok: true, value: { filledFrames: 1, usedNext: false } });
    expect(t.frames.sent.map((s) => [(s.message as { type: string }).type, s.frameId, s.documentId])).toEqual(
      [
        ['probeFill', 0, 'D0'],
        ['probeFill', 2, 'D2'],
        ['fillCodes', 2, 'D2'],
      ],
    );
    expect(t.frames.sent[0]?.message).toEqual({
      type: 'probeFill',
      expectedOrigin: 'https://signin.aliyun.com',
      wait: false,
      codeLength: 6,
    });
    // RFC 4226 counter 0, and the counter was already persisted (1) when the code left the background.
    expect(t.frames.sent[2]?.message).toMatchObject({ codes: ['755224'] });
    expect(counterAtFill).toEqual([1]);
  });

  it('spends nothing when no frame has a field', async () => {
    const { t, hotp } = await hotpSetup();
    t.frames.answer = () => ({ ready: false });
    const reply = await t.call('fillTab', { tabId: 5, accountId: hotp.id, twoCodes: false });
    expect(reply).toMatchObject({ ok: false, error: { code: 'no-field' } });
    expect(t.vault.accounts.find((a) => a.id === hotp.id)!.data.counter).toBe(0);
    expect(t.frames.sent.every((s) => (s.message as { type: string }).type === 'probeFill')).toBe(true);
  });

  it('spends nothing when the frame has navigated to another origin since the check', async () => {
    const { t, hotp } = await hotpSetup();
    t.frames.answer = () => ({ ready: false, refused: 'origin-changed' });
    const reply = await t.call('fillTab', { tabId: 5, accountId: hotp.id, twoCodes: false });
    expect(reply).toMatchObject({ ok: false, error: { code: 'page-changed' } });
    expect(t.vault.accounts.find((a) => a.id === hotp.id)!.data.counter).toBe(0);
  });

  it('spends nothing when the frame is gone (no content script answers)', async () => {
    const { t, hotp } = await hotpSetup();
    t.deps.sendToFrame = async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    const reply = await t.call('fillTab', { tabId: 5, accountId: hotp.id, twoCodes: false });
    expect(reply).toMatchObject({ ok: false, error: { code: 'no-field' } });
    expect(t.vault.accounts.find((a) => a.id === hotp.id)!.data.counter).toBe(0);
  });
});

describe('two consecutive codes: only for the enrolment that just added the account', () => {
  const top = [{ frameId: 0, origin: 'https://signin.aliyun.com' }];
  const codesSent = (t: Awaited<ReturnType<typeof setup>>) =>
    t.frames.sent.map((s) => (s.message as { codes: string[] }).codes);

  it('"add and fill" right after adding gets code(T) and code(T+1)', async () => {
    const t = await setup(40_000);
    t.frames.list = top;
    await t.call('fillTab', { tabId: 5, accountId: t.vault.accounts[0]!.id, twoCodes: true });
    expect(codesSent(t)).toEqual([['287082', '359152']]);
  });

  it('an account added more than 10 minutes ago gets one code, even when two are asked for', async () => {
    const t = await setup(40_000);
    t.frames.list = top;
    t.clock.now += TWO_CODES_WINDOW_MS + 1_000;
    await t.call('fillTab', { tabId: 5, accountId: t.vault.accounts[0]!.id, twoCodes: true });
    expect(codesSent(t)).toHaveLength(1);
    expect(codesSent(t)[0]).toHaveLength(1);
  });

  it('the popup row Fill and the shortcut get one code, also for a fresh account', async () => {
    const t = await setup(40_000);
    t.frames.list = top;
    await t.call('fillTab', { tabId: 5, accountId: t.vault.accounts[0]!.id, twoCodes: false });
    const { runFillCommand } = await import('../../../lib/background/commands');
    await runFillCommand(t.deps, 5);
    expect(codesSent(t)).toEqual([['287082'], ['287082']]);
  });

  it('twoCodesAllowed holds within the window only', () => {
    const a = { createdAt: 1_000_000 } as never;
    expect(twoCodesAllowed(a, 1_000_000 + TWO_CODES_WINDOW_MS)).toBe(true);
    expect(twoCodesAllowed(a, 1_000_000 + TWO_CODES_WINDOW_MS + 1)).toBe(false);
  });
});

describe('content script: a fill or probe is refused unless this document is on the checked origin', () => {
  function controllerOn(origin: string) {
    const page = openPage(
      '<label for="c">Authentication code</label><input id="c" autocomplete="one-time-code">',
      {
        url: 'https://signin.aliyun.com/login',
      },
    );
    // why: happy-dom has no window.origin; a browser gives 'null' here for a sandboxed document.
    Object.defineProperty(page.view, 'origin', { value: origin, configurable: true });
    const controller = createContentController({
      doc: page.document,
      view: page.view,
      messenger: {
        contentHello: async () => ({ canFill: false }),
        requestFill: async () => ({ status: 'no-account' }),
      },
      t: (key) => key,
    });
    return { page, controller, field: () => (page.document.getElementById('c') as HTMLInputElement).value };
  }
  const command = (expectedOrigin: string) => ({
    type: 'fillCodes' as const,
    codes: ['123456'],
    expectedOrigin,
  });

  it('refuses a fill naming another origin, and writes nothing', async () => {
    const { page, controller, field } = controllerOn('https://evil.test');
    expect(await controller.onFillCommand(command('https://signin.aliyun.com'))).toEqual({
      filled: false,
      refused: 'origin-changed',
    });
    expect(
      await controller.onFillProbe({ type: 'probeFill', expectedOrigin: 'https://signin.aliyun.com' }),
    ).toEqual({
      ready: false,
      refused: 'origin-changed',
    });
    expect(field()).toBe('');
    await page.close();
  });

  it('refuses in a sandboxed document (opaque origin), though its URL is on the bound host', async () => {
    const { page, controller, field } = controllerOn('null');
    expect(await controller.onFillCommand(command('https://signin.aliyun.com'))).toMatchObject({
      refused: 'origin-changed',
    });
    expect(await controller.onFillCommand(command('null'))).toMatchObject({ refused: 'origin-changed' });
    expect(field()).toBe('');
    await page.close();
  });

  it('goes ahead on the checked origin', async () => {
    const { page, controller } = controllerOn('https://signin.aliyun.com');
    expect(await controller.onFillCommand(command('https://signin.aliyun.com'))).not.toHaveProperty(
      'refused',
    );
    expect(
      await controller.onFillProbe({ type: 'probeFill', expectedOrigin: 'https://signin.aliyun.com' }),
    ).not.toHaveProperty('refused');
    await page.close();
  });
});

describe('several accounts bound to one site: pick by username, then last use, else ask', () => {
  const acct = (id: string, name: string) => ({ id, data: account({ account: name }) }) as never;
  const alice = acct('a', 'alice@contoso.com');
  const bob = acct('b', 'bob@contoso.com');
  const bob2 = acct('c', 'bob@fabrikam.com');

  it.each([
    ['the only account', [alice], {}, 'a'],
    ['the username the page shows', [alice, bob], { username: 'bob@contoso.com' }, 'b'],
    ['a username holding the account name as a token', [alice, bob], { username: 'Bob@Contoso.com ' }, 'b'],
    ['the last use when no username is shown', [alice, bob], { lastUsedId: 'b' }, 'b'],
    ['the username over the last use', [alice, bob], { username: 'alice@contoso.com', lastUsedId: 'b' }, 'a'],
    [
      'the last use among accounts the username names',
      [alice, bob, bob2],
      { username: 'bob', lastUsedId: 'c' },
      'c',
    ],
  ])('fills %s', (_name, candidates, hints, id) => {
    const pick = pickAccount(candidates, hints);
    expect('account' in pick && pick.account.id).toBe(id);
  });

  it.each([
    ['no username and no last use', [alice, bob], {}],
    ['a username naming two accounts', [alice, bob, bob2], { username: 'bob' }],
    ['a name inside another word only', [acct('m', 'malice@x.com'), acct('n', 'mal')], { username: 'alice' }],
    ['a last-used account that is no longer bound here', [alice, bob], { lastUsedId: 'gone' }],
  ])('asks on %s', (_name, candidates, hints) => {
    expect(pickAccount(candidates, hints)).toHaveProperty('choose');
  });

  it('orders the choice: named accounts first, then the last used', () => {
    const pick = pickAccount([alice, bob, bob2], { username: 'bob' });
    expect('choose' in pick && pick.choose.map((a) => a.id)).toEqual(['b', 'c', 'a']);
    const byUse = pickAccount([alice, bob], { username: 'carol@x.com', lastUsedId: 'zz' });
    expect('choose' in byUse && byUse.choose.map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('usernameMatches ignores names shorter than 3 characters inside others', () => {
    expect(usernameMatches(acct('x', 'al'), 'al@x.com')).toBe(false);
    expect(usernameMatches(acct('x', 'al'), 'AL')).toBe(true);
  });

  async function twoAccounts() {
    const t = await setup(40_000);
    await t.call('addAccount', {
      data: account({ account: 'bob@1234567890123456', secret: 'JBSWY3DPEHPK3PXP' }),
      allowedSites: [],
      enrolledOrigin: 'https://signin.aliyun.com',
    });
    t.frames.list = [{ frameId: 0, origin: 'https://signin.aliyun.com' }];
    return t;
  }
  const bobCode = () => generateCode(account({ secret: 'JBSWY3DPEHPK3PXP' }), 40_000);
  const fills = (t: Awaited<ReturnType<typeof setup>>) =>
    t.frames.sent.filter((s) => (s.message as { type: string }).type === 'fillCodes');

  it('the shortcut fills the account the page names (asked by a probe), and no other', async () => {
    const t = await twoAccounts();
    t.frames.answer = (_f, m) =>
      (m as { type: string }).type === 'probeFill'
        ? { ready: true, username: 'bob@1234567890123456.onaliyun.com' }
        : { filled: true };
    const { fillBestInTab } = await import('../../../lib/background/commands');
    expect(await fillBestInTab(t.deps, 5)).toBe('filled');
    expect(fills(t).map((s) => (s.message as { codes: string[] }).codes)).toEqual([[bobCode()]]);
    expect(t.popups.opened).toBe(0);
  });

  it('the shortcut opens the chooser, filling nothing, when nothing tells the accounts apart', async () => {
    const t = await twoAccounts();
    const { runFillCommand } = await import('../../../lib/background/commands');
    await runFillCommand(t.deps, 5);
    expect(fills(t)).toEqual([]);
    expect(t.popups.opened).toBe(1);
    expect(await t.call('takeIntent', {})).toMatchObject({ value: { intent: { action: 'fill', tabId: 5 } } });
  });

  it('a popup row Fill is remembered for the site; the shortcut then uses it', async () => {
    const t = await twoAccounts();
    const bobId = t.vault.accounts.find((a) => a.data.account.startsWith('bob'))!.id;
    await t.call('fillTab', { tabId: 5, accountId: bobId, twoCodes: false });
    expect(await t.deps.sessionArea.get('lastFillBySite')).toEqual({
      lastFillBySite: { 'https://signin.aliyun.com': bobId },
    });
    expect(await t.call('fillShortcut', { tabId: 5 })).toEqual({ ok: true, value: { outcome: 'filled' } });
    expect(fills(t).map((s) => (s.message as { codes: string[] }).codes)).toEqual([[bobCode()], [bobCode()]]);
  });

  it('the last use is kept in storage.session (deps.sessionArea), never storage.local', async () => {
    const t = await twoAccounts();
    await t.call('fillTab', { tabId: 5, accountId: t.vault.accounts[0]!.id, twoCodes: false });
    expect(t.local.has('lastFillBySite')).toBe(false);
  });
});

describe('popup Fill and the shortcut wait for a late field only when no frame had one at once', () => {
  it('TOTP: a second pass with wait, after every frame answered "no field"', async () => {
    const t = await setup(40_000);
    t.frames.list = [{ frameId: 0, origin: 'https://signin.aliyun.com' }];
    t.frames.answer = (_f, m) => ({ filled: (m as { wait?: boolean }).wait === true });
    const reply = await t.call('fillTab', { tabId: 5, accountId: t.vault.accounts[0]!.id, twoCodes: false });
    expect(reply).toMatchObject({ ok: true, value: { filledFrames: 1 } });
    expect(t.frames.sent.map((s) => (s.message as { wait?: boolean }).wait)).toEqual([false, true]);
  });

  it('a bound frame added after the click (a late srcdoc widget) is found and filled', async () => {
    const t = await setup(40_000);
    const top = { frameId: 0, origin: 'https://signin.aliyun.com' };
    t.frames.list = [top];
    t.frames.answer = (frameId, m) => {
      // The widget's frame is inserted while the top frame is still looking for a field.
      if ((m as { wait?: boolean }).wait) t.frames.list = [top, { frameId: 9, origin: top.origin }];
      return { filled: frameId === 9 };
    };
    const reply = await t.call('fillTab', { tabId: 5, accountId: t.vault.accounts[0]!.id, twoCodes: false });
    expect(reply).toMatchObject({ ok: true, value: { filledFrames: 1 } });
    expect(t.frames.sent.map((s) => [s.frameId, (s.message as { wait?: boolean }).wait])).toEqual([
      [0, false],
      [0, true],
      [9, false],
    ]);
  });

  it('a frame added after the top frame navigated away gets nothing', async () => {
    const t = await setup(40_000);
    t.frames.list = [{ frameId: 0, origin: 'https://signin.aliyun.com' }];
    t.frames.answer = () => {
      t.frames.list = [
        { frameId: 0, origin: 'https://evil.test' },
        { frameId: 9, origin: 'https://signin.aliyun.com' },
      ];
      return { filled: false };
    };
    const reply = await t.call('fillTab', { tabId: 5, accountId: t.vault.accounts[0]!.id, twoCodes: false });
    expect(reply).toMatchObject({ ok: false, error: { code: 'no-field' } });
    expect(t.frames.sent.map((s) => s.frameId)).toEqual([0]);
  });

  it('a checked frame whose document was replaced, even by one of the same origin, gets nothing', async () => {
    const t = await setup(40_000);
    const top = { frameId: 0, origin: 'https://signin.aliyun.com', documentId: 'D0' };
    t.frames.list = [top, { frameId: 2, origin: 'https://signin.aliyun.com', documentId: 'D2' }];
    t.frames.answer = () => {
      t.frames.list = [top, { frameId: 2, origin: 'https://signin.aliyun.com', documentId: 'D3' }];
      return { filled: false };
    };
    const reply = await t.call('fillTab', { tabId: 5, accountId: t.vault.accounts[0]!.id, twoCodes: false });
    expect(reply).toMatchObject({ ok: false, error: { code: 'no-field' } });
    expect(t.frames.sent.filter((s) => s.documentId === 'D3')).toEqual([]);
  });

  it('no second pass when a frame filled at once', async () => {
    const t = await setup(40_000);
    t.frames.list = [{ frameId: 0, origin: 'https://signin.aliyun.com' }];
    await t.call('fillTab', { tabId: 5, accountId: t.vault.accounts[0]!.id, twoCodes: false });
    expect(t.frames.sent).toHaveLength(1);
  });

  it('HOTP: probes again with wait, and bumps the counter only once a field is ready', async () => {
    const t = await setup(40_000);
    await t.call('addAccount', {
      data: account({ kind: 'hotp', issuer: 'Bank', account: 'hotp-user', counter: 7 }),
      allowedSites: [],
      enrolledOrigin: 'https://signin.aliyun.com',
    });
    const hotp = t.vault.accounts.find((a) => a.data.kind === 'hotp')!;
    t.frames.list = [{ frameId: 0, origin: 'https://signin.aliyun.com' }];
    t.frames.answer = () => ({ ready: false });
    expect(await t.call('fillTab', { tabId: 5, accountId: hotp.id, twoCodes: false })).toMatchObject({
      ok: false,
      error: { code: 'no-field' },
    });
    expect(t.frames.sent.map((s) => (s.message as { wait?: boolean }).wait)).toEqual([false, true]);
    expect(t.vault.accounts.find((a) => a.id === hotp.id)!.data.counter).toBe(7);
  });
});
