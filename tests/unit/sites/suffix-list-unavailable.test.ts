// When the packaged Public Suffix List cannot be read, the background fails closed: no fill, no binding,
// no account shown as matching the tab, no auto-submit site; the user sees why (one error code).
import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../lib/background/router';
import { createHandlers } from '../../../lib/background/handlers';
import { readSettings } from '../../../lib/background/settings';
import type { MessageType, Reply, RequestOf } from '../../../lib/messaging';
import { PublicSuffixListError } from '../../../lib/sites/public-suffixes';
import { fakeDeps } from '../background/fakes';

const EXT_ID = 'abcdefghijklmnop';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;
const popup = { id: EXT_ID, url: `${EXT_ORIGIN}/popup.html` };
const frame = (url: string) =>
  ({ id: EXT_ID, url, origin: new URL(url).origin, tab: { id: 5, url }, frameId: 0 }) as never;

const DATA = {
  kind: 'totp',
  issuer: 'Aliyun',
  account: 'alice',
  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
} as const;

async function setup() {
  const env = fakeDeps({ now: 40_000, tabs: { 5: 'https://signin.aliyun.com/login' } });
  const route = createRouter(createHandlers(env.deps), { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN });
  const call = async <K extends MessageType>(type: K, payload: RequestOf<K>, sender: object = popup) =>
    (await route({ type, payload }, sender as never)) as Reply<never>;
  await call('createVault', { password: 'correct horse' });
  await call('addAccount', {
    data: { ...DATA },
    allowedSites: [],
    enrolledOrigin: 'https://signin.aliyun.com',
  });
  await call('setSettings', { autoSubmitSites: ['signin.aliyun.com'] });
  /** From now on the list file is unreadable (as a broken package would be). */
  const breakList = () => {
    env.deps.publicSuffixes = () =>
      Promise.reject(new PublicSuffixListError('The public suffix list file could not be read.'));
  };
  return { ...env, call, breakList };
}

describe('Public Suffix List unreadable: everything that needs it fails closed', () => {
  it('the setup binds and fills while the list is readable', async () => {
    const t = await setup();
    expect(t.vault.accounts[0]?.allowedSites).toEqual(['aliyun.com', 'alibabacloud.com']);
    const reply = await t.call('requestFill', {}, frame('https://signin.aliyun.com/login'));
    expect(reply).toMatchObject({ ok: true, value: { status: 'fill', submit: true } });
  });

  it('no code to the inline button, the popup or the page hello, with a clear error code', async () => {
    const t = await setup();
    t.breakList();
    t.frames.list = [{ frameId: 0, origin: 'https://signin.aliyun.com' }];
    const inline = await t.call('requestFill', {}, frame('https://signin.aliyun.com/login'));
    expect(inline).toMatchObject({ ok: false, error: { code: 'suffix-list-unavailable' } });
    const id = t.vault.accounts[0]!.id;
    const popupFill = await t.call('fillTab', { tabId: 5, accountId: id, twoCodes: false });
    expect(popupFill).toMatchObject({ ok: false, error: { code: 'suffix-list-unavailable' } });
    const hello = await t.call('contentHello', { fieldCount: 1 }, frame('https://signin.aliyun.com/login'));
    expect(hello).toMatchObject({ ok: false });
    expect(t.frames.sent).toEqual([]);
  });

  it('no new binding: adding an account from a page, or editing its sites, is refused', async () => {
    const t = await setup();
    t.breakList();
    const added = await t.call('addAccount', {
      data: { ...DATA, account: 'bob' },
      allowedSites: [],
      enrolledOrigin: 'https://alice.github.io',
    });
    expect(added).toMatchObject({ ok: false, error: { code: 'suffix-list-unavailable' } });
    expect(t.vault.accounts).toHaveLength(1);
    const id = t.vault.accounts[0]!.id;
    const edited = await t.call('updateAccount', { id, patch: { allowedSites: ['github.io'] } });
    expect(edited).toMatchObject({ ok: false, error: { code: 'suffix-list-unavailable' } });
    expect(t.vault.accounts[0]?.allowedSites).toEqual(['aliyun.com', 'alibabacloud.com']);
  });

  it('the account list still shows, with no account matching the tab; site lists read as empty', async () => {
    const t = await setup();
    t.breakList();
    const listed = await t.call('listAccounts', { tabId: 5 });
    expect(listed).toMatchObject({ ok: true, value: { accounts: [{ matchesTab: false }] } });
    const dek = (await t.session.load())!;
    expect((await readSettings(t.deps, dek)).autoSubmitSites).toEqual([]);
  });
});
