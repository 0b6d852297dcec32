// The import preview's skipped entries in the browser's language: the walk's import text has a bad line
// (line 3, a secret that is not base32), read in the options page and worded there through the locale's
// messages. Chromium in Chinese (zh-CN); Firefox in English, its only language here (FIREFOX_SKIP_REASON),
// which still checks its i18n fills the place and reason placeholders. Then a file in no known format is
// pasted: the whole file is refused, and that too is worded in the browser language.
import { expect, test } from './harness/fixtures';
import { launchInLocale, walkMainScreens } from './steps/locale-screens';

const EXPECTED = {
  zh_CN: '第 3 行 — 密钥不是有效的 base32（只允许字母 A–Z 和数字 2–7）。',
  en: 'line 3 — The secret key is not valid base32 (only letters A–Z and digits 2–7 are allowed).',
} as const;

/** The start of a refused file's message, by locale (the list of formats after it stays as it is). */
const REFUSED = {
  zh_CN: '此文件不是受支持的格式。支持的格式：otpauth://, Google Authenticator, ',
  en: 'This file is not in a supported format. Supported: otpauth://, Google Authenticator, ',
} as const;

test('import preview: a skipped line is worded in the browser language, by its code', async ({
  browserKind,
}) => {
  const locale = browserKind === 'chromium' ? 'zh_CN' : 'en';
  const ext = await launchInLocale(browserKind, locale);
  try {
    const rows: { text: string; reason: string }[][] = [];
    const refused: { text: string; code: string }[] = [];
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
        await page.fill('[data-testid="import-text"]', '<b>Dear diary</b>, nothing to import here.');
        await page.click('[data-testid="import-preview"]');
        await page.waitForSelector('[data-testid="import-error"]');
        refused.push(
          await page.evaluate(() => {
            const error = document.querySelector<HTMLElement>('[data-testid="import-error"]');
            return { text: error?.textContent ?? '', code: error?.dataset.code ?? '' };
          }),
        );
      },
      ['options-import-preview'],
    );
    expect(rows).toEqual([[{ text: EXPECTED[locale], reason: 'secret-not-base32' }]]);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.code).toBe('wrong-format');
    expect(refused[0]?.text.startsWith(REFUSED[locale]), refused[0]?.text).toBe(true);
  } finally {
    await ext.close();
  }
});
