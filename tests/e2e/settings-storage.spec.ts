import type { Page } from '@playwright/test';
import { expect, test } from '../adversarial/fixtures';
import type { E2ePage } from './harness/browsers';
import { PASSWORD, seedVault, sendFromExtensionPage } from './steps/popup';
import { evaluateInContentScript } from './steps/content-world';

const FORGED = {
  autoLockMinutes: 1440,
  clearClipboard: false,
  autoSubmitSites: ['127.0.0.1', 'evil.test'],
  clockCheck: false,
  appendCodeSites: ['evil.test'],
};

type StorageArea = { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> };
type Api = { storage: Record<'local' | 'session', StorageArea> };
/** storage.local / storage.session as an extension page sees them. */
function area(page: E2ePage, name: 'local' | 'session') {
  return {
    get: (key: string) =>
      page.evaluate(
        ([n, k]) => {
          const g = globalThis as unknown as { browser?: Api; chrome?: Api };
          return (g.browser ?? g.chrome)!.storage[n].get(k);
        },
        [name, key] as const,
      ),
    set: (value: object) =>
      page.evaluate(
        ([n, v]) => {
          const g = globalThis as unknown as { browser?: Api; chrome?: Api };
          return (g.browser ?? g.chrome)!.storage[n].set(v);
        },
        [name, value] as const,
      ),
  };
}

async function ok<T>(page: E2ePage, type: string, payload: unknown): Promise<T> {
  const reply = await sendFromExtensionPage<{ ok: boolean; value?: T }>(page, type, payload);
  if (!reply.ok) throw new Error(`${type}: ${JSON.stringify(reply)}`);
  return reply.value as T;
}

test.describe('security settings are out of reach of storage.local', () => {
  test('settings forged in storage.local change neither auto-lock nor auto-submit', async ({ ext }) => {
    // why: the extension page is the strongest writer of storage.local there is; in Firefox every content
    // script can write it the same way (and the driver cannot reach a content-script realm there).
    const popup = await seedVault(ext, []);
    await ok(popup, 'setSettings', { autoLockMinutes: 5 });
    const local = area(popup, 'local');
    expect(await local.get('settings')).toEqual({});

    await local.set({ settings: FORGED });
    expect(await ok(popup, 'getSettings', {})).toEqual({
      autoLockMinutes: 5,
      clearClipboard: true,
      autoSubmitSites: [],
      clockCheck: true,
      appendCodeSites: [],
    });
    await ok(popup, 'lockVault', {});
    await local.set({ settings: FORGED });
    await ok(popup, 'unlockVault', { password: PASSWORD });
    const session = (await area(popup, 'session').get('vaultSession')).vaultSession as { lockAt: number };
    const minutesLeft = (session.lockAt - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(4);
    expect(minutesLeft).toBeLessThanOrEqual(5);
    expect(await ok(popup, 'getSettings', {})).toMatchObject({ autoLockMinutes: 5, autoSubmitSites: [] });
    // The unlock deleted the forged copy.
    expect(await local.get('settings')).toEqual({});
  });

  test('a content script can neither read nor write storage.local (Chromium access level)', async ({
    ext,
    server,
    browserKind,
  }) => {
    test.skip(
      browserKind === 'firefox',
      'Firefox cannot restrict storage.local (setAccessLevel is storage.session only); the test above covers it',
    );
    const origin = new URL(server.url('/')).origin;
    const popup = await seedVault(ext, [
      {
        uri: 'otpauth://totp/Local:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Local',
        enrolledOrigin: origin,
      },
    ]);
    const page = await ext.newPage(server.url('/smoke/otp.html'));
    await page.waitForSelector('mfa-autofill-button', { state: 'attached' });
    const raw = page.raw as Page;
    const write = await evaluateInContentScript(
      raw,
      `chrome.storage.local.set({ settings: ${JSON.stringify(FORGED)} }).then(() => 'written', (e) => ({ error: String(e) }))`,
    );
    expect(write).toHaveProperty('error');
    const read = await evaluateInContentScript(
      raw,
      `chrome.storage.local.get(null).then((v) => ({ value: v }), (e) => ({ error: String(e) }))`,
    );
    expect(read).toHaveProperty('error');
    expect(await area(popup, 'local').get('settings')).toEqual({});
  });
});
