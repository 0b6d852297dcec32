import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  detectImportFormat,
  IMPORTERS,
  readImport,
  type ReadImportResult,
} from '../../../lib/backup/importers';
import { importTextOfBytes } from '../../../lib/backup/importers/binary';
import { MAX_REPORTED_INVALID } from '../../../lib/backup/importers/collect';
import type { ImportFormat } from '../../../lib/backup/types';
import type { OtpAccountData } from '../../../lib/otp/types';
import { AEGIS_PASSWORD, FIXTURE_ACCOUNTS, FIXTURES, TWOFAS_PASSWORD, fixture, inEnglish } from './helpers';

const crypto = globalThis.crypto;
const { github, aliyun, hotp, steam, unicode } = FIXTURE_ACCOUNTS;
const FIVE = [github, aliyun, hotp, steam, unicode];

async function read(text: string, password?: string): Promise<ReadImportResult> {
  return readImport(text, { password, crypto });
}

async function accountsOf(text: string, password?: string) {
  const result = await read(text, password);
  if (!result.ok) throw new Error(`import failed: ${result.error.code} ${result.error.message}`);
  return { format: result.format, data: result.accounts.map((a) => a.data), invalid: result.invalid };
}

async function errorOf(text: string, password?: string) {
  const result = await read(text, password);
  if (result.ok) throw new Error('import unexpectedly succeeded');
  return result.error.code;
}

function editJson(name: string, edit: (value: Record<string, unknown>) => void): string {
  const value = JSON.parse(fixture(name)) as Record<string, unknown>;
  edit(value);
  return JSON.stringify(value);
}

