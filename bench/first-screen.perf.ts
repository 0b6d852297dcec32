// Issues 17 and 21: popup open → first screen of live codes, with the background asleep (service worker
// stopped over CDP, confirmed before each open) and awake, at 10 / 100 / 1,000 / 5,000 accounts. The
// vault is seeded in one `commitImport` per step (one transaction), not account by account.
import { test, type Page } from '@playwright/test';
import { launchBrowser, type ExtensionBrowser } from '../tests/e2e/harness/browsers';
import { benchAccounts, PASSWORD, sendOk } from './support/extension-page';
import { installPopupProbe, type PopupProbe } from './support/popup-probe';
import { writeSection, type TimingRow } from './support/results';

const QUICK = process.env.BENCH_QUICK === '1';
const COUNTS = QUICK ? [10, 100] : [10, 100, 1000, 5000];
const RUNS = QUICK ? 3 : 7;
const BUDGET_MS = 50;
/** Rows of a 360×600 popup (a row is ~56 px under a ~110 px header and search box): the first screen. */
const FIRST_SCREEN_ROWS = 10;
const POPUP_VIEWPORT = { width: 360, height: 600 };

interface Open {
  firstScreen: number;
  /** The page's own floor: the entry module evaluated (DOMContentLoaded) and the first paint, in ms. */
  entryRun: number;
  firstPaint: number;
  messages: number;
  workerStarted: boolean;
}

async function workerTargets(ext: ExtensionBrowser, page: Page): Promise<number> {
  const browser = page.context().browser();
  if (!browser) throw new Error('no CDP browser handle');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    return targetInfos.filter(
      (t) => t.type === 'service_worker' && t.url.startsWith(`${ext.extensionBaseUrl}/`),
    ).length;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Opens popup.html as a 360×600 tab with the probe and returns when the first screen's codes are laid out. */
async function openPopup(
  ext: ExtensionBrowser,
  expected: number,
): Promise<{ page: Page; probe: PopupProbe; floor: { entryRun: number; firstPaint: number } }> {
  const page = (await ext.newPage()).raw as Page;
  await page.setViewportSize(POPUP_VIEWPORT);
  await page.addInitScript(installPopupProbe, expected);
  await page.goto(`${ext.extensionBaseUrl}/popup.html`);
  await page.waitForFunction(
    () => (window as unknown as { __benchProbe?: PopupProbe }).__benchProbe?.allCodesLaidOutAt != null,
    undefined,
    { timeout: 60_000 },
  );
  const probe = await page.evaluate(() => {
    const { shiftClock: _shift, ...data } = (window as unknown as { __benchProbe: PopupProbe }).__benchProbe;
    return JSON.parse(JSON.stringify(data)) as PopupProbe;
  });
  // why: what no code of ours can go under — parsing popup.html and evaluating its module scripts
  // (DOMContentLoaded waits for them), and the first paint (the static loading screen, or the list).
  const floor = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const paint = performance.getEntriesByName('first-paint')[0];
    return {
      entryRun: nav?.domContentLoadedEventStart ?? Number.NaN,
      firstPaint: paint?.startTime ?? Number.NaN,
    };
  });
  return { page, probe, floor };
}

test('popup first screen, background asleep and awake', async () => {
  const ext = await launchBrowser('chromium');
  const rows: TimingRow[] = [];
  const facts: Record<string, string | number> = {};
  try {
    const helper = await ext.openPopup();
    await helper.waitForSelector('[data-testid="app"]', { state: 'attached' });
    await sendOk(helper, 'createVault', { password: PASSWORD });
    let seeded = 0;
    for (const count of COUNTS) {
      const started = Date.now();
      const accounts = benchAccounts(seeded, count - seeded).map((data) => ({ data }));
      await sendOk(helper, 'commitImport', { format: 'otpauth-text', accounts, invalid: [] });
      facts[`seed to ${count} (commitImport), ms`] = Date.now() - started;
      seeded = count;
      const expected = Math.min(count, FIRST_SCREEN_ROWS);

      for (const asleep of [true, false]) {
        const samples: number[] = [];
        const entryRuns: number[] = [];
        const firstPaints: number[] = [];
        let woken = 0;
        let messages = 0;
        for (let run = -1; run < RUNS; run++) {
          if (asleep) {
            // stopServiceWorker() returns once no worker target of the extension is left.
            if (!(await ext.stopServiceWorker())) throw new Error('service worker could not be stopped');
            if ((await workerTargets(ext, helper.raw as Page)) !== 0) throw new Error('worker still running');
          } else {
            await sendOk(helper, 'getVaultState', {}); // wakes the worker (if the open would not)
          }
          const { page, probe, floor } = await openPopup(ext, expected);
          const open: Open = {
            firstScreen: probe.allCodesLaidOutAt ?? Number.NaN,
            ...floor,
            messages: probe.messages.length,
            workerStarted: asleep && (await workerTargets(ext, page)) > 0,
          };
          await page.close();
          if (run < 0) continue; // one discarded warm-up (disk cache of the popup's files)
          samples.push(open.firstScreen);
          entryRuns.push(open.entryRun);
          firstPaints.push(open.firstPaint);
          messages += open.messages;
          if (open.workerStarted) woken += 1;
        }
        rows.push({
          label: `${count.toLocaleString('en')} accounts, background ${asleep ? 'asleep' : 'awake'}`,
          samples,
          budgetMs: BUDGET_MS,
          note: `${messages} messages sent in ${RUNS} opens${asleep ? `; worker started by ${woken} of ${RUNS} opens` : ''}`,
        });
        if (count === COUNTS[0]) {
          const state = asleep ? 'asleep' : 'awake';
          rows.push(
            { label: `reference, ${state}: popup entry module run (DOMContentLoaded)`, samples: entryRuns },
            { label: `reference, ${state}: first paint`, samples: firstPaints },
          );
        }
      }
    }
  } finally {
    await ext.close();
  }
  writeSection({
    id: '7-first-screen',
    title: '7. Popup open → first screen of live codes (Chromium; background asleep / awake)',
    timings: rows,
    facts,
    notes: [
      `From navigation start of popup.html (page clock) until the first ${FIRST_SCREEN_ROWS} rows (what a 360×600 ` +
        'popup shows) carry a code, then style + layout forced. 1 discarded warm-up per case.',
      'Asleep: the extension service worker closed over CDP (Target.closeTarget until no worker target is ' +
        'left, checked with Target.getTargets) before each open; after the open the targets are counted again.',
      'Awake: a getVaultState from another extension page right before the open.',
      `Reference rows (no budget, the ${COUNTS[0]}-account opens): the page's floor on the same clock — ` +
        'DOMContentLoaded (popup.html parsed and its module scripts evaluated) and the first paint.',
    ],
  });
});
