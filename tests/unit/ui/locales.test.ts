import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STRENGTH_LABEL_KEYS } from '../../../lib/ui/password-strength';

const root = join(import.meta.dirname, '../../..');

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

function readMessages(locale: string): Record<string, Message> {
  return JSON.parse(readFileSync(join(root, 'public/_locales', locale, 'messages.json'), 'utf8')) as Record<
    string,
    Message
  >;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Keys the UI asks for: `t('key'…)` calls, plus `key: '…'`/`labelKey: '…'` data that is translated later. */
function usedKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  const files = [...sourceFiles(join(root, 'components')), ...sourceFiles(join(root, 'lib/ui'))];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\(\s*'([A-Za-z0-9_@]+)'|\b[kK]ey:\s*'([A-Za-z0-9_]+)'/g)) {
      keys.set(match[1] ?? match[2] ?? '', relative(root, file));
    }
  }
  for (const key of STRENGTH_LABEL_KEYS) keys.set(key, 'lib/ui/password-strength.ts');
  return keys;
}

const en = readMessages('en');
const zh = readMessages('zh_CN');

/** Every locale the extension ships beside en and zh_CN (the UI's reference languages). */
const OTHER_LOCALES = ['zh_TW', 'ja', 'ko', 'de', 'fr', 'es', 'pt_BR', 'ru'];

describe('locales', () => {
  it('finds the keys the UI uses (the scan itself works)', () => {
    expect(usedKeys().size).toBeGreaterThan(50);
    expect(usedKeys().has('unlockWrongPassword')).toBe(true);
  });

  it.each([...usedKeys()])('has %s (used in %s) in en and zh_CN', (key) => {
    expect(en[key]?.message, `en is missing ${key}`).toBeTruthy();
    expect(zh[key]?.message, `zh_CN is missing ${key}`).toBeTruthy();
  });

  it('has the same keys in en and zh_CN', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same placeholders in both languages, and every placeholder appears in its message', () => {
    for (const [key, message] of Object.entries(en)) {
      const names = Object.keys(message.placeholders ?? {}).sort();
      expect(Object.keys(zh[key]?.placeholders ?? {}).sort(), key).toEqual(names);
      for (const name of names) {
        expect(message.message.toLowerCase(), key).toContain(`$${name}$`);
        expect(zh[key]?.message.toLowerCase(), key).toContain(`$${name}$`);
      }
    }
  });

  it('ships exactly en, zh_CN and the other listed locales', () => {
    const shipped = readdirSync(join(root, 'public/_locales')).sort();
    expect(shipped).toEqual(['en', 'zh_CN', ...OTHER_LOCALES].sort());
  });

  describe.each(OTHER_LOCALES)('%s', (locale) => {
    const messages = readMessages(locale);

    it('has every key of en, and no other', () => {
      const missing = Object.keys(en).filter((key) => !messages[key]?.message);
      expect(missing, `${locale} is missing keys`).toEqual([]);
      expect(Object.keys(messages).filter((key) => !(key in en))).toEqual([]);
    });

    it('uses the same placeholders as en, each of them in its message', () => {
      for (const [key, message] of Object.entries(messages)) {
        const names = Object.keys(en[key]?.placeholders ?? {}).sort();
        expect(Object.keys(message.placeholders ?? {}).sort(), key).toEqual(names);
        for (const name of names) {
          expect(message.placeholders?.[name], key).toEqual(en[key]?.placeholders?.[name]);
          expect(message.message.toLowerCase(), key).toContain(`$${name}$`);
        }
        const used = [...message.message.matchAll(/\$(\w+)\$/g)].map((m) => (m[1] ?? '').toLowerCase());
        for (const name of used) expect(names, `${key} uses an unknown $${name}$`).toContain(name);
      }
    });

    it('has a store name and a description of at most 132 characters', () => {
      expect(messages.extName?.message).toBeTruthy();
      expect(messages.extDescription?.message.length).toBeGreaterThan(0);
      expect(messages.extDescription?.message.length).toBeLessThanOrEqual(132);
    });
  });
});
