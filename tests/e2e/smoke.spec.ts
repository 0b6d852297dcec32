import { expect, test } from './harness/fixtures';
import { seedVault } from './steps/popup';

// The button is offered only where an unlocked account is bound, so the content tests bind one to this server.
const LOCAL_URI = 'otpauth://totp/Local:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Local';

const FILL_BUTTON = 'mfa-autofill-button';

test.describe('smoke: the built extension in a real browser', () => {
  test('its popup page renders the app with a title and a language', async ({ ext }) => {
    const popup = await ext.openPopup();

    await popup.waitForSelector('[data-testid="app"]');
    expect(await popup.title()).toMatch(/Authenticator/);
    const lang = await popup.evaluate(() => document.documentElement.lang);
    expect(lang).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
  });

  test('its content script puts the fill button beside a one-time-code field', async ({ ext, server }) => {
    await seedVault(ext, [{ uri: LOCAL_URI, enrolledOrigin: new URL(server.url('/')).origin }]);
    const page = await ext.newPage(server.url('/smoke/otp.html'));

    await page.waitForSelector(FILL_BUTTON, { state: 'attached' });
    expect(await page.evaluate((tag) => document.querySelectorAll(tag).length, FILL_BUTTON)).toBe(1);
  });

  test('its content script leaves a page with only a search field alone', async ({ ext, server }) => {
    await seedVault(ext, [{ uri: LOCAL_URI, enrolledOrigin: new URL(server.url('/')).origin }]);
    const searchPage = await ext.newPage(server.url('/smoke/search.html'));
    await searchPage.waitForSelector('#q');
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    expect(await searchPage.evaluate((tag) => document.querySelectorAll(tag).length, FILL_BUTTON)).toBe(0);

    // Control: in the same browser the script does add the button to a real OTP field, so the absence above
    // is a decision and not a script that never ran.
    const otpPage = await ext.newPage(server.url('/smoke/otp.html'));
    await otpPage.waitForSelector(FILL_BUTTON, { state: 'attached' });
  });
});
