import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { seedVault } from './steps/popup';
import { evaluateInContentScript } from './steps/content-world';

const URI = 'otpauth://totp/Local:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Local';

test.describe('content scripts get no secrets', () => {
  test('a content script can read neither storage.session nor codes, even on a bound site', async ({
    ext,
    server,
    browserKind,
  }) => {
    test.skip(browserKind === 'firefox', 'Firefox exposes no content-script realm to the test driver');
    const origin = new URL(server.url('/')).origin;
    await seedVault(ext, [{ uri: URI, enrolledOrigin: origin }]);
    const page = await ext.newPage(server.url('/smoke/otp.html'));
    // The button shows the script runs here and the site is bound.
    await page.waitForSelector('mfa-autofill-button', { state: 'attached' });
    const raw = page.raw as Page;

    const session = await evaluateInContentScript(
      raw,
      `chrome.storage.session.get(null).then((v) => ({ value: v }), (e) => ({ error: String(e) }))`,
    );
    expect(JSON.stringify(session)).not.toContain('dataKey');
    expect(session).toHaveProperty('error');

    for (const type of ['listAccounts', 'getVaultState', 'nextHotpCode', 'getSettings']) {
      const reply = await evaluateInContentScript(
        raw,
        `chrome.runtime.sendMessage({ type: ${JSON.stringify(type)}, payload: { id: 'x' } })`,
      );
      expect(reply, type).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });
});
