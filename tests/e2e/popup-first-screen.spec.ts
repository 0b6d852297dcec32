// Issues 17 and 21: the popup's first screen is drawn by a small classic script before the app's modules
// have loaded (lib/ui/first-screen.ts), and the app then takes that screen over. In a real browser: the
// script did draw (its handoff on the window says so and was claimed by the app), the codes are right,
// there is one row per account (the app adopted the rows, it did not add its own beside them), and the
// adopted rows work (their menu opens). Locked, the script draws nothing and the unlock form shows.
import { expect, test } from './harness/fixtures';
import type { E2ePage } from './harness/browsers';
import { expectedCodes, sendFromExtensionPage, seedVault, tid, waitForState } from './steps/popup';

const URIS = [
  'otpauth://totp/First:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=First',
  'otpauth://totp/Second:bob?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Second&digits=8',
  'otpauth://totp/Third:carol?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Third',
];

interface Handoff {
  present: boolean;
  drawn: boolean;
  claimed: boolean;
}

function handoffOf(popup: E2ePage): Promise<Handoff> {
  return popup.evaluate(() => {
    const handoff = (window as unknown as Record<string, { shown: unknown; claimed: boolean } | undefined>)
      .__mfaFirstScreen;
    return { present: Boolean(handoff), drawn: Boolean(handoff?.shown), claimed: handoff?.claimed === true };
  });
}

/** The page's loading placeholder (after #app): shown only while #app is empty. */
function placeholderState(popup: E2ePage): Promise<'missing' | 'shown' | 'hidden'> {
  return popup.evaluate(() => {
    const placeholder = document.querySelector('#app + .boot-placeholder');
    if (!placeholder) return 'missing';
    return getComputedStyle(placeholder).display === 'none' ? 'hidden' : 'shown';
  });
}

test.describe('popup first screen (drawn before the app, then adopted)', () => {
  test('unlocked: drawn by the first-screen script with the right codes, one row each, and the rows work', async ({
    ext,
  }) => {
    const seeded = await seedVault(
      ext,
      URIS.map((uri) => ({ uri })),
    );
    await seeded.close();

    const popup = await ext.openPopup();
    await waitForState(popup, 'unlocked');
    await popup.waitForSelector(`${tid('account-code')}[data-code]`, { state: 'attached' });
    // why: the app claims the handoff once it has rendered over the drawn screen.
    await popup.waitForFunction(
      () =>
        (window as unknown as { __mfaFirstScreen?: { claimed: boolean } }).__mfaFirstScreen?.claimed === true,
    );
    expect(await handoffOf(popup)).toEqual({ present: true, drawn: true, claimed: true });

    const rows = await popup.evaluate(() =>
      [...document.querySelectorAll('[data-testid="account-row"]')].map((row) => ({
        issuer: row.getAttribute('data-issuer'),
        code: row.querySelector('[data-testid="account-code"]')?.getAttribute('data-code') ?? null,
      })),
    );
    expect(rows.map((row) => row.issuer)).toEqual(['First', 'Second', 'Third']);
    expect(await placeholderState(popup)).toBe('hidden');
    rows.forEach((row, i) => expect(expectedCodes(URIS[i]!)).toContain(row.code));

    // The adopted rows are the app's: the menu button of the first row opens its menu.
    await popup.click(`${tid('account-row')}:first-of-type ${tid('row-menu')}`);
    await popup.waitForSelector(tid('row-pin'));
    expect(await popup.evaluate(() => document.querySelectorAll('[data-testid="account-row"]').length)).toBe(
      3,
    );
    await popup.close();
  });

  test('locked: nothing drawn, the unlock form', async ({ ext }) => {
    const seeded = await seedVault(ext, [{ uri: URIS[0]! }]);
    await sendFromExtensionPage(seeded, 'lockVault', {});
    await seeded.close();

    const popup = await ext.openPopup();
    await waitForState(popup, 'locked');
    await popup.waitForSelector(tid('unlock-password'));
    const handoff = await handoffOf(popup);
    expect(handoff.present).toBe(true);
    expect(handoff.drawn).toBe(false);
    expect(await placeholderState(popup)).toBe('hidden');
    expect(await popup.evaluate(() => document.querySelectorAll('[data-testid="account-row"]').length)).toBe(
      0,
    );
    await popup.close();
  });
});
