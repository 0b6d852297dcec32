/**
 * Clock skew: a popup Fill asks the site being filled for its time (a HEAD request to its origin) and,
 * when this computer's clock is off by more than 10 s, fills the code for the site's time. The fixture
 * server answers that HEAD with a Date header 95 s ahead of the real clock, as a site would when this
 * computer's clock is 95 s behind. With the setting off, nothing is asked and the code is the local one.
 */
import * as OTPAuth from 'otpauth';
import { expect, test } from './harness/fixtures';
import type { E2ePage, ExtensionBrowser } from './harness/browsers';
import { seedVault, sendFromExtensionPage, tid } from './steps/popup';
import type { AccountView } from '../../lib/messaging';

const HOST = 'signin.aliyun.com';
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const URI = `otpauth://totp/Aliyun:alice@1234567890123456?secret=${SECRET}&issuer=Aliyun`;
const SKEW_S = 95;

/** Codes a fill may use at `offsetMs` from now: previous, current or (under 3 s left) next period. */
function codesAround(offsetMs: number): string[] {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(SECRET), digits: 6, period: 30 });
  const at = Date.now() + offsetMs;
  return [-1, 0, 1].map((k) => totp.generate({ timestamp: at + k * 30_000 }));
}

async function popupFill(ext: ExtensionBrowser, popup: E2ePage, page: E2ePage) {
  const tabId = await ext.tabIdFor(page);
  const list = await sendFromExtensionPage<{ value: { accounts: AccountView[] } }>(popup, 'listAccounts', {
    tabId,
  });
  const id = list.value.accounts.find((a) => a.matchesTab)?.id;
  return sendFromExtensionPage<{ ok: boolean; value?: { clockSkewSeconds?: number } }>(popup, 'fillTab', {
    tabId,
    accountId: id,
    twoCodes: false,
  });
}

async function codeOnPage(page: E2ePage): Promise<string> {
  await page.waitForFunction(() => (document.querySelector('#mfacode') as HTMLInputElement).value !== '');
  return page.evaluate(() => (document.querySelector('#mfacode') as HTMLInputElement).value);
}

test.describe('clock skew', () => {
  test.use({ hosts: [HOST], serverHttps: true });

  test('popup Fill uses the site clock when ours is 95 s off, and the local clock with the check off', async ({
    ext,
    server,
  }) => {
    const heads: { host: string; cookie: string | undefined }[] = [];
    server.route('HEAD', '/', (request, response) => {
      heads.push({ host: request.headers.host ?? '', cookie: request.headers.cookie });
      response.writeHead(200, { date: new Date(Date.now() + SKEW_S * 1000).toUTCString() }).end();
    });
    const popup = await seedVault(ext, [{ uri: URI, enrolledOrigin: `https://${HOST}` }]);
    const page = await ext.newPage(server.url('/login/aws-mfa.html', { host: HOST, https: true }));
    // A cookie the site set: the clock check must not send it.
    await page.evaluate(() => {
      document.cookie = 'session=secret; path=/';
    });

    const reply = await popupFill(ext, popup, page);
    expect(reply).toMatchObject({ ok: true });
    const skew = reply.value?.clockSkewSeconds ?? 0;
    expect(Math.abs(skew - SKEW_S)).toBeLessThanOrEqual(2);
    const corrected = await codeOnPage(page);
    expect(codesAround(SKEW_S * 1000)).toContain(corrected);
    expect(codesAround(0)).not.toContain(corrected);
    expect(heads).toHaveLength(1);
    expect(heads[0]?.host).toBe(`${HOST}:${server.httpsPort}`);
    expect(heads[0]?.cookie).toBeUndefined();

    // The popup's own Fill button says so; the offset measured a moment ago is reused, not asked again.
    await page.evaluate(() => {
      (document.querySelector('#mfacode') as HTMLInputElement).value = '';
    });
    const rowPopup = await ext.openPopup(page);
    await rowPopup.click(tid('row-fill'));
    await rowPopup.waitForSelector(tid('toast'));
    expect(await rowPopup.textContent(tid('toast'))).toMatch(/clock is 9\d s off the site's/);
    expect(codesAround(SKEW_S * 1000)).toContain(await codeOnPage(page));
    expect(heads).toHaveLength(1);
    await rowPopup.close();

    // The check off: no request, the code for this computer's clock.
    expect(
      await sendFromExtensionPage<{ ok: boolean }>(popup, 'setSettings', { clockCheck: false }),
    ).toMatchObject({ ok: true });
    await page.reload();
    const plain = await popupFill(ext, popup, page);
    expect(plain).toMatchObject({ ok: true });
    expect(plain.value?.clockSkewSeconds).toBeUndefined();
    const local = await codeOnPage(page);
    expect(codesAround(0)).toContain(local);
    expect(heads).toHaveLength(1);
  });
});
