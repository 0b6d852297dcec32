import { describe, expect, it } from 'vitest';
import { IMPORT_REFUSALS, type ImportRefusal } from '../../../lib/backup/import-refusals';
import { MAX_IMPORT_ACCOUNTS } from '../../../lib/backup/types';
import { createTranslator } from '../../../lib/ui/i18n';
import { importRefusalText, refusalKeys, SUPPORTED_FORMATS } from '../../../lib/ui/import-refusals';
import { localeGetMessage } from '../backup/helpers';

const LOCALES = ['en', 'zh_CN', 'zh_TW', 'ja', 'ko', 'de', 'fr', 'es', 'pt_BR', 'ru'];
const MESSAGE = 'The reader’s English sentence.';
const APP = 'Steam Desktop Authenticator';
const DETAIL = 'Zq9';

/** Every form a reason is worded in: without an app, with one (only the forms the table has). */
const FORMS: { what: string; refusal: ImportRefusal & { message: string } }[] = IMPORT_REFUSALS.flatMap(
  (reason) => {
    const keys = refusalKeys(reason);
    return [
      ...(keys?.plain ? [{ what: `${reason} (no app)`, refusal: { reason, message: MESSAGE } }] : []),
      ...(keys?.named
        ? [
            {
              what: `${reason} (${APP})`,
              refusal: { reason, app: APP, detail: DETAIL, message: MESSAGE } as const,
            },
          ]
        : []),
    ];
  },
);

/** Words kept as they are in every language: names of formats and files, units. */
const UNTRANSLATED = /otpauth:\/\/|otpauth|manifest\.json|\.maFile|JSON|MB/g;

describe('import refusals: the reason → i18n key table', () => {
  it('words every reason in at least one form, and no two forms share a key', () => {
    const keys = IMPORT_REFUSALS.flatMap((reason) => {
      const forms = refusalKeys(reason);
      expect(forms?.plain ?? forms?.named, reason).toBeTruthy();
      return [forms?.plain, forms?.named].filter((key) => key);
    });
    expect(new Set(keys).size).toBe(keys.length);
    expect(refusalKeys('free text')).toBeNull();
  });

  it('falls back to the reader’s English sentence for a reason it does not know', () => {
    const unknown = { reason: 'from-a-newer-reader', message: MESSAGE } as unknown as ImportRefusal & {
      message: string;
    };
    expect(importRefusalText(unknown, createTranslator(localeGetMessage('zh_CN')))).toBe(MESSAGE);
  });

  it('words a reason in English with its app, limit and detail', () => {
    const en = createTranslator(localeGetMessage('en'));
    expect(importRefusalText({ reason: 'not-this-format', app: 'Aegis', message: MESSAGE }, en)).toBe(
      'This is not a valid Aegis file.',
    );
    expect(
      importRefusalText({ reason: 'unsupported-version', app: 'Aegis', detail: '3', message: MESSAGE }, en),
    ).toBe('Aegis file format version 3 is not supported.');
    expect(importRefusalText({ reason: 'too-many-accounts', message: MESSAGE }, en)).toBe(
      `The file holds more than ${MAX_IMPORT_ACCOUNTS} accounts.`,
    );
  });

  it.each(FORMS.map(({ what, refusal }) => [what, refusal] as const))(
    '%s: zh_CN is Chinese, apart from the app and the parameters',
    (_what, refusal) => {
      const en = importRefusalText(refusal, createTranslator(localeGetMessage('en')));
      const zh = importRefusalText(refusal, createTranslator(localeGetMessage('zh_CN')));
      expect(en.trim()).not.toBe('');
      expect(zh).not.toBe(en);
      expect(zh).toMatch(/\p{Script=Han}/u);
      const rest = zh
        .replace(SUPPORTED_FORMATS, '')
        .replace(APP, '')
        .replace(DETAIL, '')
        .replace(UNTRANSLATED, '');
      expect(rest, zh).not.toMatch(/[A-Za-z]/);
    },
  );

  describe.each(LOCALES)('%s', (locale) => {
    const translate = createTranslator(localeGetMessage(locale));

    it('words every form with all its parameters filled (no key, no $ left)', () => {
      for (const { what, refusal } of FORMS) {
        const text = importRefusalText(refusal, translate);
        expect(text, what).not.toBe(MESSAGE);
        expect(text, what).not.toMatch(/^import[A-Z]|\$/);
        if (refusal.app !== undefined) expect(text, what).toContain(APP);
        if (refusal.reason === 'unsupported-version' && refusal.app !== undefined) {
          expect(text, what).toContain(DETAIL);
        }
        if (refusal.reason === 'too-many-accounts') expect(text, what).toContain(String(MAX_IMPORT_ACCOUNTS));
        if (refusal.reason === 'unknown-format') expect(text, what).toContain(SUPPORTED_FORMATS);
      }
    });
  });
});
