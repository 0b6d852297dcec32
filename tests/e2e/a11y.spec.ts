// Accessibility: axe-core (WCAG 2.1 A and AA rules) on every popup and options screen, in Chromium and
// Firefox, in one browser launch per browser. Chromium also checks the dark colour scheme (the harness can
// switch it only there). The screens are reached the way a user reaches them; the accounts are seeded by
// message because the list is what is under test, not the add flow.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page as PlaywrightPage } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import type { E2ePage } from './harness/browsers';
import { createVaultInPopup, sendFromExtensionPage, tid, waitForState } from './steps/popup';
import { parseOtpauthUri } from '../../lib/otp/uri';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const HOST = 'account.aliyun.com';

const ACCOUNTS = [
  'otpauth://totp/Aliyun:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Aliyun',
  'otpauth://hotp/Example:bob?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BA&issuer=Example&counter=3',
  'otpauth://totp/Steam:gaben?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Steam',
];

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe on the page as it is now; returns one line per violation. */
async function audit(page: E2ePage, screen: string): Promise<string[]> {
  // why: extension pages forbid inline scripts and eval; evaluating the source through the driver is allowed.
  const raw = page.raw as unknown as { evaluate(expression: string): Promise<unknown> };
  if (!(await page.evaluate(() => 'axe' in window))) await raw.evaluate(AXE_SOURCE);
  const findings = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(...args: unknown[]): Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    })) as {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[]; failureSummary?: string }[];
      }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => `${n.target.map(String).join(' ')} ${n.failureSummary ?? ''}`.trim()),
    }));
  }, WCAG_TAGS);
  return (findings as Finding[]).map(
    (f) => `${screen}: ${f.id} (${f.impact ?? '?'}) ${f.help}\n    ${f.targets.join('\n    ')}`,
  );
}

/** Audits in the light scheme, and in Chromium in the dark one too. */
async function auditSchemes(page: E2ePage, screen: string): Promise<string[]> {
  if (page.kind !== 'chromium') return audit(page, screen);
  const raw = page.raw as PlaywrightPage;
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await raw.emulateMedia({ colorScheme });
    found.push(...(await audit(page, `${screen} [${colorScheme}]`)));
  }
  await raw.emulateMedia({ colorScheme: null });
  return found;
}

