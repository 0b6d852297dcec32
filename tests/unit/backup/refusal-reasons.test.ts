/**
 * Every whole-file refusal, from every reader, carries a reason from a closed list (and the app it names)
 * beside its English sentence: the options page words the reason per language (lib/ui/import-refusals.ts).
 * A reader that went back to returning only a sentence fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORTERS, readImport } from '../../../lib/backup/importers';
import { aegisImporter } from '../../../lib/backup/importers/aegis';
import { importTextOfBytes } from '../../../lib/backup/importers/binary';
import { IMPORT_APPS, IMPORT_REFUSALS } from '../../../lib/backup/import-refusals';
import { MAX_IMPORT_CHARS, type ImportError } from '../../../lib/backup/types';
import { createTranslator } from '../../../lib/ui/i18n';
import { importRefusalText, refusalKeys } from '../../../lib/ui/import-refusals';
import {
  AEGIS_PASSWORD,
  ANDOTP_PASSWORD,
  AUTHENTICATOR_PRO_PASSWORD,
  BACKUP_PASSWORD,
  BITWARDEN_PASSWORD,
  ENTE_PASSWORD,
  FIXTURES,
  TWOFAS_PASSWORD,
  fixture,
  localeGetMessage,
} from './helpers';

const crypto = globalThis.crypto;
const english = createTranslator(localeGetMessage('en'));
const chinese = createTranslator(localeGetMessage('zh_CN'));
const WRONG = 'not the password';

/** The refusal is data the page can word: a known reason, a known app, a wording form for both. */
function expectWordable(error: ImportError): void {
  const where = JSON.stringify(error);
  expect(
    Object.keys(error).every((key) => ['code', 'message', 'reason', 'app', 'detail'].includes(key)),
    where,
  ).toBe(true);
  expect(IMPORT_REFUSALS, where).toContain(error.reason);
  if (error.app !== undefined) expect(IMPORT_APPS, where).toContain(error.app);
  const keys = refusalKeys(error.reason);
  expect(error.app === undefined ? keys?.plain : keys?.named, where).toBeTruthy();
  // why: a missing form falls back to the English message, a missing key shows the key itself.
  for (const translate of [english, chinese]) {
    const text = importRefusalText(error, translate);
    expect(text, where).not.toMatch(/^import[A-Z]|\$/);
    if (error.app !== undefined) expect(text, where).toContain(error.app);
  }
  expect(importRefusalText(error, chinese), where).not.toBe(error.message);
}

async function refusal(text: string, password?: string): Promise<ImportError> {
  const read = await readImport(text, { password, crypto });
  if (read.ok) throw new Error(`expected a refusal, read ${read.format}`);
  expectWordable(read.error);
  return read.error;
}

const bytesOf = (name: string) => readFileSync(path.join(FIXTURES, name));
const binary = (name: string, cut?: number) => importTextOfBytes(bytesOf(name).subarray(0, cut));
const edited = (name: string, edit: (value: Record<string, unknown>) => void) => {
  const value = JSON.parse(fixture(name)) as Record<string, unknown>;
  edit(value);
  return JSON.stringify(value);
};

