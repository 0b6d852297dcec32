import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './harness/fixtures';
import type { E2ePage, ExtensionBrowser } from './harness/browsers';
import { FIXTURE_PAGES_DIR } from './harness/server';
import { seedVault, sendFromExtensionPage, tid } from './steps/popup';
import { generateCode } from '../../lib/otp/generate';
import { decodeMigrationUri } from '../../lib/otp/migration';
import type { OtpAccountData } from '../../lib/otp/types';
import { parseOtpauthUri } from '../../lib/otp/uri';
import type { AccountView } from '../../lib/messaging';

interface EnrollFixture {
  source: string;
  expected: string[] | 'none';
  codeFields: string[];
  consecutiveCodes: boolean;
  frame?: string;
}
const INDEX = JSON.parse(readFileSync(path.join(FIXTURE_PAGES_DIR, 'enroll/index.json'), 'utf8')) as {
  pages: Record<string, EnrollFixture>;
};

const HOST = 'account.aliyun.com';
const CDN = 'cdn.example.test';

function expectedAccounts(uris: string[]): OtpAccountData[] {
  return uris.flatMap((uri) => {
    if (uri.startsWith('otpauth-migration:')) {
      const decoded = decodeMigrationUri(uri);
      if (!decoded.ok) throw new Error(decoded.error.message);
      return decoded.accounts;
    }
    const parsed = parseOtpauthUri(uri);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return [parsed.account];
  });
}

/** Codes of consecutive periods around now: index k is the code k periods from the previous one. */
function codesAround(data: OtpAccountData, count = 4): string[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, k) => generateCode(data, now + (k - 1) * data.period * 1000));
}

async function listAccounts(popup: E2ePage): Promise<AccountView[]> {
  const reply = await sendFromExtensionPage<{ ok: boolean; value: { accounts: AccountView[] } }>(
    popup,
    'listAccounts',
    {},
  );
  return reply.value.accounts;
}

async function deleteAll(popup: E2ePage): Promise<void> {
  for (const account of await listAccounts(popup)) {
    await sendFromExtensionPage(popup, 'deleteAccount', { id: account.id });
  }
}

/** Opens the popup for the page's tab (and shows the page again when a screenshot must see it). */
async function scanFromPopup(ext: ExtensionBrowser, page: E2ePage, screenshot = false): Promise<E2ePage> {
  const popup = await ext.openPopup(page);
  await popup.waitForSelector(`${tid('app')}[data-state="unlocked"]`, { state: 'attached' });
  // why: only the screenshot path needs the page on screen; a hidden popup tab is throttled in Firefox.
  if (screenshot) await page.bringToFront();
  await popup.click(tid('scan-open'));
  return popup;
}

async function fieldValues(page: E2ePage, fixture: EnrollFixture): Promise<string[]> {
  // The confirmation fields are in the top document, also where the QR itself is in a frame.
  return page.evaluate(
    (selectors) =>
      selectors.map((s) => (document.querySelector(s) as HTMLInputElement | null)?.value ?? '<missing>'),
    fixture.codeFields,
  );
}

async function enrollAndCheck(ext: ExtensionBrowser, page: E2ePage, name: string, fixture: EnrollFixture) {
  const wanted = fixture.expected === 'none' ? [] : expectedAccounts(fixture.expected);
  const popup = await scanFromPopup(ext, page, fixture.source === 'screenshot');
  await popup.waitForSelector(tid('scan-confirm'), { timeout: 20_000 });
  // why: the screenshot is taken by now; a background tab is throttled (Firefox pauses its frames), so the
  // popup comes back to the front before the user "clicks" in it.
  await popup.bringToFront();
  const cards = await popup.evaluate((sel) => document.querySelectorAll(sel).length, tid('scan-account'));
  expect.soft(cards, `${name}: accounts offered`).toBe(wanted.length);
  await popup.click(tid('scan-add'));
  await popup.waitForSelector(tid('scan-done'), { timeout: 20_000 });

  const stored = await listAccounts(popup);
  expect.soft(stored.length, `${name}: accounts stored`).toBe(wanted.length);
  for (const data of wanted) {
    const view = stored.find((a) => a.issuer === data.issuer && a.account === data.account);
    expect.soft(view, `${name}: ${data.issuer}/${data.account} stored`).toBeTruthy();
    if (!view) continue;
    expect.soft({ kind: view.kind, digits: view.digits, period: view.period }, name).toEqual({
      kind: data.kind,
      digits: data.digits,
      period: data.period,
    });
    // Same secret and parameters as the QR: the stored account computes the same code.
    expect.soft(codesAround(data), `${name}: code`).toContain(view.code);
    expect.soft(view.allowedSites, `${name}: bound site`).toContain('aliyun.com');
  }

  // The page's own confirmation field(s) got the code (two consecutive codes where the form asks for two).
  const [first] = wanted;
  if (first && wanted.length === 1) {
    await page
      .waitForFunction(
        (selector) => ((document.querySelector(selector) as HTMLInputElement | null)?.value ?? '') !== '',
        fixture.codeFields[0] ?? 'input',
        { timeout: 5_000 },
      )
      .catch(() => undefined);
    const values = await fieldValues(page, fixture);
    const codes = codesAround(first);
    const candidates = fixture.consecutiveCodes
      ? [0, 1, 2].map((k) => [codes[k], codes[k + 1]])
      : [0, 1, 2].map((k) => [codes[k]]);
    expect.soft(candidates, `${name}: page fields ${JSON.stringify(values)}`).toContainEqual(values);
  }
  await deleteAll(popup);
  await popup.close();
}