describe('each format, from files generated per its published description', () => {
  it('reads a plain otpauth list, ignoring blank and comment lines and naming bad lines by number', async () => {
    const { format, data, invalid } = await accountsOf(fixture('otpauth-list.txt'));
    expect(format).toBe('otpauth-text');
    expect(data).toEqual(FIVE);
    expect(invalid.map((i) => inEnglish(i).where)).toEqual(['line 7', 'line 8']);
    expect(inEnglish(invalid[0]!).reason).toMatch(/base32/);
  });

  it('reads a single Google Authenticator export QR (period is always 30 s in that format)', async () => {
    const { format, data, invalid } = await accountsOf(fixture('google-migration-single.txt'));
    expect(format).toBe('google-migration');
    expect(data).toEqual([github, hotp, unicode]);
    expect(invalid).toEqual([]);
  });

  it('reads a multi-QR Google export and reports a missing QR code', async () => {
    expect((await accountsOf(fixture('google-migration-multi.txt'))).data).toEqual([
      github,
      { ...aliyun, period: 30 },
      hotp,
      unicode,
    ]);
    const partial = await accountsOf(fixture('google-migration-missing.txt'));
    expect(partial.data).toEqual([github, hotp, unicode]);
    expect(partial.invalid.map(inEnglish)).toEqual([
      { where: 'export of 3 QR codes', reason: expect.stringMatching(/missing \(2\)/) },
    ]);
  });

  it('reads the same Google QR scanned twice once', async () => {
    const line = fixture('google-migration-single.txt').trim();
    const { data, invalid } = await accountsOf(`${line}\n${line}\n`);
    expect(data).toHaveLength(3);
    expect(inEnglish(invalid[0]!).reason).toMatch(/appears twice/);
  });

  it('reads a plain Aegis vault and reports the unsupported Yandex entry', async () => {
    const { format, data, invalid } = await accountsOf(fixture('aegis-plain.json'));
    expect(format).toBe('aegis');
    expect(data).toEqual(FIVE);
    expect(invalid.map(inEnglish)).toEqual([
      { where: 'entry 6 (Yandex)', reason: expect.stringMatching(/yandex.*not supported/) },
    ]);
  });

  it('reads an encrypted Aegis vault (scrypt N=2^15 password slot beside a biometric slot)', async () => {
    const text = fixture('aegis-encrypted.json');
    expect(await errorOf(text)).toBe('password-required');
    const { data, invalid } = await accountsOf(text, AEGIS_PASSWORD);
    expect(data).toEqual(FIVE);
    expect(invalid).toHaveLength(1);
    expect(await errorOf(text, 'wrong password')).toBe('wrong-password');
  });

  it('reads plain and encrypted 2FAS backups', async () => {
    const plain = await accountsOf(fixture('2fas-plain.2fas'));
    expect(plain.format).toBe('2fas');
    expect(plain.data).toEqual(FIVE);
    expect(plain.invalid.map(inEnglish)).toEqual([
      { where: 'entry 6 (NoSecret)', reason: expect.stringMatching(/missing/) },
    ]);

    const text = fixture('2fas-encrypted.2fas');
    expect(await errorOf(text)).toBe('password-required');
    expect((await accountsOf(text, TWOFAS_PASSWORD)).data).toEqual(FIVE);
    expect(await errorOf(text, 'wrong password')).toBe('wrong-password');
  });

  it("reads the Authenticator extension's JSON backup (hex and Battle.net entries) and its text export", async () => {
    const { format, data, invalid } = await accountsOf(fixture('authenticator-extension.json'));
    expect(format).toBe('authenticator-extension');
    expect(data).toEqual([
      ...FIVE,
      { ...github, issuer: 'HexCorp', account: 'carol', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
      {
        ...github,
        issuer: 'Blizzard',
        account: 'dave',
        secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ',
        digits: 8,
      },
    ]);
    expect(invalid.map(inEnglish)).toEqual([
      { where: 'entry 8 (Locked)', reason: expect.stringMatching(/encrypted/) },
    ]);
    expect((await accountsOf(fixture('authenticator-extension.txt'))).data).toEqual(FIVE);
  });

  it('reads the TOTP keys of a Bitwarden export (URI, bare secret, steam://) and nothing else', async () => {
    const { format, data, invalid } = await accountsOf(fixture('bitwarden.json'));
    expect(format).toBe('bitwarden');
    expect(data).toEqual([github, { ...aliyun, algorithm: 'SHA1', digits: 6, period: 30 }, steam, unicode]);
    expect(invalid.map(inEnglish)).toEqual([
      { where: 'entry 6 (Broken)', reason: expect.stringMatching(/base32/) },
    ]);
    expect(JSON.stringify(data)).not.toContain('not-imported');
  });
});

describe('detectImportFormat', () => {
  it.each<[string, ImportFormat | null]>([
    ['otpauth-list.txt', 'otpauth-text'],
    ['authenticator-extension.txt', 'otpauth-text'],
    ['google-migration-multi.txt', 'google-migration'],
    ['aegis-plain.json', 'aegis'],
    ['aegis-encrypted.json', 'aegis'],
    ['2fas-plain.2fas', '2fas'],
    ['2fas-encrypted.2fas', '2fas'],
    ['authenticator-extension.json', 'authenticator-extension'],
    ['bitwarden.json', 'bitwarden'],
    ['bitwarden.csv', 'bitwarden-csv'],
    ['bitwarden-protected.json', 'bitwarden'],
    ['mfa-backup-v1.json', 'mfa-backup'],
  ])('%s is %s', (name, format) => {
    expect(detectImportFormat(fixture(name))).toBe(format);
  });

  it('finds nothing in other text', () => {
    expect(detectImportFormat('just some words')).toBeNull();
    expect(detectImportFormat('{"hello": "world"}')).toBeNull();
    expect(detectImportFormat('[1, 2, 3]')).toBeNull();
  });

  it('every registered importer is detected by one of the fixtures', () => {
    const names = [
      'otpauth-list.txt',
      'google-migration-multi.txt',
      'aegis-plain.json',
      '2fas-plain.2fas',
      'authenticator-extension.json',
      'bitwarden.json',
      'bitwarden.csv',
      'lastpass.json',
      'proton-authenticator.json',
      'freeotp-plus.json',
      'andotp.json',
      'authenticator-pro.json',
      'steam-desktop-authenticator.maFile',
      'raivo-otp-export.json',
      'ente-encrypted.json',
    ];
    const detected = new Set(names.map((n) => detectImportFormat(fixture(n))));
    // why: binary files reach the readers as the options page passes them (a data: URL of their bytes).
    for (const binary of ['andotp-encrypted.json.aes', 'authenticator-pro-encrypted.authpro']) {
      detected.add(detectImportFormat(importTextOfBytes(readFileSync(path.join(FIXTURES, binary)))));
    }
    for (const importer of IMPORTERS) expect(detected).toContain(importer.format);
  });
});

describe('bad files fail clearly and quickly', () => {
  it('damaged encrypted Aegis data is corrupt, not a wrong password', async () => {
    const text = editJson('aegis-encrypted.json', (v) => {
      const db = Buffer.from(v.db as string, 'base64');
      db[3] = (db[3] ?? 0) ^ 0x10;
      v.db = db.toString('base64');
    });
    expect(await errorOf(text, AEGIS_PASSWORD)).toBe('corrupt');
  });

  it('an Aegis slot asking for 2^30 scrypt rounds is refused without running it', async () => {
    const text = editJson('aegis-encrypted.json', (v) => {
      const slots = (v.header as { slots: Record<string, unknown>[] }).slots;
      for (const slot of slots) slot.n = 2 ** 30;
    });
    const started = Date.now();
    expect(await errorOf(text, AEGIS_PASSWORD)).toBe('corrupt');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('a biometric-only Aegis vault asks for a password export', async () => {
    const text = editJson('aegis-encrypted.json', (v) => {
      const header = v.header as { slots: { type: number }[] };
      header.slots = header.slots.filter((s) => s.type !== 1);
    });
    expect(await errorOf(text, AEGIS_PASSWORD)).toBe('wrong-format');
  });

  it.each([
    ['two parts', (s: string) => s.split(':').slice(0, 2).join(':')],
    ['a short IV', (s: string) => `${s.split(':').slice(0, 2).join(':')}:AAAA`],
    ['not base64', (s: string) => `!!!${s}`],
  ])('2FAS servicesEncrypted with %s is corrupt', async (_what, damage) => {
    const text = editJson('2fas-encrypted.2fas', (v) => {
      v.servicesEncrypted = damage(v.servicesEncrypted as string);
    });
    expect(await errorOf(text, TWOFAS_PASSWORD)).toBe('corrupt');
  });

  it.each(['aegis-plain.json', '2fas-plain.2fas', 'bitwarden.json', 'mfa-backup-v1.json'])(
    'a truncated %s is corrupt',
    async (name) => {
      const text = fixture(name);
      expect(await errorOf(text.slice(0, Math.floor(text.length * 0.6)), 'some password')).toBe('corrupt');
    },
  );

  it('account-encrypted Bitwarden and Authenticator exports say how to export them readably', async () => {
    const bitwarden = await read(
      JSON.stringify({ encrypted: true, encKeyValidation_DO_NOT_EDIT: '2.x', items: [] }),
    );
    expect(bitwarden).toMatchObject({
      ok: false,
      error: { code: 'wrong-format', message: /account key.*JSON/ },
    });
    // A password-protected one is read (encrypted-imports.test.ts); without its sealed fields it is damaged.
    const protectedEmpty = await read(
      JSON.stringify({ encrypted: true, passwordProtected: true, items: [] }),
    );
    expect(protectedEmpty).toMatchObject({ ok: false, error: { code: 'corrupt', message: /damaged/ } });
    const authenticator = await read(
      JSON.stringify({ abc: { encrypted: true, hash: 'abc', secret: 'opaque', index: 0, type: 'totp' } }),
    );
    expect(authenticator).toMatchObject({ ok: false, error: { code: 'wrong-format', message: /password/ } });
  });

  it('unknown text and JSON are the wrong format', async () => {
    expect(await errorOf('Dear diary,\nnothing here.')).toBe('wrong-format');
    expect(await errorOf('{"hello": "world"}')).toBe('wrong-format');
    expect(await errorOf('')).toBe('wrong-format');
  });

  it('a 50 MB file is refused at once, before it is parsed', async () => {
    const huge = `otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\n${'#'.repeat(50 * 1024 * 1024)}`;
    const started = Date.now();
    expect(await errorOf(huge)).toBe('too-large');
    expect(detectImportFormat(huge)).toBeNull();
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('more than 10,000 accounts is too large', async () => {
    const lines = Array.from({ length: 10_001 }, (_, i) => `otpauth://totp/I:${i}?secret=JBSWY3DPEHPK3PXP`);
    expect(await errorOf(lines.join('\n'))).toBe('too-large');
    const aegis = JSON.stringify({
      version: 1,
      header: { slots: null, params: null },
      db: { entries: new Array(10_001).fill({}) },
    });
    expect(await errorOf(aegis)).toBe('too-large');
  });

  it('a file of garbage lines reports a bounded number of them', async () => {
    const text = ['otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP', ...new Array(5000).fill('garbage')].join(
      '\n',
    );
    const { data, invalid } = await accountsOf(text);
    expect(data).toHaveLength(1);
    expect(invalid).toHaveLength(MAX_REPORTED_INVALID + 1);
    expect(inEnglish(invalid.at(-1)!)).toEqual({
      where: 'rest of the file',
      reason: '4500 more entries could not be read',
    });
  });

  it('deeply nested or odd JSON does not throw', async () => {
    for (const text of ['['.repeat(200_000), '{"a":'.repeat(100_000), 'null', '"text"', '{"items": 5}']) {
      const result = await read(text);
      expect(result.ok).toBe(false);
    }
  });

  it('an Aegis entry with absurd fields is reported, not imported', async () => {
    const text = editJson('aegis-plain.json', (v) => {
      const entries = (v.db as { entries: { info: Record<string, unknown> }[] }).entries;
      (entries[0] as { info: Record<string, unknown> }).info.digits = 99;
      (entries[1] as { info: Record<string, unknown> }).info.period = -5;
      (entries[2] as { info: Record<string, unknown> }).info.secret = { toString: 'x' };
    });
    const { data, invalid } = await accountsOf(text);
    expect(data.map((d: OtpAccountData) => d.issuer)).toEqual(['Steam', '阿里云']);
    expect(invalid.map((i) => inEnglish(i).where)).toEqual([
      'entry 1 (GitHub)',
      'entry 2 (Aliyun)',
      'entry 3 (HotpCorp)',
      'entry 6 (Yandex)',
    ]);
  });
});
