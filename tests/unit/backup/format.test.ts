import { beforeAll, describe, expect, it } from 'vitest';
import {
  BACKUP_KDF_MIN_ITERATIONS,
  BackupError,
  backupFileName,
  createBackup,
  readBackup,
  type BackupAccount,
  type BackupFile,
} from '../../../lib/backup/format';
import { instrumentedCrypto } from '../vault/helpers';
import { BACKUP_PASSWORD, FIXTURE_ACCOUNTS, fixture, mixedAccounts } from './helpers';

const crypto = globalThis.crypto;
const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const PASSWORD = 'a backup password';

const accounts: BackupAccount[] = mixedAccounts(4).map((data, order) => ({
  data,
  allowedSites: order === 0 ? ['github.com'] : [],
  enrolledOrigin: order === 0 ? 'https://github.com' : '',
  pinned: order === 1,
  order,
}));

async function readError(json: string, password = PASSWORD, with_ = crypto): Promise<BackupError> {
  try {
    await readBackup(json, password, with_);
  } catch (error) {
    if (error instanceof BackupError) return error;
    throw error;
  }
  throw new Error('readBackup accepted the file');
}

// why: one real 600k-iteration backup shared by the tests that only alter its JSON.
let json: string;
let file: BackupFile;
beforeAll(async () => {
  json = await createBackup(accounts, PASSWORD, crypto, NOW);
  file = JSON.parse(json) as BackupFile;
});

const withFile = (patch: Partial<Record<keyof BackupFile, unknown>>) => JSON.stringify({ ...file, ...patch });

describe('createBackup', () => {
  it('writes the documented header and nothing readable about the accounts', () => {
    expect(file).toMatchObject({
      format: 'mfa-authenticator-backup',
      version: 1,
      kdf: { name: 'PBKDF2-SHA256', iterations: BACKUP_KDF_MIN_ITERATIONS },
      createdAt: '2025-06-01T12:00:00.000Z',
      count: 4,
    });
    expect(Buffer.from(file.kdf.salt, 'base64')).toHaveLength(32);
    expect(Buffer.from(file.iv, 'base64')).toHaveLength(12);
    for (const { data } of accounts) {
      expect(json).not.toContain(data.secret);
      expect(json).not.toContain(data.issuer);
    }
  });

  it('refuses fewer iterations than the floor', async () => {
    await expect(createBackup(accounts, PASSWORD, crypto, NOW, { iterations: 1000 })).rejects.toThrow(
      RangeError,
    );
  });

  it('names the file after the date', () => {
    expect(backupFileName(NOW)).toBe('mfa-authenticator-backup-2025-06-01.json');
  });
});

describe('readBackup', () => {
  it('gives back exactly what was written', async () => {
    const result = await readBackup(json, PASSWORD, crypto);
    expect(result.accounts).toEqual(accounts);
    expect(result.invalid).toEqual([]);
    expect(result.createdAt).toBe('2025-06-01T12:00:00.000Z');
  });

  it('reads a file written by an independent implementation (the fixture generator, Node crypto)', async () => {
    const result = await readBackup(fixture('mfa-backup-v1.json'), BACKUP_PASSWORD, crypto);
    expect(result.accounts.map((a) => a.data)).toEqual([
      FIXTURE_ACCOUNTS.github,
      FIXTURE_ACCOUNTS.hotp,
      FIXTURE_ACCOUNTS.unicode,
    ]);
    expect(result.accounts[0]).toMatchObject({ pinned: true, allowedSites: ['github.com'] });
  });

  it('reports a wrong password', async () => {
    expect((await readError(json, 'not the password')).code).toBe('wrong-password-or-tampered');
  });

  it.each([
    ['the date', { createdAt: '2020-01-01T00:00:00.000Z' }],
    ['the count', { count: 3 }],
  ])('detects a change to %s in the header (it is authenticated)', async (_what, patch) => {
    expect((await readError(withFile(patch))).code).toBe('wrong-password-or-tampered');
  });

  it('detects one flipped bit in the ciphertext', async () => {
    const bytes = Buffer.from(file.ciphertext, 'base64');
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    expect((await readError(withFile({ ciphertext: bytes.toString('base64') }))).code).toBe(
      'wrong-password-or-tampered',
    );
  });

  it.each([
    ['below the floor', 599_999],
    ['absurdly high', 2_000_000_000],
    ['not an integer', 600_000.5],
  ])('refuses iterations %s without deriving anything', async (_what, iterations) => {
    const counted = instrumentedCrypto();
    const error = await readError(withFile({ kdf: { ...file.kdf, iterations } }), PASSWORD, counted.crypto);
    expect(error.code).toBe('corrupt');
    expect(counted.calls.deriveKey ?? 0).toBe(0);
  });

  it.each([
    ['a short salt', { kdf: { name: 'PBKDF2-SHA256', iterations: 600_000, salt: 'AAAA' } }, 'corrupt'],
    ['an unknown KDF', { kdf: { name: 'argon2id', iterations: 600_000, salt: 'AAAA' } }, 'corrupt'],
    ['a bad IV', { iv: 'AAAA' }, 'corrupt'],
    ['no ciphertext', { ciphertext: '' }, 'corrupt'],
    ['a negative count', { count: -1 }, 'corrupt'],
    ['more than 10,000 accounts', { count: 10_001 }, 'too-large'],
    ['a newer version', { version: 2 }, 'unsupported-version'],
    ['another format', { format: 'aegis' }, 'not-a-backup'],
  ])('refuses %s before deriving', async (_what, patch, code) => {
    const counted = instrumentedCrypto();
    expect((await readError(withFile(patch), PASSWORD, counted.crypto)).code).toBe(code);
    expect(counted.calls.deriveKey ?? 0).toBe(0);
  });

  it('calls a cut-off file corrupt, other text not a backup, and a 10 MB+ file too large, quickly', async () => {
    expect((await readError(json.slice(0, json.length / 2))).code).toBe('corrupt');
    expect((await readError('hello')).code).toBe('not-a-backup');
    const huge = `{"format":"mfa-authenticator-backup","pad":"${'x'.repeat(11 * 1024 * 1024)}"}`;
    const started = Date.now();
    expect((await readError(huge)).code).toBe('too-large');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
