/**
 * One detection and frame choice for the three ways a code is filled: the inline button (tests/e2e/
 * autofill.spec.ts), the popup's row Fill, and the fill keyboard command. A headless browser does not
 * deliver a key press to the browser's command handler, so the command is driven through its own
 * background path (fillShortcut, the function onCommand calls). Also: several accounts bound to one site
 * get the right account's code or a choice, and an HOTP counter is never spent without a field.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from './harness/fixtures';
import type { E2ePage, ExtensionBrowser } from './harness/browsers';
import { FIXTURE_PAGES_DIR } from './harness/server';
import { REPO_ROOT } from './harness/browsers';
import { seedVault, sendFromExtensionPage, tid } from './steps/popup';
import { clickInlineButton } from './steps/inline-button';
import { generateCode, generateHotp } from '../../lib/otp/generate';
import type { OtpAccountData } from '../../lib/otp/types';
import { parseOtpauthUri } from '../../lib/otp/uri';
import type { AccountView, ShortcutOutcome } from '../../lib/messaging';

interface LoginSpec {
  expect: 'totp' | 'two-codes' | 'sms' | 'none';
  targets?: (string | string[])[];
  frame?: string;
  appearsAfterMs?: number;
}
interface MultiSpec {
  host: string;
  issuer: string;
  accounts: string[];
  expect: string;
  target: string;
  frame?: string;
  appearsAfterMs?: number;
}
const readIndex = <T>(folder: string) =>
  (JSON.parse(readFileSync(path.join(FIXTURE_PAGES_DIR, folder, 'index.json'), 'utf8')) as { pages: T })
    .pages;
const LOGIN = Object.entries(readIndex<Record<string, LoginSpec>>('login')).filter(
  ([, s]) => s.expect === 'totp' || s.expect === 'two-codes',
);
const MULTI = Object.entries(readIndex<Record<string, MultiSpec>>('multi-account'));

const ALIYUN =
  'otpauth://totp/Aliyun:alice@1234567890123456?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Aliyun';
const STEAM = 'otpauth://totp/Steam:gaben?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Steam';
const TOKEN8 = 'otpauth://totp/RSA:bob?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=RSA&digits=8';

/** A distinct base32 secret per account (the vault refuses a second account with the same secret). */
function secretFor(label: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = Buffer.from(label.padEnd(20, '#').slice(0, 40));
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  return (bits.match(/.{5}/g) ?? []).map((chunk) => alphabet[parseInt(chunk, 2)]).join('');
}

const parse = (uri: string): OtpAccountData => {
  const parsed = parseOtpauthUri(uri);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.account;
};
const multiUri = (spec: MultiSpec, i: number) =>
  `otpauth://totp/${spec.issuer}:${spec.accounts[i]}?secret=${secretFor(`${spec.issuer}:${spec.accounts[i]}`)}&issuer=${spec.issuer}`;

function routeFor(file: string): { host: string; uri: string } {
  if (file.startsWith('steam')) return { host: 'store.steampowered.com', uri: STEAM };
  if (file.startsWith('eight-digit')) return { host: 'login.rsa.example.com', uri: TOKEN8 };
  return { host: 'signin.aliyun.com', uri: ALIYUN };
}

