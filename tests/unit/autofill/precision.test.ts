/**
 * The precision corpus (tests/fixtures/pages/precision): card, checkout, captcha, registration, address and
 * contact forms whose code-like labels are not MFA fields get nothing detected; the MFA pages beside them are
 * still offered, and filled. Plus the rules one by one: a field too short for the code, a card form, a captcha.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { detectOtpFields } from '../../../lib/autofill/detect';
import { isAutoOffered, matchInputs } from '../../../lib/autofill/match';
import { fillCode } from '../../../lib/autofill/fill';
import { canHoldValue } from '../../../lib/autofill/form-context';
import { openPage, settlePage, styleLayout, type Page } from './happy-page';

const DIR = fileURLToPath(new URL('../../fixtures/pages/precision/', import.meta.url));

interface Entry {
  expect: 'none' | 'totp';
  lang: string;
  targets?: string[];
  /** An SMS field on the same page: detected as SMS, never offered. */
  sms?: string;
}

const index = JSON.parse(readFileSync(`${DIR}index.json`, 'utf8')) as { pages: Record<string, Entry> };
const entries = Object.entries(index.pages);
const negatives = entries.filter(([, e]) => e.expect === 'none');
const positives = entries.filter(([, e]) => e.expect === 'totp');

let page: Page | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

async function open(file: string): Promise<Page> {
  const html = readFileSync(`${DIR}${file}`, 'utf8');
  page = openPage(html, { url: `https://fixtures.test/precision/${file}`, scripts: true });
  await settlePage(page);
  return page;
}

function detectIn(p: Page) {
  return detectOtpFields(p.document, { view: p.view, layout: styleLayout(p.view) });
}

function detectMarkup(html: string) {
  page = openPage(`<!doctype html><body>${html}</body>`);
  return detectIn(page);
}

describe('precision corpus', () => {
  it('index.json lists every page: at least 40 negatives in at least six languages, and the positives', () => {
    const pages = readdirSync(DIR).filter((name) => name.endsWith('.html'));
    expect(entries.map(([file]) => file).sort()).toEqual(pages.sort());
    expect(negatives.length).toBeGreaterThanOrEqual(40);
    expect(new Set(negatives.map(([, e]) => e.lang)).size).toBeGreaterThanOrEqual(6);
    expect(positives.length).toBeGreaterThanOrEqual(3);
  });

  it.each(negatives)('negative: %s', async (file) => {
    const p = await open(file);
    expect(detectIn(p).map((m) => m.reasons)).toEqual([]);
  });

  it.each(positives)('positive: %s is offered and filled', async (file, entry) => {
    const p = await open(file);
    const matches = detectIn(p);
    const offered = matches.filter(isAutoOffered);
    const targets = (entry.targets ?? []).map((s) => [p.document.querySelector(s)]);
    expect(offered.map(matchInputs)).toEqual(targets);
    if (entry.sms) {
      const sms = matches.find((m) => matchInputs(m)[0] === p.document.querySelector(entry.sms as string));
      expect(sms?.codeKind).toBe('sms');
    }
    const filled = await fillCode(offered[0] as (typeof offered)[number], '123456', p.view);
    expect(filled.ok).toBe(true);
    expect(p.document.getElementById('result')?.getAttribute('data-result')).toBe('accepted:123456');
  });
});

describe('a field that cannot hold the code is never a target', () => {
  it.each([
    ['maxlength 4', '<label>Verification code<input name="vc" maxlength="4"></label>'],
    ['maxlength 5', '<label>Verification code<input name="vc" maxlength="5"></label>'],
    ['size 4 only', '<label>Verification code<input name="vc" size="4"></label>'],
    ['a pattern of 4 digits', '<label>Verification code<input name="vc" pattern="\\d{4}"></label>'],
    ['a pattern of letters', '<label>Verification code<input name="vc" pattern="[a-z]+"></label>'],
    ['autocomplete one-time-code but maxlength 4', '<input autocomplete="one-time-code" maxlength="4">'],
  ])('%s', (_name, html) => {
    expect(detectMarkup(html)).toEqual([]);
  });

  it.each([
    ['maxlength 6', '<label>Verification code<input name="vc" maxlength="6"></label>'],
    ['an 8-digit pattern', '<label>Verification code<input name="vc" pattern="\\d{8}"></label>'],
    ['size 6 only', '<label>Verification code<input name="vc" size="6"></label>'],
    [
      'maxlength 5 with authenticator wording (Steam Guard)',
      '<label>Authenticator code<input maxlength="5"></label>',
    ],
  ])('still a target: %s', (_name, html) => {
    expect(detectMarkup(html)).toHaveLength(1);
  });

  it('canHoldValue reads maxlength, size without maxlength, and an anchored pattern', () => {
    page = openPage(
      '<input id="a" maxlength="6" size="2"><input id="b" size="6"><input id="c" pattern="\\d{6}|\\d{8}">',
    );
    const [a, b, c] = ['a', 'b', 'c'].map((id) => page?.document.getElementById(id) as HTMLInputElement);
    expect(canHoldValue(a as HTMLInputElement, '123456')).toBe(true);
    expect(canHoldValue(a as HTMLInputElement, '12345678')).toBe(false);
    expect(canHoldValue(b as HTMLInputElement, '1234567')).toBe(false);
    expect(canHoldValue(c as HTMLInputElement, '12345678')).toBe(true);
    expect(canHoldValue(c as HTMLInputElement, '1234567')).toBe(false);
  });

  it('fill refuses a field too short for the real code instead of truncating it', async () => {
    page = openPage('<label>Authenticator code<input id="f" maxlength="6"></label>');
    const [match] = detectIn(page);
    expect(match).toBeDefined();
    const result = await fillCode(match as NonNullable<typeof match>, '12345678', page.view, { settleMs: 0 });
    expect(result).toEqual({ ok: false, strategy: 'too-short' });
    expect((page.document.getElementById('f') as HTMLInputElement).value).toBe('');
  });
});