test.describe('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  test.use({ hosts: [HOST], serverHttps: true });

  test('every popup and options screen has no violations', async ({ ext, server }) => {
    test.setTimeout(180_000);
    const violations: string[] = [];
    const screens: string[] = [];
    const check = async (page: E2ePage, screen: string) => {
      screens.push(screen);
      violations.push(...(await auditSchemes(page, screen)));
    };

    // Popup: first run (create the vault), then the account list.
    const popup = await ext.openPopup();
    await waitForState(popup, 'uninitialized');
    await popup.waitForSelector(tid('create-password'));
    await check(popup, 'popup: create vault');
    await createVaultInPopup(popup);
    for (const uri of ACCOUNTS) {
      const parsed = parseOtpauthUri(uri);
      if (!parsed.ok) throw new Error(`bad test URI ${uri}`);
      await sendFromExtensionPage(popup, 'addAccount', {
        data: parsed.account,
        allowedSites: ['aliyun.com'],
        enrolledOrigin: '',
      });
    }
    await popup.reload();
    await waitForState(popup, 'unlocked');
    await popup.waitForFunction(([row, count]) => document.querySelectorAll(row).length === count, [
      tid('account-row'),
      ACCOUNTS.length,
    ] as const);
    // why: the service icons load after the first paint; the list is audited with them.
    await popup.waitForSelector(`${tid('service-icon')}[data-icon="alibabacloud"]`, { state: 'attached' });
    await check(popup, 'popup: account list');

    await popup.click(tid('row-menu'));
    await popup.waitForSelector(tid('row-rename'));
    await check(popup, 'popup: row menu');
    await popup.press('Escape');

    await popup.click(tid('add-open'));
    await popup.waitForSelector(tid('add-uri'));
    await check(popup, 'popup: add (URI)');
    await popup.click(tid('add-tab-fields'));
    await popup.waitForSelector(tid('add-secret'));
    await check(popup, 'popup: add (fields)');
    await popup.click(tid('add-tab-uri'));
    await popup.fill(
      tid('add-uri'),
      'otpauth://totp/GitHub:alice?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=GitHub',
    );
    await popup.click(tid('add-uri-submit'));
    await popup.waitForSelector(tid('add-confirm'));
    await check(popup, 'popup: add (review)');
    await popup.click(tid('back'));

    await popup.waitForSelector(tid('settings-open'));
    await popup.click(tid('settings-open'));
    await popup.waitForSelector(tid('settings-autolock'));
    await check(popup, 'popup: settings');
    await popup.click(tid('back'));

    // Scan: an enrolment page in a tab, the popup acting on it, up to the confirmation card.
    const page = await ext.newPage(
      server.url('/enroll/aliyun-bind-mfa-en.html', { host: HOST, https: true }),
    );
    const scanPopup = await ext.openPopup(page);
    await waitForState(scanPopup, 'unlocked');
    await scanPopup.click(tid('scan-open'));
    await scanPopup.waitForSelector(tid('scan-confirm'), { timeout: 20_000 });
    await scanPopup.bringToFront();
    await check(scanPopup, 'popup: scan confirm');
    await scanPopup.close();
    await page.close();

    // Scan area selection on a page without a QR code, chosen with the keyboard alone.
    const plain = await ext.newPage(server.url('/login/github-totp.html', { host: HOST, https: true }));
    const areaPopup = await ext.openPopup(plain);
    await waitForState(areaPopup, 'unlocked');
    // why: the area is chosen on a screenshot of the visible tab, so the page is in front when it is taken.
    await plain.bringToFront();
    await areaPopup.click(tid('scan-open'));
    await areaPopup.waitForSelector(tid('scan-select-area'), { timeout: 20_000 });
    // why: the popup tab is in the background here, where Firefox does not run the driver's click checks.
    await areaPopup.evaluate(
      (button) => (document.querySelector(button) as HTMLElement).click(),
      tid('scan-select-area'),
    );
    await areaPopup.waitForSelector(tid('scan-area-frame'), { timeout: 20_000 });
    await areaPopup.bringToFront();
    await check(areaPopup, 'popup: scan area');
    await areaPopup.evaluate(
      (frame) => (document.querySelector(frame) as HTMLElement).focus(),
      tid('scan-area-frame'),
    );
    await areaPopup.press('ArrowRight');
    await areaPopup.press('Shift+ArrowDown');
    await areaPopup.waitForSelector('.area-box', { state: 'attached' });
    await areaPopup.press('Enter');
    await areaPopup.waitForSelector(tid('scan-area'), { state: 'detached', timeout: 20_000 });
    await areaPopup.close();
    await plain.close();

    // Options, unlocked: backup, import, export, QR, site lists; then an import preview.
    const options = await ext.newPage(`${ext.extensionBaseUrl}/options.html`);
    await options.waitForSelector(`${tid('options-app')}[data-state="unlocked"]`, { state: 'attached' });
    await options.waitForSelector(tid('backup-section'));
    await check(options, 'options: unlocked (backup, import, export)');
    await options.fill(
      tid('import-text'),
      [
        'otpauth://totp/GitLab:carol?secret=ON2HE2LOM4QHO2LUNBXXK5BAMRQXIYJA&issuer=GitLab',
        ACCOUNTS[0],
        'otpauth://totp/Broken?secret=1',
      ].join('\n'),
    );
    await options.click(tid('import-preview'));
    await options.waitForSelector(tid('import-preview-list'));
    await check(options, 'options: import preview');

    // Locked: the popup's unlock screen and the options page's.
    await popup.bringToFront();
    await popup.click(tid('lock'));
    await waitForState(popup, 'locked');
    await popup.waitForSelector(tid('unlock-password'));
    await check(popup, 'popup: locked');
    await options.reload();
    await options.waitForSelector(`${tid('options-app')}[data-state="locked"]`, { state: 'attached' });
    await check(options, 'options: locked');

    expect(violations, violations.join('\n')).toEqual([]);
    expect(screens).toHaveLength(13);
  });
});
