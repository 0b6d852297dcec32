// Multi-tenant SaaS hosts: every subdomain of okta.com or service-now.com is another company, but the
// Public Suffix List makes the parent their registrable domain. An account enrolled on one tenant
// (acme.okta.com) gets no inline button and a refused popup Fill on another tenant of the same parent
// (evil.okta.com), while the honest tenant is still filled by one click. Loopback likewise: an account
// enrolled on http://127.0.0.1:A is not filled by another local server on port B.
import { expect, test } from './fixtures';
import type { E2ePage } from '../e2e/harness/browsers';
import { seedVault, sendFromExtensionPage } from '../e2e/steps/popup';
import { clickInlineButton, countInlineButtons } from '../e2e/steps/inline-button';
import { pageCodeSurface, plausibleCodes, sleep } from './steps';
import { startServer } from '../e2e/harness/server';
import { createBackup } from '../../lib/backup/format';
import { importRequestFor } from '../unit/backup/import-requests';
import { parseOtpauthUri } from '../../lib/otp/uri';

const OKTA = 'otpauth://totp/Okta:alice@acme.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Okta';
const SNOW = 'otpauth://totp/ServiceNow:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ServiceNow';
const LEGACY = 'otpauth://totp/Legacy:alice?secret=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU&issuer=Legacy';
const HOSTS = ['acme.okta.com', 'evil.okta.com', 'acme.service-now.com', 'evil.service-now.com'];
const FIXTURE = '/login/okta-passcode.html';
const FIELD = '#input59';
// why: long enough for detection (document_idle + 400 ms re-scan) and the background round trip.
const SETTLE_MS = 1_500;

async function fieldValue(page: E2ePage): Promise<string> {
  return page.evaluate((s) => (document.querySelector(s) as HTMLInputElement).value, FIELD);
}

/** The popup's Fill for the account with this issuer, on the page's tab, as the background answers it. */
async function popupFill(
  popup: E2ePage,
  tabId: number,
  issuer: string,
): Promise<{ ok: boolean; error?: { code: string } }> {
  const list = await sendFromExtensionPage<{
    value: { accounts: { id: string; issuer: string; matchesTab: boolean }[] };
  }>(popup, 'listAccounts', { tabId });
  const account = list.value.accounts.find((a) => a.issuer === issuer);
  expect(account, issuer).toBeTruthy();
  return sendFromExtensionPage(popup, 'fillTab', { tabId, accountId: account?.id, twoCodes: false });
}