describe('a refused file has a reason, per format', () => {
  // [what, file text, password, expected refusal]
  it.each<[string, () => string, string | undefined, Partial<ImportError>]>([
    // this extension's own backup: no app is named
    ['backup, no password', () => fixture('mfa-backup-v1.json'), undefined, { reason: 'password-required' }],
    ['backup, wrong password', () => fixture('mfa-backup-v1.json'), WRONG, { reason: 'wrong-password' }],
    [
      'backup, newer version',
      () => edited('mfa-backup-v1.json', (v) => (v.version = 99)),
      BACKUP_PASSWORD,
      { code: 'wrong-format', reason: 'unsupported-version' },
    ],
    [
      'backup, damaged header',
      () => edited('mfa-backup-v1.json', (v) => (v.iv = '!!')),
      BACKUP_PASSWORD,
      { code: 'corrupt', reason: 'damaged' },
    ],
    // Aegis
    [
      'Aegis, no password',
      () => fixture('aegis-encrypted.json'),
      undefined,
      { reason: 'password-required', app: 'Aegis' },
    ],
    [
      'Aegis, wrong password',
      () => fixture('aegis-encrypted.json'),
      WRONG,
      { reason: 'wrong-password', app: 'Aegis' },
    ],
    [
      'Aegis, unsupported version',
      () => edited('aegis-encrypted.json', (v) => (v.version = 3)),
      AEGIS_PASSWORD,
      { code: 'wrong-format', reason: 'unsupported-version', app: 'Aegis', detail: '3' },
    ],
    [
      'Aegis, damaged nonce',
      () =>
        edited(
          'aegis-encrypted.json',
          (v) => ((v.header as { params: { nonce: string } }).params.nonce = 'zz'),
        ),
      AEGIS_PASSWORD,
      { code: 'corrupt', reason: 'damaged', app: 'Aegis' },
    ],
    [
      'Aegis, biometric slots only',
      () =>
        edited('aegis-encrypted.json', (v) => {
          const header = v.header as { slots: { type: number }[] };
          header.slots = header.slots.filter((slot) => slot.type !== 1);
        }),
      AEGIS_PASSWORD,
      { reason: 'no-password-slot', app: 'Aegis' },
    ],
    [
      'Aegis, refused scrypt settings',
      () =>
        edited('aegis-encrypted.json', (v) => {
          for (const slot of (v.header as { slots: Record<string, unknown>[] }).slots) slot.n = 2 ** 30;
        }),
      AEGIS_PASSWORD,
      { code: 'corrupt', reason: 'key-settings-refused', app: 'Aegis' },
    ],
    // 2FAS
    [
      '2FAS, no password',
      () => fixture('2fas-encrypted.2fas'),
      undefined,
      { reason: 'password-required', app: '2FAS' },
    ],
    [
      '2FAS, wrong password',
      () => fixture('2fas-encrypted.2fas'),
      WRONG,
      { reason: 'wrong-password', app: '2FAS' },
    ],
    [
      '2FAS, damaged',
      () => edited('2fas-encrypted.2fas', (v) => (v.servicesEncrypted = `!!!${String(v.servicesEncrypted)}`)),
      TWOFAS_PASSWORD,
      { code: 'corrupt', reason: 'damaged', app: '2FAS' },
    ],
    // andOTP
    [
      'andOTP, no password',
      () => binary('andotp-encrypted.json.aes'),
      undefined,
      { reason: 'password-required', app: 'andOTP' },
    ],
    [
      'andOTP, wrong password',
      () => binary('andotp-encrypted.json.aes'),
      WRONG,
      { reason: 'wrong-password', app: 'andOTP' },
    ],
    [
      'andOTP, cut short',
      () => binary('andotp-encrypted.json.aes', 30),
      ANDOTP_PASSWORD,
      { code: 'corrupt', reason: 'cut-short', app: 'andOTP' },
    ],
    [
      'andOTP, refused iteration count',
      () => {
        const bytes = Buffer.from(bytesOf('andotp-encrypted.json.aes'));
        bytes.writeUInt32BE(10, 0);
        return importTextOfBytes(bytes);
      },
      ANDOTP_PASSWORD,
      { reason: 'key-settings-refused', app: 'andOTP' },
    ],
    ['andOTP, not a list', () => '{"a":1}', undefined, { code: 'wrong-format', reason: 'unknown-format' }],
    // Authenticator Pro
    [
      'Authenticator Pro, no password',
      () => binary('authenticator-pro-encrypted.authpro'),
      undefined,
      { reason: 'password-required', app: 'Authenticator Pro' },
    ],
    [
      'Authenticator Pro, wrong password',
      () => binary('authenticator-pro-legacy.authpro'),
      WRONG,
      { reason: 'wrong-password', app: 'Authenticator Pro' },
    ],
    [
      'Authenticator Pro, cut short',
      () => binary('authenticator-pro-encrypted.authpro', 30),
      AUTHENTICATOR_PRO_PASSWORD,
      { reason: 'cut-short', app: 'Authenticator Pro' },
    ],
    // Ente Auth
    [
      'Ente, no password',
      () => fixture('ente-encrypted.json'),
      undefined,
      { reason: 'password-required', app: 'Ente Auth' },
    ],
    [
      'Ente, wrong password',
      () => fixture('ente-encrypted.json'),
      WRONG,
      { reason: 'wrong-password', app: 'Ente Auth' },
    ],
    [
      'Ente, unsupported version',
      () => edited('ente-encrypted.json', (v) => (v.version = 2)),
      ENTE_PASSWORD,
      { reason: 'unsupported-version', app: 'Ente Auth', detail: '2' },
    ],
    [
      'Ente, damaged nonce',
      () => edited('ente-encrypted.json', (v) => (v.encryptionNonce = 'AAAA')),
      ENTE_PASSWORD,
      { reason: 'damaged', app: 'Ente Auth' },
    ],
    [
      'Ente, refused memory',
      () =>
        edited(
          'ente-encrypted.json',
          (v) => ((v.kdfParams as { memLimit: number }).memLimit = 4 * 1024 ** 3),
        ),
      ENTE_PASSWORD,
      { reason: 'key-settings-refused', app: 'Ente Auth' },
    ],
    // Bitwarden
    [
      'Bitwarden, no password',
      () => fixture('bitwarden-protected.json'),
      undefined,
      { reason: 'password-required', app: 'Bitwarden' },
    ],
    [
      'Bitwarden, wrong password',
      () => fixture('bitwarden-protected.json'),
      WRONG,
      { reason: 'wrong-password', app: 'Bitwarden' },
    ],
    [
      'Bitwarden, refused KDF',
      () => edited('bitwarden-protected.json', (v) => (v.kdfIterations = 1)),
      BITWARDEN_PASSWORD,
      { reason: 'key-settings-refused', app: 'Bitwarden' },
    ],
    [
      'Bitwarden, account-key encrypted',
      () => JSON.stringify({ encrypted: true, encKeyValidation_DO_NOT_EDIT: '2.x', items: [] }),
      undefined,
      { reason: 'account-key-encrypted', app: 'Bitwarden' },
    ],
    [
      'Bitwarden, protected without its sealed fields',
      () => JSON.stringify({ encrypted: true, passwordProtected: true, items: [] }),
      undefined,
      { code: 'corrupt', reason: 'damaged', app: 'Bitwarden' },
    ],
    [
      'Bitwarden CSV, an unclosed quote',
      () => `${fixture('bitwarden.csv').trimEnd()}\nx,"unclosed`,
      undefined,
      { reason: 'damaged', app: 'Bitwarden' },
    ],
    // the others
    [
      'Authenticator extension, sealed with its own password',
      () =>
        JSON.stringify({ abc: { encrypted: true, hash: 'abc', secret: 'opaque', index: 0, type: 'totp' } }),
      undefined,
      { reason: 'app-password-encrypted', app: 'Authenticator' },
    ],
    [
      'Steam Desktop Authenticator, manifest.json',
      () => JSON.stringify({ encrypted: true, first_run: false, entries: [{ filename: '1.maFile' }] }),
      undefined,
      { reason: 'holds-no-keys', app: 'Steam Desktop Authenticator' },
    ],
    // any file
    [
      'unknown text',
      () => 'Dear diary,\nnothing here.',
      undefined,
      { code: 'wrong-format', reason: 'unknown-format' },
    ],
    [
      'JSON cut short',
      () => fixture('aegis-plain.json').slice(0, 200),
      undefined,
      { code: 'corrupt', reason: 'damaged' },
    ],
    [
      'over 10 MB',
      () => ' '.repeat(MAX_IMPORT_CHARS + 1),
      undefined,
      { code: 'too-large', reason: 'file-too-large' },
    ],
  ])('%s', async (_what, text, password, expected) => {
    const error = await refusal(text(), password);
    expect(error).toMatchObject(expected);
    if (expected.app === undefined) expect(error.app).toBeUndefined();
  });

  it('names no app for this extension’s own backups', async () => {
    expect((await refusal(fixture('mfa-backup-v1.json'))).app).toBeUndefined();
  });

  it('keeps a version from the file as short, clean text', async () => {
    const json = JSON.parse(fixture('aegis-encrypted.json')) as Record<string, unknown>;
    json.version = `\u202E9\u0000${'9'.repeat(100)}`;
    const result = await aegisImporter.read({ text: '', json }, { crypto });
    if (result.ok) throw new Error('expected a refusal');
    expectWordable(result.error);
    expect(result.error).toMatchObject({ reason: 'unsupported-version', app: 'Aegis' });
    expect(result.error.detail).toBe(`9 ${'9'.repeat(38)}`);
  });
});

describe('every reader refuses a file of another shape with a reason naming its app', () => {
  it.each(IMPORTERS.map((importer) => [importer.format, importer] as const))(
    '%s',
    async (_format, importer) => {
      for (const json of [null, 'text', 7, [3], { nothing: true }]) {
        const result = await importer.read({ text: JSON.stringify(json), json }, { crypto });
        // why: a few readers take any list or object and report its entries instead; those are not refusals.
        if (result.ok) continue;
        expectWordable(result.error);
      }
    },
  );
});

describe('every fixture, refused in each usual way, gives a wordable reason', () => {
  const names = readdirSync(FIXTURES).filter((name) => !name.endsWith('.mjs'));

  it.each(names)('%s', async (name) => {
    const bytes = bytesOf(name);
    const text = /\.(aes|authpro)$/.test(name) ? importTextOfBytes(bytes) : bytes.toString('utf8');
    const attempts = [
      readImport(text, { password: WRONG, crypto }),
      readImport(text, { crypto }),
      readImport(text.slice(0, Math.floor(text.length * 0.6)), { password: WRONG, crypto }),
      readImport(text.slice(0, 40), { crypto }),
    ];
    for (const read of await Promise.all(attempts)) if (!read.ok) expectWordable(read.error);
  });
});
