/**
 * Every skipped entry, from every reader, is a code and a place (data), never free English text: the
 * options page words them per language (lib/ui/import-skip-reasons.ts). A reader that went back to
 * returning a sentence fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImport } from '../../../lib/backup/importers';
import { importTextOfBytes } from '../../../lib/backup/importers/binary';
import { otpSkipCause, PLACE_KINDS, SKIP_REASONS } from '../../../lib/backup/skip-reasons';
import { parseOtpauthUri, validateAccountData } from '../../../lib/otp/uri';
import type { OtpParseResult } from '../../../lib/otp/types';
import type { InvalidEntry } from '../../../lib/backup/types';
import { skipReasonKey } from '../../../lib/ui/import-skip-reasons';
import {
  AEGIS_PASSWORD,
  ANDOTP_PASSWORD,
  AUTHENTICATOR_PRO_PASSWORD,
  BACKUP_PASSWORD,
  BITWARDEN_PASSWORD,
  ENTE_PASSWORD,
  FIXTURES,
  TWOFAS_PASSWORD,
  inEnglish,
} from './helpers';

const crypto = globalThis.crypto;

function expectCoded(entry: InvalidEntry): void {
  expect(
    Object.keys(entry).every((key) => ['at', 'code', 'detail', 'count'].includes(key)),
    JSON.stringify(entry),
  ).toBe(true);
  expect(SKIP_REASONS).toContain(entry.code);
  expect(skipReasonKey(entry.code)).not.toBeNull();
  expect(PLACE_KINDS).toContain(entry.at.kind);
  if (entry.detail !== undefined) expect(typeof entry.detail).toBe('string');
  if (entry.count !== undefined) expect(Number.isSafeInteger(entry.count)).toBe(true);
  const { where, reason } = inEnglish(entry);
  // why: an unknown code or place would show the fallback key, not a sentence.
  expect(where).not.toMatch(/^import[A-Z]/);
  expect(reason).not.toMatch(/^import[A-Z]/);
}

async function skipped(
  text: string,
  password?: string,
): Promise<{ format: string | null; invalid: InvalidEntry[] }> {
  const read = await readImport(text, { password, crypto });
  if (!read.ok) throw new Error(`${read.format}: ${read.error.code} ${read.error.message}`);
  return { format: read.format, invalid: read.invalid };
}

const file = (name: string) => importTextOfBytes(readFileSync(path.join(FIXTURES, name)));

describe('a skipped entry has a code and a place, in every reader', () => {
  // Fixture files that hold a malformed entry, and the code it gets.
  it.each([
    ['otpauth-list.txt', undefined, 'otpauth-text', ['secret-not-base32', 'not-otpauth-link']],
    ['google-migration-missing.txt', undefined, 'google-migration', ['qr-missing']],
    ['aegis-plain.json', undefined, 'aegis', ['unsupported-type']],
    ['aegis-encrypted.json', AEGIS_PASSWORD, 'aegis', ['unsupported-type']],
    ['2fas-plain.2fas', undefined, '2fas', ['secret-missing']],
    ['2fas-encrypted.2fas', TWOFAS_PASSWORD, '2fas', ['secret-missing']],
    ['authenticator-extension.json', undefined, 'authenticator-extension', ['entry-encrypted']],
    ['authenticator-pro.json', undefined, 'authenticator-pro', ['unsupported-type']],
    ['bitwarden.csv', undefined, 'bitwarden-csv', ['secret-not-base32']],
    ['bitwarden.json', undefined, 'bitwarden', ['secret-not-base32']],
    ['bitwarden-protected.json', BITWARDEN_PASSWORD, 'bitwarden', ['secret-not-base32']],
    ['freeotp-plus.json', undefined, 'freeotp-plus', ['secret-not-bytes']],
    ['lastpass.json', undefined, 'lastpass', ['secret-missing']],
    ['proton-authenticator.json', undefined, 'proton-authenticator', ['no-otp-link']],
  ])('%s', async (name, password, format, codes) => {
    const read = await skipped(file(name), password);
    expect(read.format).toBe(format);
    expect(read.invalid.map((entry) => entry.code)).toEqual(codes);
    read.invalid.forEach(expectCoded);
  });

  // Encrypted files without a malformed entry still go through the same collector; checked for shape.
  it.each([
    ['andotp-encrypted.json.aes', ANDOTP_PASSWORD],
    ['authenticator-pro-encrypted.authpro', AUTHENTICATOR_PRO_PASSWORD],
    ['ente-encrypted.json', ENTE_PASSWORD],
    ['mfa-backup-v1.json', BACKUP_PASSWORD],
  ])('%s', async (name, password) => {
    (await skipped(file(name), password)).invalid.forEach(expectCoded);
  });

  // Readers whose fixtures hold no malformed entry: a small malformed file each.
  it.each([
    [
      'andOTP',
      'andotp',
      '[null,{"secret":"JBSWY3DPEHPK3PXP","label":"a","type":"MOTP"}]',
      ['not-an-entry', 'unsupported-type'],
    ],
    [
      'Raivo',
      'raivo',
      '[1,{"kind":"YANDEX","secret":"JBSWY3DPEHPK3PXP","timer":"30"}]',
      ['not-an-entry', 'unsupported-type'],
    ],
    [
      'Steam Desktop Authenticator',
      'steam-desktop-authenticator',
      '{"account_name":"gamer","shared_secret":"@@@","revocation_code":"R1"}',
      ['secret-not-base64'],
    ],
    [
      'Authenticator extension (hex)',
      'authenticator-extension',
      '{"a":{"issuer":"X","account":"x","secret":"zz","type":"hex","encrypted":false}}',
      ['secret-not-hex'],
    ],
    [
      'otpauth list, every link rule',
      'otpauth-text',
      [
        'otpauth://motp/A:b?secret=JBSWY3DPEHPK3PXP',
        'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&algorithm=MD5',
        'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&digits=99',
        'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&period=0',
        'otpauth://totp/A:b',
        'otpauth://totp/A%ZZ:b?secret=JBSWY3DPEHPK3PXP',
        'otpauth-migration://offline?data=%%%',
      ].join('\n'),
      [
        'unsupported-type',
        'unsupported-algorithm',
        'digits-out-of-range',
        'period-out-of-range',
        'secret-missing',
        'link-malformed',
        'migration-not-base64',
      ],
    ],
  ])('%s', async (_name, format, text, codes) => {
    const read = await skipped(text);
    expect(read.format).toBe(format);
    expect(read.invalid.map((entry) => entry.code)).toEqual(codes);
    read.invalid.forEach(expectCoded);
  });

  it('cleans a detail from the file: no bidi or control characters, at most 40 characters', async () => {
    const entries = [
      { type: `\u202Eyandex\u0000${'x'.repeat(100)}`, name: 'a', info: { secret: 'JBSWY3DPEHPK3PXP' } },
    ];
    const read = await skipped(
      JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries } }),
    );
    expect(read.format).toBe('aegis');
    expect(read.invalid[0]?.detail).toBe(`yandex ${'x'.repeat(32)}`);
  });

  it('names an unknown type or algorithm from the file as a detail, not inside a sentence', async () => {
    const read = await skipped(
      'otpauth://motp/A:b?secret=JBSWY3DPEHPK3PXP\notpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&algorithm=MD5',
    );
    expect(read.invalid.map(({ code, detail }) => [code, detail])).toEqual([
      ['unsupported-type', 'motp'],
      ['unsupported-algorithm', 'MD5'],
    ]);
    expect(read.invalid.map((entry) => inEnglish(entry).reason)).toEqual([
      'motp entries are not supported',
      'Unsupported algorithm "MD5": use SHA1, SHA256 or SHA512.',
    ]);
  });
});

describe('otpSkipCause: each refusal of the shared validator and the otpauth parser has its own code', () => {
  const good = {
    kind: 'totp',
    issuer: 'A',
    account: 'a',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  };
  const cause = (result: OtpParseResult) => {
    if (result.ok) throw new Error('expected a refusal');
    return otpSkipCause(result.error);
  };

  it.each([
    ['not an object', validateAccountData('x'), { code: 'not-an-entry' }],
    ['unknown kind', validateAccountData({ ...good, kind: 'motp' }), { code: 'unsupported-kind' }],
    ['no secret', validateAccountData({ ...good, secret: '' }), { code: 'secret-missing' }],
    ['not base32', validateAccountData({ ...good, secret: 'AB*' }), { code: 'secret-not-base32' }],
    [
      'secret too long',
      validateAccountData({ ...good, secret: 'A'.repeat(1_100) }),
      { code: 'secret-too-long' },
    ],
    ['secret too short', validateAccountData({ ...good, secret: 'A' }), { code: 'secret-too-short' }],
    [
      'algorithm',
      validateAccountData({ ...good, algorithm: 'MD5' }),
      { code: 'unsupported-algorithm', detail: 'MD5' },
    ],
    ['label not text', validateAccountData({ ...good, issuer: 5 }), { code: 'label-not-text' }],
    ['no label', validateAccountData({ ...good, issuer: '', account: '' }), { code: 'label-missing' }],
    ['digits', validateAccountData({ ...good, digits: 3 }), { code: 'digits-out-of-range' }],
    ['period', validateAccountData({ ...good, period: 0 }), { code: 'period-out-of-range' }],
    [
      'counter',
      validateAccountData({ ...good, kind: 'hotp', counter: -1 }),
      { code: 'counter-out-of-range' },
    ],
    [
      'link too long',
      parseOtpauthUri(`otpauth://totp/A?secret=${'A'.repeat(5_000)}`),
      { code: 'link-too-long' },
    ],
    ['not a link', parseOtpauthUri('https://example.com'), { code: 'not-otpauth-link' }],
    [
      'link type',
      parseOtpauthUri('otpauth://yubi/A?secret=JBSWY3DPEHPK3PXP'),
      { code: 'unsupported-type', detail: 'yubi' },
    ],
    [
      'bad escape',
      parseOtpauthUri('otpauth://totp/A%G1?secret=JBSWY3DPEHPK3PXP'),
      { code: 'link-malformed' },
    ],
  ])('%s', (_what, result, expected) => {
    expect(cause(result)).toEqual(expected);
  });
});
