// Hostile input through the real popup: a link whose names carry bidi overrides and control characters is
// shown as clean, isolated text; a 100 kB link is refused with the parser's clear message.
import { expect, test } from './fixtures';
import { createVaultInPopup, tid } from '../e2e/steps/popup';
import { submitUriInPopup } from './steps';

const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

test('names with RLO and control characters are rendered cleaned, as isolated text; a 100 kB link is refused', async ({
  ext,
}) => {
  const popup = await ext.openPopup();
  await createVaultInPopup(popup);

  // "Aliyun" with a right-to-left override that would make the row read "nuyilA"-style, plus a BEL and a
  // zero-width space; the account name tries to smuggle markup.
  const issuer = 'Ali\u202eyun\u0007\u200b';
  const account = '<img src=x onerror=alert(1)>\u202egro.live@bob';
  const uri = `otpauth://totp/${encodeURIComponent(`${issuer}:${account}`)}?secret=JBSWY3DPEHPK3PXP&issuer=${encodeURIComponent(issuer)}`;
  await submitUriInPopup(popup, uri);
  await popup.waitForSelector(tid('account-row'), { state: 'attached' });
  const row = await popup.evaluate((selector) => {
    const element = document.querySelector(selector)!;
    return {
      text: element.textContent ?? '',
      issuer: element.getAttribute('data-issuer') ?? '',
      account: element.getAttribute('data-account') ?? '',
      images: element.querySelectorAll('img').length,
      isolated: Array.from(element.querySelectorAll('.issuer, .account')).every(
        (label) => label.getAttribute('dir') === 'auto',
      ),
    };
  }, tid('account-row'));
  expect(row.issuer).toBe('Aliyun');
  expect(row.account).toBe('<img src=x onerror=alert(1)>gro.live@bob');
  expect(row.text).not.toMatch(UNSAFE);
  expect(row.text).toContain('<img src=x onerror=alert(1)>');
  expect(row.images).toBe(0);
  expect(row.isolated).toBe(true);

  const huge = `otpauth://totp/Aliyun:alice?secret=JBSWY3DPEHPK3PXP&issuer=${'A'.repeat(100 * 1024)}`;
  await popup.click(tid('add-open'));
  await popup.fill(tid('add-uri'), huge);
  await popup.click(tid('add-uri-submit'));
  expect(await popup.textContent(tid('add-error'))).toBe('The link is longer than 4096 characters.');
});
