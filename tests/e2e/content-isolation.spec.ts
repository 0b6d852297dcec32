import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { seedVault } from './steps/popup';

const URI = 'otpauth://totp/Local:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Local';

/** Evaluates in our content script's isolated world of the page's main frame (Chromium, over CDP). */
async function evaluateInContentScript(page: Page, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: (typeof contexts)[number] }) => {
    contexts.push(event.context);
  });
  await cdp.send('Runtime.enable');
  const isolated = contexts.find((c) => c.auxData?.type === 'isolated' && c.name !== '');
  if (!isolated) throw new Error(`no content-script world: ${JSON.stringify(contexts)}`);
  const result = (await cdp.send('Runtime.evaluate', {
    expression,
    contextId: isolated.id,
    awaitPromise: true,
    returnByValue: true,
  })) as { result: { value?: unknown }; exceptionDetails?: { exception?: { description?: string } } };
  if (result.exceptionDetails) return { threw: result.exceptionDetails.exception?.description ?? 'error' };
  return result.result.value;
}

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
