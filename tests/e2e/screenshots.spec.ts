// Screenshots for the README, taken from the built extension in Chromium: the main popup screens at the
// popup's real size (360×600) and the options page, in the light and dark colour schemes, in English and
// Simplified Chinese, written to docs/screenshots/<screen>.<locale>.<scheme>.png (overwritten on every run;
// a picture that differs from the committed one is not a failure). What is checked: each screen is in the
// requested language, nothing on it overflows, and each picture holds a rendered page, not a blank one.
// The clock is frozen and the codes replaced by fixed digits, so the pictures stay the same from run to run.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './harness/fixtures';
import { REPO_ROOT, type E2ePage } from './harness/browsers';
import { tid } from './steps/popup';
import {
  FIREFOX_SKIP_REASON,
  asPlaywright,
  launchInLocale,
  layoutProblems,
  pageText,
  shownText,
  walkMainScreens,
  type Locale,
  type ScreenName,
} from './steps/locale-screens';

const SCREENSHOT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
const SCREENS: readonly ScreenName[] = [
  'popup-locked',
  'popup-unlocked',
  'popup-add-confirm',
  'popup-settings',
  'options-backup',
  'options-import-preview',
];
const COLOR_SCHEMES = ['light', 'dark'] as const;
// A blank or near-blank PNG of these sizes compresses to well under this.
const MIN_SCREENSHOT_BYTES = 5_000;
// Shown instead of the live codes, one per account row.
const DEMO_CODES = ['482 913', '070 556', '931 204', '615 378'];
const FROZEN_SECONDS_LEFT = 21;

/** Stops the popup's clock at FROZEN_SECONDS_LEFT before a 30-second boundary and shows DEMO_CODES. */
async function freezeCodes(page: E2ePage): Promise<void> {
  await page.evaluate((secondsLeft) => {
    const end = Math.ceil(Date.now() / 30_000) * 30_000;
    // why: the popup's ticker reads Date.now(); a fixed time stops the countdowns and any code change.
    Date.now = () => end - secondsLeft * 1000;
  }, FROZEN_SECONDS_LEFT);
  await page.waitForFunction(
    ([countdown, seconds]) =>
      [...document.querySelectorAll(countdown)].every(
        (ring) => ring.getAttribute('data-seconds') === seconds,
      ),
    [tid('countdown'), String(FROZEN_SECONDS_LEFT)] as const,
  );
  await page.evaluate(
    ([code, demo]) =>
      document.querySelectorAll(code).forEach((element, index) => {
        element.textContent = demo[index % demo.length]!;
      }),
    [tid('account-code'), DEMO_CODES] as const,
  );
}

/** `<screen>.<locale>.light.png` and `.dark.png`; returns their paths. */
async function shootBothSchemes(page: E2ePage, screen: ScreenName, locale: Locale): Promise<string[]> {
  const raw = asPlaywright(page);
  const files: string[] = [];
  for (const colorScheme of COLOR_SCHEMES) {
    await raw.emulateMedia({ colorScheme });
    const file = path.join(SCREENSHOT_DIR, `${screen}.${locale}.${colorScheme}.png`);
    await raw.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
    files.push(file);
  }
  await raw.emulateMedia({ colorScheme: null });
  return files;
}

test.describe('docs screenshots', () => {
  for (const locale of ['en', 'zh_CN'] as const) {
    test(`${locale}: the main screens are photographed in light and dark`, async ({ browserKind }) => {
      test.skip(
        browserKind !== 'chromium',
        `the README has one set, taken in Chromium; ${FIREFOX_SKIP_REASON}`,
      );
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const files: string[] = [];
      const ext = await launchInLocale('chromium', locale);
      try {
        await walkMainScreens(
          ext,
          async ({ name, page, key }) => {
            expect(await pageText(page), `${name} in ${locale}`).toContain(shownText(locale, key));
            expect(await layoutProblems(page), name).toEqual([]);
            if (name === 'popup-unlocked') await freezeCodes(page);
            if (name === 'options-import-preview') {
              await page.evaluate(
                (list) => document.querySelector(list)?.scrollIntoView({ block: 'center' }),
                tid('import-preview-list'),
              );
            }
            files.push(...(await shootBothSchemes(page, name, locale)));
          },
          SCREENS,
        );
      } finally {
        await ext.close();
      }

      expect(files).toHaveLength(SCREENS.length * COLOR_SCHEMES.length);
      for (const file of files) {
        expect(statSync(file).size, path.basename(file)).toBeGreaterThan(MIN_SCREENSHOT_BYTES);
      }
      for (const light of files.filter((file) => file.endsWith('.light.png'))) {
        const dark = light.replace(/\.light\.png$/, '.dark.png');
        const same = readFileSync(light).equals(readFileSync(dark));
        expect(same, `${path.basename(dark)} differs from ${path.basename(light)}`).toBe(false);
      }
    });
  }
});
