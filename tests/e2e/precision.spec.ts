// The precision corpus in a real browser (issue 22): card, checkout and captcha forms on a site an account is
// bound to get no inline button, and the popup's Fill refuses them; a page with an SMS field and an
// authenticator field gets the button on the authenticator field; a field too short for the account's code is
// refused with its own message, never given a truncated code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '../adversarial/fixtures';
import type { E2ePage, ExtensionBrowser } from './harness/browsers';
import { FIXTURE_PAGES_DIR } from './harness/server';
import { seedVault, sendFromExtensionPage } from './steps/popup';
import { clickInlineButton, countInlineButtons, inlineButtonBox } from './steps/inline-button';

const INDEX = JSON.parse(readFileSync(path.join(FIXTURE_PAGES_DIR, 'precision/index.json'), 'utf8')) as {
  pages: Record<string, { expect: string }>;
};

// A representative set: a card form per language and rule (card fields, cc-* autocomplete, no <form>), and
// captchas (image, canvas, refresh link, maxlength 5).
const NEGATIVES = [
  'en-checkout-security-code.html',
  'en-stripe-like-cc-autocomplete.html',
  'en-hotel-booking-card.html',
  'zh-cn-checkout-anquanma.html',
  'ja-checkout-security-code.html',
  'de-checkout-sicherheitscode.html',
  'zh-tw-contact-captcha.html',
  'zh-cn-register-captcha-canvas.html',
  'es-contacto-captcha.html',
];

const SHOP = 'shop.example.com';
const RSA = 'login.rsa.example.com';
const SHOP_URI = 'otpauth://totp/Shop:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Shop';
const TOKEN8 = 'otpauth://totp/RSA:bob?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=RSA&digits=8';

async function popupFill(ext: ExtensionBrowser, popup: E2ePage, page: E2ePage) {
  const tabId = await ext.tabIdFor(page);
  const list = await sendFromExtensionPage<{ value: { accounts: { id: string; matchesTab: boolean }[] } }>(
    popup,
    'listAccounts',
    { tabId },
  );
  const accountId = list.value.accounts.find((a) => a.matchesTab)?.id;
  expect(accountId, 'an account is bound to the page').toBeTruthy();
  const reply = await sendFromExtensionPage<{ ok: boolean; error?: { code: string } }>(popup, 'fillTab', {
    tabId,
    accountId,
    twoCodes: false,
  });
  await page.bringToFront();
  return reply;
}

const digitValues = (page: E2ePage) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('input'))
      .map((i) => i.value)
      .filter((v) => /\d{3}/.test(v)),
  );

test.describe('precision: no offer where the code does not belong', () => {
  test.use({ hosts: [SHOP, RSA], serverHttps: true });

  test('card and captcha forms: no button, popup Fill refused; SMS + authenticator: the authenticator field', async ({
    ext,
    server,
  }) => {
    test.setTimeout(120_000);
    for (const file of NEGATIVES) expect(INDEX.pages[file]?.expect, file).toBe('none');
    const popup = await seedVault(ext, [
      { uri: SHOP_URI, allowedSites: [SHOP] },
      { uri: TOKEN8, allowedSites: [RSA] },
    ]);
    const page = await ext.newPage();

    for (const file of NEGATIVES) {
      await test.step(file, async () => {
        await page.goto(server.url(`/precision/${file}`, { host: SHOP, https: true }));
        await new Promise((r) => setTimeout(r, 1_000));
        expect.soft(await countInlineButtons(page), file).toBe(0);
        const reply = await popupFill(ext, popup, page);
        expect.soft(reply, file).toMatchObject({ ok: false, error: { code: 'no-field' } });
        expect.soft(await digitValues(page), file).toEqual([]);
      });
    }

    await test.step('sms-and-authenticator.html', async () => {
      await page.goto(server.url('/precision/sms-and-authenticator.html', { host: SHOP, https: true }));
      await clickInlineButton(page);
      await page.waitForFunction(
        () => /^accepted:\d{6}$/.test(document.querySelector('#result')?.getAttribute('data-result') ?? ''),
        { timeout: 10_000 },
      );
      const values = await page.evaluate(() => ({
        sms: (document.querySelector('#sms_code') as HTMLInputElement).value,
        app: (document.querySelector('#app_code') as HTMLInputElement).value,
      }));
      expect(values.sms).toBe('');
      expect(values.app).toMatch(/^\d{6}$/);
      // The button sits by the authenticator field, not the SMS one.
      const box = await inlineButtonBox(page);
      const appTop = await page.evaluate(
        () => document.querySelector('#app_code')!.getBoundingClientRect().top,
      );
      expect(Math.abs((box?.y ?? -1000) - appTop)).toBeLessThan(40);
    });

    await test.step('an 8-digit account on a 6-character field is refused, nothing written', async () => {
      await page.goto(server.url('/precision/mfa-step-security-code.html', { host: RSA, https: true }));
      await new Promise((r) => setTimeout(r, 500));
      const reply = await popupFill(ext, popup, page);
      expect(reply).toMatchObject({ ok: false, error: { code: 'field-too-short' } });
      expect(await digitValues(page)).toEqual([]);
    });
  });
});
