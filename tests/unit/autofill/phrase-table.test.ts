/**
 * The indexed phrase matcher (lib/autofill/phrase-table.ts) must answer exactly like the plain one it replaced:
 * every phrase tested in table order. Compared on every keyword table, with and without `insideWords`, over
 * the phrases themselves, pairs of them, and the texts of every fixture page.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CAPTCHA_REFRESH_KEYWORDS,
  CARD_FORM_FIELD_KEYWORDS,
  CONSECUTIVE_CODES_SIGNALS,
  EXCLUSION_EXCEPTIONS,
  FIRST_CODE_MARKERS,
  GENERIC_CODE_KEYWORDS,
  HARD_EXCLUSIONS,
  IDENTITY_EXCLUSIONS,
  SECOND_CODE_MARKERS,
  SMS_OR_EMAIL_CODE_SIGNALS,
  TOTP_SPECIFIC_KEYWORDS,
  WEAK_CODE_KEYWORDS,
  WEAK_CODE,
  compilePhrases,
  findGenericCode,
  findHardExclusion,
  findIdentityExclusion,
  findTotpSpecific,
  hasCodeKeyword,
  normalizeText,
  stripExclusionExceptions,
  type PhraseOptions,
} from '../../../lib/autofill/keywords';

/** The matcher as it was: every phrase, in order. */
function plainTable(phrases: readonly string[], options: PhraseOptions = {}) {
  const ascii = /^[\x20-\x7e]*$/;
  const entries = phrases.map((phrase) => {
    const norm = normalizeText(phrase).trim();
    if (ascii.test(norm) && options.insideWords) return { phrase, test: (t: string) => t.includes(norm) };
    if (ascii.test(norm)) {
      const glued = norm.includes(' ') ? ` ${norm.replace(/ /g, '')} ` : undefined;
      return {
        phrase,
        test: (t: string) => t.includes(` ${norm} `) || (glued !== undefined && t.includes(glued)),
      };
    }
    const compact = norm.replace(/ /g, '');
    return { phrase, test: (t: string) => t.replace(/ /g, '').includes(compact) };
  });
  return {
    find: (t: string) => entries.find((e) => e.test(t))?.phrase,
    findAll: (t: string) => entries.filter((e) => e.test(t)).map((e) => e.phrase),
  };
}

function plainStrip(normalized: string): string {
  let text = normalized;
  for (const phrase of EXCLUSION_EXCEPTIONS) {
    const norm = normalizeText(phrase).trim();
    if (/^[\x20-\x7e]*$/.test(norm)) {
      text = text.split(` ${norm} `).join('  ');
      const glued = norm.replace(/ /g, '');
      if (glued !== norm) text = text.split(` ${glued} `).join('  ');
    } else text = text.split(norm).join(' ');
  }
  return text;
}

const TABLES: Record<string, readonly string[]> = {
  TOTP_SPECIFIC_KEYWORDS,
  GENERIC_CODE_KEYWORDS,
  WEAK_CODE_KEYWORDS,
  SMS_OR_EMAIL_CODE_SIGNALS,
  CONSECUTIVE_CODES_SIGNALS,
  CARD_FORM_FIELD_KEYWORDS,
  CAPTCHA_REFRESH_KEYWORDS,
  FIRST_CODE_MARKERS,
  SECOND_CODE_MARKERS,
  EXCLUSION_EXCEPTIONS,
  ...Object.fromEntries(Object.entries(HARD_EXCLUSIONS).map(([k, v]) => [`hard:${k}`, v])),
  ...Object.fromEntries(Object.entries(IDENTITY_EXCLUSIONS).map(([k, v]) => [`identity:${k}`, v])),
};

function fixtureTexts(): string[] {
  const root = path.resolve(__dirname, '../../fixtures/pages');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.html')) {
        const html = readFileSync(full, 'utf8');
        // Tag contents and attribute values, in chunks of a few lines: the sizes detection looks at.
        const plain = html.replace(/<[^>]*>/g, '\n').split(/\n+/);
        const attrs = [...html.matchAll(/(?:id|name|placeholder|aria-label|title)="([^"]*)"/g)].map(
          (m) => m[1] ?? '',
        );
        for (let i = 0; i < plain.length; i += 3) out.push(plain.slice(i, i + 3).join(' '));
        out.push(...attrs);
      }
    }
  };
  walk(root);
  return out;
}

