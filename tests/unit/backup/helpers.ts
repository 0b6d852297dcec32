/** Shared builders for the backup tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OtpAccountData } from '../../../lib/otp/types';
import type { InvalidEntry } from '../../../lib/backup/types';
import { entryPlaceText, skipReasonText } from '../../../lib/ui/import-skip-reasons';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/backup');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The five accounts every generated fixture carries (tests/fixtures/backup/generate.mjs). */
export const FIXTURE_ACCOUNTS = {
  github: {
    kind: 'totp',
    issuer: 'GitHub',
    account: 'alice@example.com',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  },
  aliyun: {
    kind: 'totp',
    issuer: 'Aliyun',
    account: 'alice@1234567890123456',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
    counter: 0,
  },
  hotp: {
    kind: 'hotp',
    issuer: 'HotpCorp',
    account: 'bob',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 10300,
  },
  steam: {
    kind: 'steam',
    issuer: 'Steam',
    account: 'gamer',
    secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
    algorithm: 'SHA1',
    digits: 5,
    period: 30,
    counter: 0,
  },
  unicode: {
    kind: 'totp',
    issuer: '阿里云',
    account: 'ユーザー@例え.jp',
    secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
    algorithm: 'SHA512',
    digits: 6,
    period: 30,
    counter: 0,
  },
} satisfies Record<string, OtpAccountData>;

export const AEGIS_PASSWORD = 'aegis-test-password';
export const TWOFAS_PASSWORD = '2fas-test-password';
export const BACKUP_PASSWORD = 'backup-test-password';
// Other apps' encrypted exports (tests/fixtures/backup/generate-encrypted.mjs).
export const BITWARDEN_PASSWORD = 'bitwarden-test-password';
export const ANDOTP_PASSWORD = 'andotp-test-password';
export const AUTHENTICATOR_PRO_PASSWORD = 'authpro-test-password';
export const ENTE_PASSWORD = 'ente-test-password';

/** Base32 secrets of `n` distinct 20-byte keys. */
export function distinctSecret(n: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let s = '';
  let x = n + 1;
  for (let i = 0; i < 32; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    s += alphabet[x % 32];
  }
  return s;
}

/** 30 accounts of every kind the issue names: TOTP SHA1/256/512, 6/8 digits, 30/60 s, HOTP 10300, Steam, unicode. */
export function mixedAccounts(count = 30): OtpAccountData[] {
  const algorithms = ['SHA1', 'SHA256', 'SHA512'] as const;
  const names = ['alice@example.com', 'Ωμέγα', '张伟@例子.中国', 'emoji 🔐 user', 'ユーザー', 'bob'];
  return Array.from({ length: count }, (_, i): OtpAccountData => {
    const base = {
      issuer: `Issuer ${i} ${['', 'Ünïcödé', '阿里云', 'العربية'][i % 4]}`.trim(),
      account: `${names[i % names.length]} #${i}`,
      secret: distinctSecret(i),
    };
    if (i % 10 === 3)
      return { ...base, kind: 'hotp', algorithm: 'SHA1', digits: 6, period: 30, counter: 10300 + i };
    if (i % 10 === 7) return { ...base, kind: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 };
    return {
      ...base,
      kind: 'totp',
      algorithm: algorithms[i % 3] ?? 'SHA1',
      digits: i % 2 === 0 ? 6 : 8,
      period: i % 4 < 2 ? 30 : 60,
      counter: 0,
    };
  });
}

interface LocaleMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** `browser.i18n.getMessage` over one shipped locale, with Chrome's placeholder rules ($NAME$ → $1 → text). */
export function localeGetMessage(locale: string): (key: string, substitutions?: string | string[]) => string {
  const file = path.resolve(__dirname, '../../../public/_locales', locale, 'messages.json');
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, LocaleMessage>;
  return (key, substitutions) => {
    const entry = messages[key];
    if (!entry) return '';
    const args = substitutions === undefined ? [] : [...[substitutions].flat()];
    const fill = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => args[Number(n) - 1] ?? '');
    return entry.message.replace(/\$([A-Za-z0-9_]+)\$|\$\$/g, (whole, name: string | undefined) => {
      if (!name) return '$';
      const content = entry.placeholders?.[name.toLowerCase()]?.content;
      return content === undefined ? whole : fill(content);
    });
  };
}

const english = localeGetMessage('en');

/** A skipped entry as the English preview shows it: "line 3" and its reason. */
export function inEnglish(entry: InvalidEntry): { where: string; reason: string } {
  return { where: entryPlaceText(entry.at, english), reason: skipReasonText(entry, english) };
}