test.describe('one-click enrollment from the page QR', () => {
  test.use({ hosts: [HOST, CDN], serverHttps: true });

  test('every QR rendering is scanned, confirmed, stored with its exact parameters, bound, and filled', async ({
    ext,
    server,
  }) => {
    test.setTimeout(300_000);
    await seedVault(ext, []);
    for (const [name, fixture] of Object.entries(INDEX.pages).filter(
      ([n, f]) => f.expected !== 'none' && n.includes(process.env.ENROLL_ONLY ?? ''),
    )) {
      await test.step(name, async () => {
        const page = await ext.newPage(server.url(`/enroll/${name}`, { host: HOST, https: true }));
        const error = await enrollAndCheck(ext, page, name, fixture).then(
          () => '',
          (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e)),
        );
        expect.soft(error, name).toBe('');
        await page.close();
      });
    }
  });

  test('a QR the page will not give us pixels for is read from a screenshot', async ({ ext, server }) => {
    await seedVault(ext, []);
    const image = server.url('/enroll/aliyun-bind-mfa-en.png', { host: CDN, https: true });
    const page = await ext.newPage(
      server.url(`/enroll-extra/cross-origin-qr.html?img=${encodeURIComponent(image)}`, {
        host: HOST,
        https: true,
      }),
    );
    await page.waitForFunction(() => (document.querySelector('#cdn-qr') as HTMLImageElement).complete);
    await enrollAndCheck(ext, page, 'cross-origin-qr', {
      source: 'screenshot',
      expected: INDEX.pages['aliyun-bind-mfa-en.html']!.expected,
      codeFields: ['#otp-code'],
      consecutiveCodes: false,
    });
  });

  test('a key shown only as text is offered, confirmed, stored with that secret, bound, and filled', async ({
    ext,
    server,
  }) => {
    await seedVault(ext, []);
    const page = await ext.newPage(
      server.url('/enroll-text/text-key-only.html', { host: HOST, https: true }),
    );
    await enrollAndCheck(ext, page, 'text-key-only', {
      source: 'text',
      // Issuer from the site's profile, account from the "Account:" label next to the key.
      expected: ['otpauth://totp/Aliyun:alice%40example.com?secret=JBSWY3DPEHPK3PXPGEZDGNBV&issuer=Aliyun'],
      codeFields: ['#otp-code'],
      consecutiveCodes: false,
    });
  });

  test('a QR holding a plain URL adds nothing and says why', async ({ ext, server }) => {
    await seedVault(ext, []);
    const page = await ext.newPage(server.url('/enroll/url-only.html', { host: HOST, https: true }));
    const popup = await scanFromPopup(ext, page);
    await popup.waitForSelector(tid('scan-error'), { timeout: 20_000 });
    expect(await popup.textContent(tid('scan-error'))).toMatch(/link|URL|網址|链接/i);
    expect(await listAccounts(popup)).toEqual([]);
  });
});

