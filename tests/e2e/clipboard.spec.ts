import { expect, test } from '../adversarial/fixtures';
import type { E2ePage } from './harness/browsers';
import { expectedCodes, seedVault, tid } from './steps/popup';

const URI = 'otpauth://totp/Local:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Local';

/** What a user would paste: a trusted Ctrl+V into an empty field of an ordinary page. */
async function paste(page: E2ePage): Promise<string> {
  await page.bringToFront();
  await page.evaluate(() => {
    const field = document.querySelector<HTMLInputElement>('#q')!;
    field.value = '';
    field.focus();
  });
  await page.press('Control+V');
  return page.evaluate(() => document.querySelector<HTMLInputElement>('#q')!.value);
}

test.describe('clear clipboard', () => {
  test('a copied code is gone from the clipboard 30 s later, with the popup closed', async ({
    ext,
    server,
  }) => {
    test.setTimeout(90_000);
    const popup = await seedVault(ext, [{ uri: URI }]);
    await popup.close();
    const page = await ext.newPage(server.url('/smoke/search.html'));
    const opened = await ext.openPopup();
    await opened.waitForSelector(`${tid('account-code')}[data-code]`, { state: 'attached' });
    await opened.bringToFront();
    await opened.click(`${tid('account-row')} .row-main`);
    await opened.waitForSelector('.toast', { state: 'attached' });
    const copiedAt = Date.now();
    await opened.close();

    expect(expectedCodes(URI, Date.now() + 5_000)).toContain(await paste(page));
    // The alarm is set 30 s after the copy; alarms may run a little late.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, copiedAt + 31_000 - Date.now())));
    await expect.poll(() => paste(page), { timeout: 15_000, intervals: [1_000] }).toBe('');
  });
});
