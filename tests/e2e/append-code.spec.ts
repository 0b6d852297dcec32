/**
 * "Password and code in one field" (VPN, RADIUS logons): on a site the user listed, popup Fill and the
 * fill shortcut append the code to the password typed in the password field; elsewhere nothing changes.
 * The shortcut is driven through its background path (fillShortcut), as in fill-triggers.spec.ts.
 */
import { expect, test } from './harness/fixtures';
import type { E2ePage } from './harness/browsers';
import { seedVault, sendFromExtensionPage } from './steps/popup';
import { generateCode } from '../../lib/otp/generate';
import { parseOtpauthUri } from '../../lib/otp/uri';
import type { AccountView } from '../../lib/messaging';

const HOST = 'vpn.example.com';
const URI = 'otpauth://totp/VPN:alice?secret=JBSWY3DPEHPK3PXPGEZDGNBV&issuer=VPN';

function plausibleCodes(): string[] {
  const parsed = parseOtpauthUri(URI);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const now = Date.now();
  return [-1, 0, 1].map((k) => generateCode(parsed.account, now + k * 30_000));
}

const passwordValue = (page: E2ePage) =>
  page.evaluate(() => (document.querySelector('#pass') as HTMLInputElement).value);

test.describe('append code to the password field', () => {
  test.use({ hosts: [HOST], serverHttps: true });

  test('popup Fill and the shortcut append the code to the typed password on a listed site only', async ({
    ext,
    server,
  }) => {
    const popup = await seedVault(ext, [
      { uri: URI, allowedSites: [HOST], enrolledOrigin: `https://${HOST}` },
    ]);
    const page = await ext.newPage(server.url('/append/vpn-logon.html', { host: HOST, https: true }));
    const tabId = await ext.tabIdFor(page);
    const list = await sendFromExtensionPage<{ value: { accounts: AccountView[] } }>(popup, 'listAccounts', {
      tabId,
    });
    const accountId = list.value.accounts[0]!.id;
    const fill = () =>
      sendFromExtensionPage<{ ok: boolean; error?: { code: string } }>(popup, 'fillTab', {
        tabId,
        accountId,
        twoCodes: false,
      });

    // Off by default: the page has no code field, so nothing is filled and the password stays as typed.
    await page.type('#user', 'alice');
    await page.type('#pass', 'hunter2');
    expect((await fill()).error?.code).toBe('no-field');
    expect(await passwordValue(page)).toBe('hunter2');

    const saved = await sendFromExtensionPage<{ ok: boolean }>(popup, 'setSettings', {
      appendCodeSites: [HOST],
    });
    expect(saved.ok).toBe(true);
    expect((await fill()).ok).toBe(true);
    const afterFill = await passwordValue(page);
    expect(plausibleCodes().map((c) => `hunter2${c}`)).toContain(afterFill);

    // The shortcut takes the same path.
    await page.fill('#pass', '');
    await page.type('#pass', 's3cret');
    const reply = await sendFromExtensionPage<{ ok: boolean }>(popup, 'fillShortcut', { tabId });
    expect(reply.ok).toBe(true);
    expect(plausibleCodes().map((c) => `s3cret${c}`)).toContain(await passwordValue(page));
  });
});