test.describe('multi-tenant hosts', () => {
  test.use({ hosts: HOSTS, serverHttps: true });

  test('an account enrolled on one tenant is never filled on another tenant of the same parent', async ({
    ext,
    server,
  }) => {
    test.setTimeout(120_000);
    const popup = await seedVault(ext, [
      { uri: OKTA, enrolledOrigin: 'https://acme.okta.com' },
      { uri: SNOW, enrolledOrigin: 'https://acme.service-now.com' },
    ]);
    const list = await sendFromExtensionPage<{
      value: { accounts: { issuer: string; allowedSites: string[] }[] };
    }>(popup, 'listAccounts', {});
    expect(list.value.accounts.map((a) => [a.issuer, a.allowedSites])).toEqual([
      ['Okta', ['acme.okta.com']],
      ['ServiceNow', ['acme.service-now.com']],
    ]);

    for (const [evil, issuer, uri] of [
      ['evil.okta.com', 'Okta', OKTA],
      ['evil.service-now.com', 'ServiceNow', SNOW],
    ] as const) {
      await test.step(`${evil}: no inline button, the popup's Fill is refused, no code in the page`, async () => {
        const page = await ext.newPage(server.url(FIXTURE, { host: evil, https: true }));
        await sleep(SETTLE_MS);
        expect.soft(await countInlineButtons(page), `${evil} buttons`).toBe(0);
        const reply = await popupFill(popup, await ext.tabIdFor(page), issuer);
        expect
          .soft(reply, `${evil} popup fill`)
          .toMatchObject({ ok: false, error: { code: 'site-not-allowed' } });
        await sleep(300);
        expect.soft(await fieldValue(page), `${evil} field`).toBe('');
        const surface = await pageCodeSurface(page);
        for (const code of plausibleCodes(uri))
          expect.soft(surface.includes(code), `${evil}: ${code}`).toBe(false);
      });
    }

    await test.step('an account restored from an older backup, bound to okta.com itself, fills on no tenant', async () => {
      const parsed = parseOtpauthUri(LEGACY);
      if (!parsed.ok) throw new Error('bad test URI');
      const password = 'legacy backup password';
      const text = await createBackup(
        [{ data: parsed.account, allowedSites: ['okta.com'], enrolledOrigin: '', pinned: false, order: 9 }],
        password,
        globalThis.crypto,
        Date.now(),
      );
      // The options page reads the file and sends its accounts (lib/backup/import-request.ts).
      const request = await importRequestFor(text, password);
      expect(await sendFromExtensionPage(popup, 'commitImport', request)).toMatchObject({
        ok: true,
        value: { added: 1 },
      });
      for (const host of ['evil.okta.com', 'acme.okta.com']) {
        const page = await ext.newPage(server.url(FIXTURE, { host, https: true }));
        await sleep(SETTLE_MS);
        const reply = await popupFill(popup, await ext.tabIdFor(page), 'Legacy');
        expect.soft(reply, `${host} legacy popup fill`).toMatchObject({
          ok: false,
          error: { code: 'site-not-allowed' },
        });
        await sleep(300);
        const surface = await pageCodeSurface(page);
        for (const code of plausibleCodes(LEGACY)) {
          expect.soft(surface.includes(code), `${host}: legacy code ${code}`).toBe(false);
        }
        await page.close();
      }
    });

    await test.step('control: the honest tenants are filled (inline button, popup Fill)', async () => {
      const okta = await ext.newPage(server.url(FIXTURE, { host: 'acme.okta.com', https: true }));
      await clickInlineButton(okta);
      await okta.waitForFunction(
        (s) => /^\d{6}$/.test((document.querySelector(s) as HTMLInputElement).value),
        FIELD,
      );
      expect(plausibleCodes(OKTA)).toContain(await fieldValue(okta));

      const snow = await ext.newPage(server.url(FIXTURE, { host: 'acme.service-now.com', https: true }));
      await sleep(SETTLE_MS);
      expect(await popupFill(popup, await ext.tabIdFor(snow), 'ServiceNow')).toMatchObject({ ok: true });
      await snow.waitForFunction(
        (s) => /^\d{6}$/.test((document.querySelector(s) as HTMLInputElement).value),
        FIELD,
      );
      expect(plausibleCodes(SNOW)).toContain(await fieldValue(snow));
    });
  });
});

test.describe('loopback ports', () => {
  test('an account enrolled on 127.0.0.1:A is not filled on 127.0.0.1:B', async ({ ext, server }) => {
    test.setTimeout(90_000);
    const other = await startServer();
    try {
      const origin = new URL(server.url('/')).origin;
      const popup = await seedVault(ext, [{ uri: OKTA, enrolledOrigin: origin }]);
      const list = await sendFromExtensionPage<{ value: { accounts: { allowedSites: string[] }[] } }>(
        popup,
        'listAccounts',
        {},
      );
      expect(list.value.accounts[0]?.allowedSites).toEqual([new URL(origin).host]);

      const wrongPort = await ext.newPage(other.url(FIXTURE));
      expect(new URL(wrongPort.url()).port).not.toBe(new URL(origin).port);
      await sleep(SETTLE_MS);
      expect.soft(await countInlineButtons(wrongPort), 'other port: buttons').toBe(0);
      expect
        .soft(await popupFill(popup, await ext.tabIdFor(wrongPort), 'Okta'), 'other port: popup fill')
        .toMatchObject({ ok: false, error: { code: 'site-not-allowed' } });
      expect.soft(await fieldValue(wrongPort), 'other port: field').toBe('');

      const samePort = await ext.newPage(server.url(FIXTURE));
      await clickInlineButton(samePort);
      await samePort.waitForFunction(
        (s) => /^\d{6}$/.test((document.querySelector(s) as HTMLInputElement).value),
        FIELD,
      );
      expect(plausibleCodes(OKTA)).toContain(await fieldValue(samePort));
    } finally {
      await other.close();
    }
  });
});