describe('indexed phrase tables answer like the plain scan', () => {
  const all = Object.values(TABLES).flat();
  const texts = [
    ...all,
    ...all.map((p, i) => `${p} ${all[(i * 7919) % all.length]}`),
    ...all.map((p) => `xx${p}yy`),
    ...all.map((p) => p.toUpperCase().replace(/ /g, '_')),
    ...fixtureTexts(),
    '',
    '   ',
  ].map((raw) => normalizeText(raw));

  for (const [name, phrases] of Object.entries(TABLES)) {
    for (const options of [{}, { insideWords: true }]) {
      it(`${name}${options.insideWords ? ' (insideWords)' : ''}`, () => {
        const fast = compilePhrases(phrases, options);
        const plain = plainTable(phrases, options);
        for (const text of texts) {
          expect(fast.find(text), text).toBe(plain.find(text));
          expect(fast.findAll(text), text).toEqual(plain.findAll(text));
          // stripped texts (double spaces) are matched too
          const stripped = plainStrip(text);
          expect(fast.find(stripped), stripped).toBe(plain.find(stripped));
        }
      });
    }
  }

  it('exclusions: the first category that matches, and its first phrase, as a walk over the categories', () => {
    const walk = (byCategory: Record<string, readonly string[]>, text: string) => {
      const stripped = plainStrip(text);
      for (const [category, phrases] of Object.entries(byCategory)) {
        const phrase = plainTable(phrases).find(stripped);
        if (phrase !== undefined) return { category, phrase };
      }
      return undefined;
    };
    for (const text of texts) {
      expect(findHardExclusion(text), text).toEqual(walk(HARD_EXCLUSIONS, text));
      expect(findIdentityExclusion(text), text).toEqual(walk(IDENTITY_EXCLUSIONS, text));
    }
  });

  it('a phrase taken as already normalised is what normalizeText makes of it', async () => {
    const { NORMALISED } = await import('../../../lib/autofill/phrase-table');
    const probes = [
      ...all,
      'ｺｰﾄﾞ',
      'Код',
      'код',
      'ÄÖ',
      'äö ß',
      'ゟ',
      'か゛',
      'コード・番号',
      'ﾊﾟｽ',
      '㍿',
      '豈',
      'code6',
      '6code',
      'mfa码',
      'Ⅻ',
      'ﬁ',
    ];
    let taken = 0;
    for (const phrase of probes) {
      if (!NORMALISED.test(phrase)) continue;
      taken++;
      expect(normalizeText(phrase).trim(), phrase).toBe(phrase);
    }
    expect(taken).toBeGreaterThan(all.length / 2);
  });

  it('hasCodeKeyword (one index of three tables) says yes exactly when one of the three finds a keyword', () => {
    for (const text of texts) {
      const any =
        findTotpSpecific(text) !== undefined ||
        findGenericCode(text) !== undefined ||
        WEAK_CODE.find(text) !== undefined;
      expect(hasCodeKeyword(text), text).toBe(any);
    }
  });

  it('stripExclusionExceptions is unchanged', () => {
    for (const text of texts) expect(stripExclusionExceptions(text), text).toBe(plainStrip(text));
  });
});

describe('normalizeText', () => {
  /** The Unicode steps, which the ASCII shortcut must reproduce. */
  const unicodeNormalize = (raw: string) => {
    const split = raw
      .normalize('NFKC')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .replace(/([a-zA-Z])(\d)/g, '$1 $2')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    return split === '' ? ' ' : ` ${split} `;
  };

  it('the ASCII shortcut gives what the Unicode steps give', () => {
    const ascii = [
      ...fixtureTexts(),
      ...Object.values(TABLES).flat(),
      'mfaCode',
      'OTPInput',
      'user_otp_attempt',
      'TOTP2fa',
      'a\tb\nc\r\nd',
      '  --__  ',
      '',
      'rows[12][displayName] Jane Doe data-row 12',
      '2FACode6Digits',
      'ABCDef',
      'ABcDEf',
      'aBC',
      'aBCd',
      'HTTPServer2FA',
      'x1Y2z',
      'OTP-Code_ID',
      'A',
      'a1',
      '1a',
      'Z9z',
      'userOTPCode12',
      '   leading and trailing   ',
      'a--B__c  D',
    ].filter((t) => /^[\t\n\r\x20-\x7e]*$/.test(t));
    expect(ascii.length).toBeGreaterThan(500);
    for (const raw of ascii) expect(normalizeText(raw), raw).toBe(unicodeNormalize(raw));
    // Every short mix of lower, upper, digits and separators (seeded, so a failure reproduces).
    let seed = 17;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'aAbBzZ09 -_.\t';
    for (let n = 0; n < 5000; n++) {
      let raw = '';
      for (let i = Math.floor(random() * 12); i > 0; i--)
        raw += alphabet[Math.floor(random() * alphabet.length)];
      expect(normalizeText(raw), JSON.stringify(raw)).toBe(unicodeNormalize(raw));
    }
    // Non-ASCII text still takes the Unicode steps (full-width letters fold to ASCII).
    expect(normalizeText('ＭＦＡ　Code')).toBe(' mfa code ');
  });
});

describe('the joined own texts drop no field that has a keyword', () => {
  it('every input of every fixture page: a keyword of `own` is found in `ownTextsJoined` too', async () => {
    const { PageTexts } = await import('../../../lib/autofill/field-texts');
    const { findGenericCode, findTotpSpecific, WEAK_CODE } = await import('../../../lib/autofill/keywords');
    const { openPage } = await import('./happy-page');
    const root = path.resolve(__dirname, '../../fixtures/pages');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.html')) files.push(full);
      }
    };
    walk(root);
    let checked = 0;
    for (const file of files) {
      const page = openPage(readFileSync(file, 'utf8'));
      try {
        const texts = new PageTexts();
        for (const input of Array.from(page.document.querySelectorAll('input'))) {
          const own = texts.fieldTexts(input).own;
          const joined = texts.ownTextsJoined(input);
          // why: the same words in the same order; only the spaces between the parts differ.
          expect(joined.replace(/ +/g, ' '), file).toBe(own.replace(/ +/g, ' '));
          if (findTotpSpecific(own)) expect(findTotpSpecific(joined), file).toBeDefined();
          if (findGenericCode(own)) expect(findGenericCode(joined), file).toBeDefined();
          if (WEAK_CODE.find(own)) expect(WEAK_CODE.find(joined), file).toBeDefined();
          checked++;
        }
      } finally {
        await page.close();
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});
