// The import preview's skipped entries in the browser's language: the walk's import text has a bad line
// (line 3, a secret that is not base32), read in the options page and worded there through the locale's
// messages. Chromium in Chinese (zh-CN); Firefox in English, its only language here (FIREFOX_SKIP_REASON),
// which still checks its i18n fills the place and reason placeholders.
import { expect, test } from './harness/fixtures';
import { launchInLocale, walkMainScreens } from './steps/locale-screens';

const EXPECTED = {
  zh_CN: '第 3 行 — 密钥不是有效的 base32（只允许字母 A–Z 和数字 2–7）。',
  en: 'line 3 — The secret key is not valid base32 (only letters A–Z and digits 2–7 are allowed).',
} as const;

test('import preview: a skipped line is worded in the browser language, by its code', async ({
  browserKind,
}) => {
  const locale = browserKind === 'chromium' ? 'zh_CN' : 'en';
  const ext = await launchInLocale(browserKind, locale);
  try {
    const rows: { text: string; reason: string }[][] = [];
    await walkMainScreens(
      ext,
      async ({ page }) => {
        rows.push(
          await page.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>('[data-testid="import-invalid-row"]')].map((row) => ({
              text: (row.textContent ?? '').replace(/\s+/g, ' ').trim(),
              reason: row.dataset.reason ?? '',
            })),
          ),
        );
      },
      ['options-import-preview'],
    );
    expect(rows).toEqual([[{ text: EXPECTED[locale], reason: 'secret-not-base32' }]]);
  } finally {
    await ext.close();
  }
});
