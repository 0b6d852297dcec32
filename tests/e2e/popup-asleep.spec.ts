// Issue 21: the popup never waits for a sleeping background. With the background asleep (Chromium: the
// service worker stopped over CDP; Firefox: the event page suspended by its idle timeout), opening the popup
// shows the right codes and starts nothing. The background is watched from outside the extension
// (harness watchBackground(): CDP targets in Chromium, about:debugging's status in Firefox); as a control
// that the watch does see a start, locking from the popup must wake it.
import { expect, test } from './harness/fixtures';
import type { BackgroundWatch, E2ePage, ExtensionBrowser } from './harness/browsers';
import { backgroundAsleep } from './steps/background';
import { expectedCodes, seedVault, tid, waitForState } from './steps/popup';

const URIS = [
  'otpauth://totp/Asleep:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Asleep',
  'otpauth://totp/Other:bob?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Other&digits=8',
];

// why: Firefox suspends an idle event page after 30 s by default; 1.5 s keeps the test short. A message
// the popup might send is still seen: it starts the page, which then stays up for at least this long.
test.use({ backgroundIdleTimeoutMs: 1_500 });

async function shownCodes(popup: E2ePage): Promise<(string | null)[]> {
  await popup.waitForSelector(`${tid('account-code')}[data-code]`, { state: 'attached' });
  return popup.evaluate(() =>
    [...document.querySelectorAll('[data-testid="account-code"]')].map((e) => e.getAttribute('data-code')),
  );
}

/** Nothing started during `ms` (a window for anything the open may send late: intents, settings, backup). */
async function staysAsleep(watch: BackgroundWatch, startsBefore: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    expect(await watch.running()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await watch.starts()).toBe(startsBefore);
  expect(await watch.running()).toBe(false);
}

async function asleepWatch(ext: ExtensionBrowser): Promise<BackgroundWatch> {
  const watch = await ext.watchBackground();
  await backgroundAsleep(ext, watch);
  return watch;
}

test.describe('popup opened while the background sleeps (issue 21)', () => {
  test('shows the right codes and wakes nothing; lock from the popup wakes it and the list is gone after', async ({
    ext,
  }) => {
    const seeded = await seedVault(
      ext,
      URIS.map((uri) => ({ uri })),
    );
    await seeded.close();
    const watch = await asleepWatch(ext);
    try {
      const starts = await watch.starts();
      let popup = await ext.openPopup();
      await waitForState(popup, 'unlocked');
      const codes = await shownCodes(popup);
      expect(codes).toHaveLength(2);
      expect(expectedCodes(URIS[0]!)).toContain(codes[0]);
      expect(expectedCodes(URIS[1]!)).toContain(codes[1]);
      await staysAsleep(watch, starts, 2_500);

      // Control: locking needs the background; the watch must see it start.
      await popup.click(tid('lock'));
      await waitForState(popup, 'locked');
      await expect.poll(() => watch.starts(), { timeout: 15_000 }).toBeGreaterThan(starts);
      await popup.close();

      // Asleep again, the next open shows the unlock screen and no account.
      await backgroundAsleep(ext, watch);
      popup = await ext.openPopup();
      await waitForState(popup, 'locked');
      expect(
        await popup.evaluate(() => document.querySelectorAll('[data-testid="account-row"]').length),
      ).toBe(0);
    } finally {
      await watch.dispose();
    }
  });
});
