// Screenshots for the README, taken from the built extension in Chromium: the popup at its real size
// (360×600) in the light and dark colour schemes, on the account list, the add screen and the unlock screen,
// and the options page. They are written to docs/screenshots/ (overwritten on every run) and checked to hold
// a rendered page rather than a blank one.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page as PlaywrightPage } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { REPO_ROOT, type E2ePage } from './harness/browsers';
import { seedVault, tid, waitForState } from './steps/popup';

const SCREENSHOT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
const POPUP_SIZE = { width: 360, height: 600 };
const OPTIONS_SIZE = { width: 900, height: 900 };
const COLOR_SCHEMES = ['light', 'dark'] as const;
// A blank or near-blank PNG of these sizes compresses to well under this.
const MIN_SCREENSHOT_BYTES = 5_000;

// Made-up secrets; the accounts look like the ones a user would have.
const ACCOUNTS = [
  {
    uri: 'otpauth://totp/Aliyun:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Aliyun',
    enrolledOrigin: 'https://account.console.aliyun.com',
    allowedSites: ['aliyun.com'],
  },
  {
    uri: 'otpauth://totp/Amazon%20Web%20Services:alice%40123456789012?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BA&issuer=Amazon%20Web%20Services',
  },
  { uri: 'otpauth://totp/GitHub:alice-dev?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=GitHub' },
  { uri: 'otpauth://totp/Google:alice%40gmail.com?secret=ON2HE2LOM4QHO2LUNBXXK5BAMRQXIYJA&issuer=Google' },
];

const asPlaywright = (page: E2ePage) => page.raw as PlaywrightPage;

/** One screenshot per colour scheme, `<name>-light.png` and `<name>-dark.png`; returns their paths. */
async function shootBothSchemes(page: E2ePage, name: string, fullPage = false): Promise<string[]> {
  const raw = asPlaywright(page);
  const files: string[] = [];
  for (const colorScheme of COLOR_SCHEMES) {
    await raw.emulateMedia({ colorScheme });
    const file = path.join(SCREENSHOT_DIR, `${name}-${colorScheme}.png`);
    // why: a frozen countdown and no caret make the pictures the same from run to run, bar the codes.
    await raw.screenshot({ path: file, fullPage, animations: 'disabled', caret: 'hide' });
    files.push(file);
  }
  await raw.emulateMedia({ colorScheme: null });
  return files;
}

test.describe('docs screenshots', () => {
  test('the popup and options page are photographed in light and dark', async ({ ext, browserKind }) => {
    test.skip(browserKind !== 'chromium', 'the README has one set of screenshots, taken in Chromium');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const files: string[] = [];

    const popup = await seedVault(ext, ACCOUNTS);
    await asPlaywright(popup).setViewportSize(POPUP_SIZE);
    await popup.reload();
    await waitForState(popup, 'unlocked');
    await popup.waitForFunction(
      ([row, code, count]) =>
        document.querySelectorAll(row).length === count && document.querySelectorAll(code).length === count,
      [tid('account-row'), `${tid('account-code')}[data-code]`, ACCOUNTS.length] as const,
    );
    files.push(...(await shootBothSchemes(popup, 'popup-accounts')));

    await popup.click(tid('add-open'));
    await popup.waitForSelector(tid('add-uri'));
    files.push(...(await shootBothSchemes(popup, 'popup-add-account')));

    const options = await ext.newPage(`${ext.extensionBaseUrl}/options.html`);
    await asPlaywright(options).setViewportSize(OPTIONS_SIZE);
    await options.waitForSelector(`${tid('options-app')}[data-state="unlocked"]`, { state: 'attached' });
    await options.waitForSelector(tid('backup-section'));
    files.push(...(await shootBothSchemes(options, 'options', true)));
    await options.close();

    await popup.reload();
    await waitForState(popup, 'unlocked');
    await popup.click(tid('lock'));
    await waitForState(popup, 'locked');
    await popup.waitForSelector(tid('unlock-password'));
    files.push(...(await shootBothSchemes(popup, 'popup-unlock')));

    for (const file of files) {
      expect(statSync(file).size, path.basename(file)).toBeGreaterThan(MIN_SCREENSHOT_BYTES);
    }
    for (const light of files.filter((file) => file.endsWith('-light.png'))) {
      const dark = light.replace(/-light\.png$/, '-dark.png');
      const same = readFileSync(light).equals(readFileSync(dark));
      expect(same, `${path.basename(dark)} differs from ${path.basename(light)}`).toBe(false);
    }
  });
});