/** Codes an honest fill may have used around now: previous, current or (under 3 s left) next period. */
function plausibleCodes(uri: string): string[] {
  const data = parse(uri);
  const now = Date.now();
  return [-1, 0, 1].map((k) => generateCode(data, now + k * data.period * 1000));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The value of the first target field (in the frame, or through an open shadow root with ' >>> '). */
async function fieldValue(page: E2ePage, target: string | string[], frame?: string): Promise<string> {
  return page.evaluate(
    ([t, f]) => {
      let root: Document | ShadowRoot = document;
      if (f) root = (document.querySelector(f) as HTMLIFrameElement | null)?.contentDocument ?? document;
      const read = (selector: string) => {
        let scope: Document | ShadowRoot = root;
        const steps = selector.split(' >>> ');
        for (const step of steps.slice(0, -1)) scope = scope.querySelector(step)?.shadowRoot ?? scope;
        return (scope.querySelector(steps[steps.length - 1]!) as HTMLInputElement | null)?.value ?? '';
      };
      return Array.isArray(t) ? t.map(read).join('') : read(t);
    },
    [target, frame ?? ''] as const,
  );
}

async function waitForValue(page: E2ePage, target: string | string[], frame?: string): Promise<string> {
  const deadline = Date.now() + 6_000;
  for (;;) {
    const value = await fieldValue(page, target, frame).catch(() => '');
    if (value || Date.now() > deadline) return value;
    await sleep(150);
  }
}

async function accountsFor(popup: E2ePage, tabId: number): Promise<AccountView[]> {
  const list = await sendFromExtensionPage<{ value: { accounts: AccountView[] } }>(popup, 'listAccounts', {
    tabId,
  });
  return list.value.accounts;
}

/** The popup's row Fill for one account (the message the row's button sends). */
async function popupFill(ext: ExtensionBrowser, popup: E2ePage, page: E2ePage, accountId?: string) {
  const tabId = await ext.tabIdFor(page);
  const id = accountId ?? (await accountsFor(popup, tabId)).find((a) => a.matchesTab)?.id;
  return sendFromExtensionPage<{ ok: boolean; error?: { code: string } }>(popup, 'fillTab', {
    tabId,
    accountId: id,
    twoCodes: false,
  });
}

async function shortcut(
  ext: ExtensionBrowser,
  popup: E2ePage,
  page: E2ePage,
): Promise<ShortcutOutcome | string> {
  const tabId = await ext.tabIdFor(page);
  const reply = await sendFromExtensionPage<{ ok: boolean; value?: { outcome: ShortcutOutcome } }>(
    popup,
    'fillShortcut',
    { tabId },
  );
  return reply.value?.outcome ?? JSON.stringify(reply);
}

/** Opens the page and triggers a fill before a late field is rendered, so the fill has to wait for it. */
async function openForFill(page: E2ePage, url: string, appearsAfterMs = 0): Promise<void> {
  await page.goto(url);
  await page.bringToFront();
  if (appearsAfterMs > 0) await sleep(Math.max(0, appearsAfterMs - 800));
}

const HOSTS = [
  'signin.aliyun.com',
  'store.steampowered.com',
  'login.rsa.example.com',
  'login.microsoftonline.com',
  'accounts.google.com',
  'sso.example.com',
  'account.aliyun.com',
];

test.describe('popup Fill and the fill shortcut reach every field the inline button does', () => {
  test.use({ hosts: HOSTS, serverHttps: true });

  test('every positive logon fixture through popup Fill and through the shortcut', async ({
    ext,
    server,
    browserKind,
  }) => {
    test.setTimeout(900_000);
    const popup = await seedVault(ext, [
      { uri: ALIYUN, enrolledOrigin: 'https://account.aliyun.com' },
      { uri: STEAM, allowedSites: ['steampowered.com'] },
      { uri: TOKEN8, allowedSites: ['rsa.example.com'] },
    ]);
    const page = await ext.newPage();
    const passed = { popup: 0, shortcut: 0 };
    const tried = { popup: 0, shortcut: 0 };
    for (const [file, spec] of LOGIN) {
      const { host, uri } = routeFor(file);
      const url = server.url(`/login/${file}`, { host, https: true });
      const target = spec.targets?.[0] ?? 'input';
      const triggers = ['popup', 'shortcut'] as const;
      for (const trigger of triggers) {
        await test.step(`${trigger}: ${file}`, async () => {
          tried[trigger] += 1;
          await openForFill(page, url, spec.appearsAfterMs);
          const outcome =
            trigger === 'popup'
              ? await popupFill(ext, popup, page).then((r) => (r.ok ? 'filled' : JSON.stringify(r)))
              : await shortcut(ext, popup, page);
          await page.bringToFront();
          const value = await waitForValue(page, target, spec.frame);
          const ok = outcome === 'filled' && plausibleCodes(uri).includes(value);
          expect.soft(`${outcome} ${value}`, `${trigger} ${file}`).toMatch(/^filled \S+$/);
          expect.soft(plausibleCodes(uri), `${trigger} ${file}`).toContain(value);
          if (ok) passed[trigger] += 1;
        });
      }
    }
    console.log(
      `[${browserKind}] popup Fill ${passed.popup}/${tried.popup}, shortcut ${passed.shortcut}/${tried.shortcut}`,
    );
  });
});

test.describe('several accounts bound to one site', () => {
  test.use({ hosts: HOSTS, serverHttps: true });

  test('the page username picks the account (inline button, shortcut); nothing to tell them apart: ask, then the last use', async ({
    ext,
    server,
    browserKind,
  }) => {
    test.setTimeout(240_000);
    const popup = await seedVault(
      ext,
      MULTI.flatMap(([, spec]) =>
        spec.accounts.map((_, i) => ({ uri: multiUri(spec, i), allowedSites: [spec.host] })),
      ),
    );
    const page = await ext.newPage();
    for (const [file, spec] of MULTI) {
      const url = server.url(`/multi-account/${file}`, { host: spec.host, https: true });
      const codesOf = (name: string) => plausibleCodes(multiUri(spec, spec.accounts.indexOf(name)));
      const others = spec.accounts.filter((a) => a !== spec.expect).flatMap(codesOf);

      // Inline button (Firefox shows none in subframes: it cannot prove the frame is visible).
      if (!(browserKind === 'firefox' && spec.frame)) {
        await test.step(`inline: ${file}`, async () => {
          await page.goto(url);
          if (spec.appearsAfterMs) await sleep(spec.appearsAfterMs);
          await clickInlineButton(page, spec.frame);
          if (spec.expect === 'choose') {
            await sleep(1_500);
            expect.soft(await fieldValue(page, spec.target, spec.frame), `inline ${file}: asks`).toBe('');
            return;
          }
          const value = await waitForValue(page, spec.target, spec.frame);
          expect.soft(codesOf(spec.expect), `inline ${file}: ${spec.expect}'s code`).toContain(value);
          expect.soft(others, `inline ${file}: not another account's`).not.toContain(value);
        });
      }

      await test.step(`shortcut: ${file}`, async () => {
        // why: the username is read from the page, so the step that shows it must be on screen.
        await page.goto(url);
        await page.bringToFront();
        if (spec.appearsAfterMs) await sleep(spec.appearsAfterMs + 500);
        const outcome = await shortcut(ext, popup, page);
        await page.bringToFront();
        if (spec.expect === 'choose') {
          expect.soft(outcome, `shortcut ${file}`).toBe('choose');
          await sleep(500);
          expect.soft(await fieldValue(page, spec.target, spec.frame), `shortcut ${file}: nothing`).toBe('');
          return;
        }
        expect.soft(outcome, `shortcut ${file}`).toBe('filled');
        const value = await waitForValue(page, spec.target, spec.frame);
        expect.soft(codesOf(spec.expect), `shortcut ${file}: ${spec.expect}'s code`).toContain(value);
        expect.soft(others, `shortcut ${file}: not another account's`).not.toContain(value);
      });

      if (spec.expect !== 'choose') {
        await test.step(`popup row Fill, before the field's step is rendered: ${file}`, async () => {
          await openForFill(page, url, spec.appearsAfterMs);
          const tabId = await ext.tabIdFor(page);
          const id = (await accountsFor(popup, tabId)).find((a) => a.account === spec.expect)?.id;
          const reply = await popupFill(ext, popup, page, id);
          await page.bringToFront();
          expect.soft(reply.ok, `row Fill ${file}: ${JSON.stringify(reply)}`).toBe(true);
          const value = await waitForValue(page, spec.target, spec.frame);
          expect.soft(codesOf(spec.expect), `row Fill ${file}: ${spec.expect}'s code`).toContain(value);
        });
      }

      if (spec.expect === 'choose') {
        await test.step(`last use: ${file}`, async () => {
          // The user fills the second account from the popup's row; the shortcut then uses that one.
          const chosen = spec.accounts[1]!;
          await openForFill(page, url);
          const tabId = await ext.tabIdFor(page);
          const id = (await accountsFor(popup, tabId)).find((a) => a.account === chosen)?.id;
          expect.soft((await popupFill(ext, popup, page, id)).ok, `row Fill ${file}`).toBe(true);
          await openForFill(page, url);
          expect.soft(await shortcut(ext, popup, page), `shortcut after a use ${file}`).toBe('filled');
          await page.bringToFront();
          const value = await waitForValue(page, spec.target, spec.frame);
          expect.soft(codesOf(chosen), `shortcut ${file}: last used ${chosen}`).toContain(value);
        });
      }
    }
  });
});

test.describe('HOTP: a counter is spent only on a code that reaches a field', () => {
  test.use({ hosts: ['account.aliyun.com'], serverHttps: true });

  test('adding an HOTP account from a page with no code field leaves the counter at the QR value', async ({
    ext,
    server,
  }) => {
    const COUNTER = 5;
    const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const uri = `otpauth://hotp/Bank:hotp-user?secret=${SECRET}&issuer=Bank&counter=${COUNTER}`;
    const { qrPngDataUrl } = (await import(pathToFileURL(path.join(REPO_ROOT, 'demo/qr-png.mjs')).href)) as {
      qrPngDataUrl(text: string, options: { side: number }): string;
    };
    await seedVault(ext, []);
    const page = await ext.newPage(
      server.url('/hotp/qr-no-field.html', { host: 'account.aliyun.com', https: true }),
    );
    await page.evaluate(
      (src) => {
        (document.getElementById('qr') as HTMLImageElement).src = src;
      },
      qrPngDataUrl(uri, { side: 240 }),
    );
    await page.waitForFunction(() => (document.getElementById('qr') as HTMLImageElement).complete);

    const popup = await ext.openPopup(page);
    await popup.waitForSelector(`${tid('app')}[data-state="unlocked"]`, { state: 'attached' });
    await popup.click(tid('scan-open'));
    await popup.waitForSelector(tid('scan-confirm'), { timeout: 20_000 });
    await popup.bringToFront();
    await popup.click(tid('scan-add'));
    await popup.waitForSelector(tid('scan-done'), { timeout: 20_000 });

    const list = await sendFromExtensionPage<{ value: { accounts: AccountView[] } }>(
      popup,
      'listAccounts',
      {},
    );
    const hotp = list.value.accounts.find((a) => a.kind === 'hotp');
    expect(hotp, JSON.stringify(list)).toBeTruthy();
    // The next code the popup shows is HOTP(QR counter): the add-and-fill found no field and spent nothing.
    const next = await sendFromExtensionPage<{ ok: boolean; value: { code: string } }>(
      popup,
      'nextHotpCode',
      {
        id: hotp!.id,
      },
    );
    expect(next.value.code).toBe(generateHotp(SECRET, COUNTER, 'SHA1', 6));
    expect(next.value.code).not.toBe(generateHotp(SECRET, COUNTER + 1, 'SHA1', 6));
  });
});