test.describe('duplicates and QR codes shown by frames', () => {
  const BLOG = 'blog.example.net';
  const GITHUB = 'github.com';
  const SHOP = 'shop.example.com';
  const WIDGET = 'widget.example.net';
  // The texts of the QR codes in tests/fixtures/pages/enroll-dup (written by its generate.mjs).
  const REAL = 'otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub';
  const PLANTED = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
  test.use({ hosts: [BLOG, GITHUB, SHOP, WIDGET], serverHttps: true });

  async function scanAndAdd(ext: ExtensionBrowser, page: E2ePage): Promise<E2ePage> {
    const popup = await scanFromPopup(ext, page);
    await popup.waitForSelector(tid('scan-confirm'), { timeout: 20_000 });
    await popup.bringToFront();
    await popup.click(tid('scan-add'));
    return popup;
  }

  test('a planted "GitHub:alice" does not block the real enrollment: the user is asked, keeps both, each bound to its own site', async ({
    ext,
    server,
  }) => {
    await seedVault(ext, []);
    const blog = await ext.newPage(server.url('/enroll-dup/planted.html', { host: BLOG, https: true }));
    const first = await scanAndAdd(ext, blog);
    await first.waitForSelector(tid('scan-done'), { timeout: 20_000 });
    await first.close();

    const github = await ext.newPage(
      server.url('/enroll-dup/github-setup.html', { host: GITHUB, https: true }),
    );
    const popup = await scanAndAdd(ext, github);
    // Same issuer and name, another secret: not refused as a duplicate, not replaced: asked.
    await popup.waitForSelector(tid('name-clash'), { timeout: 20_000 });
    expect(await popup.textContent(tid('name-clash-existing-sites'))).toContain('example.net');
    expect(await popup.textContent(tid('name-clash-new-sites'))).toContain('github.com');
    expect(await listAccounts(popup)).toHaveLength(1);
    await popup.click(tid('name-clash-keep-both'));
    await popup.waitForSelector(tid('scan-done'), { timeout: 20_000 });

    const accounts = await listAccounts(popup);
    expect(accounts.map((a) => [a.issuer, a.account])).toEqual([
      ['GitHub', 'alice'],
      ['GitHub', 'alice'],
    ]);
    const [planted, real] = accounts;
    expect(codesAround(expectedAccounts([PLANTED])[0]!)).toContain(planted!.code);
    expect(codesAround(expectedAccounts([REAL])[0]!)).toContain(real!.code);
    expect(real!.allowedSites).toContain('github.com');
    expect(planted!.allowedSites.some((site) => site.endsWith('example.net'))).toBe(true);
    // The page's field got the code of the account just added (the real one).
    await github
      .waitForFunction(
        () => (document.querySelector('#two-factor-code') as HTMLInputElement).value !== '',
        undefined,
        {
          timeout: 5_000,
        },
      )
      .catch(() => undefined);
    const value = await github.evaluate(
      () => (document.querySelector('#two-factor-code') as HTMLInputElement).value,
    );
    expect(codesAround(expectedAccounts([REAL])[0]!)).toContain(value);
  });

  test('a QR code inside a cross-origin frame binds the frame site, with a warning naming both hosts', async ({
    ext,
    server,
  }) => {
    await seedVault(ext, []);
    const frameUrl = server.url('/enroll-dup/qr-frame.html', { host: WIDGET, https: true });
    const page = await ext.newPage(
      server.url(`/enroll-dup/framed.html?frame=${encodeURIComponent(frameUrl)}`, {
        host: SHOP,
        https: true,
      }),
    );
    await page.waitForFunction(
      () =>
        (document.querySelector('#widget') as HTMLIFrameElement | null)?.src.includes('qr-frame') ?? false,
    );
    await page.evaluateInFrame('qr-frame.html', () => document.querySelector('#frame-qr') !== null);
    const popup = await scanFromPopup(ext, page);
    await popup.waitForSelector(tid('scan-confirm'), { timeout: 20_000 });
    await popup.bringToFront();
    const warning = (await popup.textContent(tid('scan-frame-warning'))) ?? '';
    expect(warning).toContain(WIDGET);
    expect(warning).toContain(SHOP);
    const sites = await popup.evaluate(
      (sel) => (document.querySelector(sel) as HTMLTextAreaElement).value,
      tid('scan-sites'),
    );
    expect(sites).toContain('example.net');
    expect(sites).not.toContain('example.com');
    await popup.click(tid('scan-add'));
    await popup.waitForSelector(tid('scan-done'), { timeout: 20_000 });
    const [account] = await listAccounts(popup);
    expect(account?.account).toBe('frame-user');
    expect(account?.allowedSites.some((site) => WIDGET.endsWith(site))).toBe(true);
    expect(account?.allowedSites.some((site) => SHOP.endsWith(site))).toBe(false);
  });
});