describe('context beats the label', () => {
  const cardFields = (extra: string) =>
    `<form><label>Card number<input name="n"></label><label>Expiry<input name="e"></label>${extra}</form>`;

  it.each([
    ['Security code', '<label>Security code<input name="sc" maxlength="6"></label>'],
    ['安全码', '<label>安全码<input name="aq" maxlength="6"></label>'],
    ['验证码', '<label>验证码<input name="yz" maxlength="6"></label>'],
    ['セキュリティコード', '<label>セキュリティコード<input name="s" maxlength="6"></label>'],
    [
      'verification code with autocomplete cc fields',
      '<label>Verification code<input name="v" maxlength="6"></label>',
    ],
  ])('a card form: %s is not an MFA field', (_name, field) => {
    expect(detectMarkup(cardFields(field))).toEqual([]);
  });

  it('a card form is recognised by autocomplete cc-* alone', () => {
    expect(
      detectMarkup(
        '<form><input autocomplete="cc-number"><label>Security code<input maxlength="6"></label></form>',
      ),
    ).toEqual([]);
  });

  it('the same "Security code" on an MFA step is offered', () => {
    expect(
      detectMarkup(
        '<form><h2>Two-step verification</h2><label>Security code<input maxlength="6"></label></form>',
      ),
    ).toHaveLength(1);
  });

  it.each([
    ['a canvas', '<div><label>验证码<input maxlength="6"></label><canvas></canvas></div>'],
    [
      'a refresh link',
      '<div><label>Verification code<input maxlength="6"></label><a href="#">Refresh</a></div>',
    ],
    ['a 换一张 link', '<div><label>验证码<input maxlength="6"></label><a href="#">换一张</a></div>'],
    [
      'an image in a link',
      '<div><label>Verification code<input maxlength="6"></label><a href="#"><img src="x.png"></a></div>',
    ],
    [
      'a 看不清 control',
      '<div><label>验证码<input maxlength="6"></label><span onclick="1">看不清</span></div>',
    ],
  ])('a captcha: verification code beside %s', (_name, html) => {
    expect(detectMarkup(html)).toEqual([]);
  });

  it('a hint that the code refreshes every 30 seconds is no captcha', () => {
    expect(
      detectMarkup(
        '<div><label>Verification code<input maxlength="6"></label><p>Codes refresh every 30 seconds.</p></div>',
      ),
    ).toHaveLength(1);
  });
});

describe('SMS and authenticator fields on one page', () => {
  const offeredIds = (html: string) =>
    detectMarkup(html)
      .filter(isAutoOffered)
      .map((m) => matchInputs(m)[0]?.id);

  it('the authenticator field is offered, not the SMS field under a "two-step" heading', () => {
    const html = `<form><h1>Two-step verification</h1><p>We sent a text message with a code to your phone.</p>
      <div><input id="sms_code" name="sms_code" maxlength="6" placeholder="Enter code"></div>
      <p>Or use the code from your authenticator app:</p>
      <div><input id="app" name="totp_code" maxlength="6" placeholder="Enter code"></div><button>Verify</button></form>`;
    expect(offeredIds(html)).toEqual(['app']);
  });

  it('an SMS field with autocomplete=one-time-code is still an SMS field when its id says so', () => {
    const html = `<form><p>We sent a code to +1 555. Or enter a code from Google Authenticator.</p>
      <input id="sms_code" maxlength="6" autocomplete="one-time-code">
      <input id="otp" name="otp" maxlength="6" placeholder="Authenticator code"></form>`;
    expect(offeredIds(html)).toEqual(['otp']);
  });

  it('each field is judged by its own section: a generic "Verification code" in the authenticator section', () => {
    const html = `<form><p>Verify your sign-in.</p>
      <section><h3>Text message</h3><p>We sent an SMS to your phone.</p><label>Verification code<input id="a" maxlength="6"></label></section>
      <section><h3>Authenticator app</h3><label>Verification code<input id="b" maxlength="6"></label></section></form>`;
    expect(offeredIds(html)).toEqual(['b']);
  });
});
