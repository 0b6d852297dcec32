import { describe, expect, it } from 'vitest';
import { SKIP_REASONS, type EntryPlace, type InvalidEntry } from '../../../lib/backup/skip-reasons';
import { entryPlaceText, skipReasonKey, skipReasonText } from '../../../lib/ui/import-skip-reasons';
import { createTranslator } from '../../../lib/ui/i18n';
import { localeGetMessage } from '../backup/helpers';

const LOCALES = ['en', 'zh_CN', 'zh_TW', 'ja', 'ko', 'de', 'fr', 'es', 'pt_BR', 'ru'];

const PLACES: EntryPlace[] = [
  { kind: 'line', n: 31 },
  { kind: 'line', n: 31, account: 42 },
  { kind: 'entry', n: 31 },
  { kind: 'entry', n: 31, name: 'GitHub' },
  { kind: 'row', n: 31 },
  { kind: 'row', n: 31, name: 'GitHub' },
  { kind: 'qr', n: 31, of: 53 },
  { kind: 'qr', n: 31, of: 53, account: 42 },
  { kind: 'qr-export', of: 53 },
  { kind: 'account', n: 31 },
  { kind: 'rest' },
];

describe('import skip reasons: the code → i18n key table', () => {
  it('has one key per code, and no two codes share a key', () => {
    const keys = SKIP_REASONS.map((code) => skipReasonKey(code));
    expect(keys.every((key) => key !== null)).toBe(true);
    expect(new Set(keys).size).toBe(SKIP_REASONS.length);
    expect(skipReasonKey('free text')).toBeNull();
  });

  describe.each(LOCALES)('%s', (locale) => {
    const translate = createTranslator(localeGetMessage(locale));

    it('words every code with all its arguments filled (no key, no $ left)', () => {
      for (const code of SKIP_REASONS) {
        const entry: InvalidEntry = { at: { kind: 'rest' }, code, detail: 'Zq9', count: 77 };
        const text = skipReasonText(entry, translate);
        expect(text, code).not.toMatch(/^import|\$/);
        if (['unsupported-type', 'unsupported-algorithm', 'qr-missing'].includes(code)) {
          expect(text, code).toContain('Zq9');
        }
        if (['qr-missing', 'more-unreported'].includes(code)) expect(text, code).toContain('77');
      }
      const unnamed = skipReasonText({ at: { kind: 'rest' }, code: 'unsupported-type' }, translate);
      expect(unnamed).not.toMatch(/^import|\$/);
    });

    it('words every place with its numbers and name', () => {
      for (const at of PLACES) {
        const text = entryPlaceText(at, translate);
        expect(text, at.kind).not.toMatch(/^import|\$/);
        for (const value of Object.values(at)) {
          if (typeof value === 'number' || value === 'GitHub') expect(text, at.kind).toContain(String(value));
        }
      }
    });
  });
});
