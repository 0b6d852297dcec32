/**
 * The keyword tables in the languages beyond en/zh_CN (tests/fixtures/pages/i18n): per language an MFA page is
 * offered and filled, a generic code label alone is offered, and an SMS/e-mail code, captcha, coupon or postal
 * field in that language is not offered.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { detectOtpFields } from '../../../lib/autofill/detect';
import { isAutoOffered, matchInputs } from '../../../lib/autofill/match';
import { fillCode } from '../../../lib/autofill/fill';
import { openPage, settlePage, styleLayout, type Page } from './happy-page';

const DIR = fileURLToPath(new URL('../../fixtures/pages/i18n/', import.meta.url));

interface Entry {
  expect: 'totp' | 'sms' | 'none';
  lang: string;
  codeKind?: 'totp' | 'unknown';
  targets?: string[];
}

const index = JSON.parse(readFileSync(`${DIR}index.json`, 'utf8')) as { pages: Record<string, Entry> };
const entries = Object.entries(index.pages);

/** The languages the keyword tables cover beyond en and zh_CN. */
const LANGUAGES = ['ko', 'de', 'fr', 'es', 'pt-BR', 'ru', 'zh-TW', 'ja'];

let page: Page | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

async function open(file: string): Promise<Page> {
  const html = readFileSync(`${DIR}${file}`, 'utf8');
  page = openPage(html, { url: `https://fixtures.test/i18n/${file}`, scripts: true });
  await settlePage(page);
  return page;
}

describe('i18n fixtures', () => {
  it('index.json lists every page; each language has an MFA page, a generic-label page and a negative', () => {
    const pages = readdirSync(DIR).filter((name) => name.endsWith('.html'));
    expect(entries.map(([file]) => file).sort()).toEqual(pages.sort());
    for (const lang of LANGUAGES) {
      const own = entries.filter(([, e]) => e.lang === lang).map(([, e]) => e);
      expect(
        own.some((e) => e.expect === 'totp' && e.codeKind === 'totp'),
        lang,
      ).toBe(true);
      expect(
        own.some((e) => e.expect === 'totp' && e.codeKind === 'unknown'),
        lang,
      ).toBe(true);
      expect(
        own.some((e) => e.expect !== 'totp'),
        lang,
      ).toBe(true);
    }
  });

  it.each(entries)('%s', async (file, entry) => {
    const p = await open(file);
    const matches = detectOtpFields(p.document, { view: p.view, layout: styleLayout(p.view) });
    const offered = matches.filter(isAutoOffered);
    const targets = (entry.targets ?? []).map((s) => [p.document.querySelector(s)]);
    switch (entry.expect) {
      case 'none':
        expect(matches.map((m) => m.reasons)).toEqual([]);
        break;
      case 'sms':
        expect(offered).toEqual([]);
        expect(matches.map(matchInputs)).toContainEqual(targets[0]);
        expect(matches.every((m) => m.codeKind === 'sms')).toBe(true);
        break;
      case 'totp': {
        expect(offered.map(matchInputs)).toEqual(targets);
        expect(offered[0]?.codeKind).toBe(entry.codeKind);
        const filled = await fillCode(offered[0] as (typeof offered)[number], '123456', p.view);
        expect(filled.ok).toBe(true);
        expect(p.document.getElementById('result')?.getAttribute('data-result')).toBe('accepted:123456');
        break;
      }
    }
  });
});
