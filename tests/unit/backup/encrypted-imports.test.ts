/**
 * Other apps' encrypted exports (issue 16): Bitwarden password-protected JSON (PBKDF2 and Argon2id), andOTP
 * `.json.aes`, Authenticator Pro `.authpro` (Argon2id/GCM and the legacy PBKDF2/CBC) and Ente Auth. Each
 * fixture was sealed by tests/fixtures/backup/generate-encrypted.mjs with independent implementations
 * (Node crypto, hash-wasm, libsodium).
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { argon2ParamsProblem } from '../../../lib/backup/argon2';
import { detectImportFormat, readImport } from '../../../lib/backup/importers';
import { BINARY_FILE_PREFIX, importTextOfBytes } from '../../../lib/backup/importers/binary';
import type { ImportFormat } from '../../../lib/backup/types';
import { generateCode } from '../../../lib/otp/generate';
import { base32ToBytes } from '../../../lib/otp/base32';
import type { OtpAccountData } from '../../../lib/otp/types';
import {
  ANDOTP_PASSWORD,
  AUTHENTICATOR_PRO_PASSWORD,
  BITWARDEN_PASSWORD,
  ENTE_PASSWORD,
  FIXTURE_ACCOUNTS,
  FIXTURES,
  fixture,
  inEnglish,
} from './helpers';

const crypto = globalThis.crypto;
const { github, aliyun, hotp, steam, unicode } = FIXTURE_ACCOUNTS;
const FIVE = [github, aliyun, hotp, steam, unicode];

/** A fixture as the options page hands it to the readers (binary files as a data: URL). */
function fileText(name: string): string {
  return importTextOfBytes(readFileSync(path.join(FIXTURES, name)));
}

async function accountsOf(text: string, password?: string) {
  const result = await readImport(text, { password, crypto });
  if (!result.ok) throw new Error(`import failed: ${result.error.code} ${result.error.message}`);
  return { format: result.format, data: result.accounts.map((a) => a.data), invalid: result.invalid };
}

async function failureOf(text: string, password?: string) {
  const result = await readImport(text, { password, crypto });
  if (result.ok) throw new Error('import unexpectedly succeeded');
  return { format: result.format, ...result.error };
}

/** RFC 4226/6238 with Node's HMAC and Steam's alphabet: an independent generator for the codes. */
function independentCode(account: OtpAccountData, nowMs: number): string {
  const counter = account.kind === 'hotp' ? account.counter : Math.floor(nowMs / 1000 / account.period);
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const hash = account.algorithm.toLowerCase();
  const mac = createHmac(hash, base32ToBytes(account.secret)).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  let value = mac.readUInt32BE(offset) & 0x7fffffff;
  if (account.kind === 'steam') {
    const alphabet = '23456789BCDFGHJKMNPQRTVWXY';
    let code = '';
    for (let i = 0; i < 5; i++) {
      code += alphabet[value % alphabet.length];
      value = Math.floor(value / alphabet.length);
    }
    return code;
  }
  return String(value % 10 ** account.digits).padStart(account.digits, '0');
}

function expectCodesMatch(accounts: OtpAccountData[]) {
  for (const nowMs of [0, 1_111_111_109_000, 1_700_000_000_000]) {
    for (const account of accounts)
      expect(generateCode(account, nowMs)).toBe(independentCode(account, nowMs));
  }
}

interface Case {
  name: string;
  format: ImportFormat;
  password: string;
  /** The plain fixture it seals: the encrypted file must read exactly as it. */
  plain: string;
}

const CASES: Case[] = [
  {
    name: 'bitwarden-protected.json',
    format: 'bitwarden',
    password: BITWARDEN_PASSWORD,
    plain: 'bitwarden.json',
  },
  {
    name: 'bitwarden-protected-argon2.json',
    format: 'bitwarden',
    password: BITWARDEN_PASSWORD,
    plain: 'bitwarden.json',
  },
  {
    name: 'andotp-encrypted.json.aes',
    format: 'andotp-encrypted',
    password: ANDOTP_PASSWORD,
    plain: 'andotp.json',
  },
  {
    name: 'authenticator-pro-encrypted.authpro',
    format: 'authenticator-pro-encrypted',
    password: AUTHENTICATOR_PRO_PASSWORD,
    plain: 'authenticator-pro.json',
  },
  {
    name: 'authenticator-pro-legacy.authpro',
    format: 'authenticator-pro-encrypted',
    password: AUTHENTICATOR_PRO_PASSWORD,
    plain: 'authenticator-pro.json',
  },
  {
    name: 'ente-encrypted.json',
    format: 'ente-encrypted',
    password: ENTE_PASSWORD,
    plain: 'otpauth-list.txt',
  },
];

describe.each(CASES)('$name', ({ name, format, password, plain }) => {
  const text = fileText(name);

  it('is recognised, asks for its password, and imports exactly what its plain export holds', async () => {
    expect(detectImportFormat(text)).toBe(format);
    expect(await failureOf(text)).toMatchObject({ format, code: 'password-required' });
    const read = await accountsOf(text, password);
    expect(read.format).toBe(format);
    const expected = await accountsOf(fixture(plain));
    expect(read.data).toEqual(expected.data);
    expect(read.data.length).toBeGreaterThan(0);
    expectCodesMatch(read.data);
  });

  it('a wrong password is refused as such, with nothing read', async () => {
    const error = await failureOf(text, `${password}!`);
    expect(error).toMatchObject({ format, code: 'wrong-password' });
    expect(error.message).toMatch(/wrong password/i);
  });
});

describe('what each encrypted file holds (type, issuer, name, secret, algorithm, digits, period, counter)', () => {
  it('andOTP, Authenticator Pro and Ente: the five fixture accounts exactly', async () => {
    for (const [name, password] of [
      ['andotp-encrypted.json.aes', ANDOTP_PASSWORD],
      ['authenticator-pro-encrypted.authpro', AUTHENTICATOR_PRO_PASSWORD],
      ['ente-encrypted.json', ENTE_PASSWORD],
    ] as const) {
      const { data } = await accountsOf(fileText(name), password);
      expect(data.slice(0, 5)).toEqual(FIVE);
    }
  });

  it('Bitwarden: the TOTP items of the export inside', async () => {
    const { data, invalid } = await accountsOf(fixture('bitwarden-protected.json'), BITWARDEN_PASSWORD);
    expect(data).toEqual([github, { ...aliyun, algorithm: 'SHA1', digits: 6, period: 30 }, steam, unicode]);
    expect(invalid.map(inEnglish)).toEqual([{ where: 'entry 6 (Broken)', reason: expect.any(String) }]);
  });
});

/** A parsed export file edited in place by the damage tests: any field, any depth. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests reach into arbitrary nested fields
type EditableJson = Record<string, any>;

describe('damaged and hostile files give a clear error and read nothing', () => {
  function editJson(name: string, edit: (value: EditableJson) => void): string {
    const value = JSON.parse(fixture(name)) as EditableJson;
    edit(value);
    return JSON.stringify(value);
  }

  /** Flips one bit of the base64 payload's bytes at `index`. */
  function flipBase64(value: string, index: number): string {
    const bytes = Buffer.from(value, 'base64');
    bytes[index]! ^= 0x01;
    return bytes.toString('base64');
  }

  it('Bitwarden: changed data (key check intact) is reported as changed, not as a wrong password', async () => {
    const text = editJson('bitwarden-protected.json', (v) => {
      const [iv, ciphertext, mac] = (v.data as string).slice(2).split('|');
      v.data = `2.${iv}|${flipBase64(ciphertext!, 20)}|${mac}`;
    });
    const error = await failureOf(text, BITWARDEN_PASSWORD);
    expect(error).toMatchObject({ code: 'corrupt' });
    expect(error.message).toMatch(/changed/);
  });

  it('Bitwarden: a flipped IV bit that still decrypts to valid JSON (CBC malleability) is refused', async () => {
    // The inner export starts `{\n  "encrypted"`: flipping bit 5 of IV byte 5 turns it into "Encrypted",
    // still JSON, still importable, if the MAC were not checked first.
    const text = editJson('bitwarden-protected.json', (v) => {
      const [iv, ciphertext, mac] = (v.data as string).slice(2).split('|');
      const bytes = Buffer.from(iv!, 'base64');
      bytes[5]! ^= 0x20;
      v.data = `2.${bytes.toString('base64')}|${ciphertext}|${mac}`;
    });
    const error = await failureOf(text, BITWARDEN_PASSWORD);
    expect(error).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/changed/) });
  });

  it('Bitwarden: a cut-short file, a malformed EncString and refused KDF settings', async () => {
    const whole = fixture('bitwarden-protected.json');
    expect((await failureOf(whole.slice(0, whole.length / 2), BITWARDEN_PASSWORD)).code).toBe('corrupt');
    const cut = editJson('bitwarden-protected.json', (v) => {
      v.data = (v.data as string).slice(0, -10);
    });
    expect((await failureOf(cut, BITWARDEN_PASSWORD)).code).toBe('corrupt');
    for (const edit of [
      (v: EditableJson) => (v.kdfIterations = 1),
      (v: EditableJson) => (v.kdfIterations = 2 ** 31),
      (v: EditableJson) => (v.kdfType = 7),
    ]) {
      const error = await failureOf(editJson('bitwarden-protected.json', edit), BITWARDEN_PASSWORD);
      expect(error).toMatchObject({
        code: 'corrupt',
        message: expect.stringMatching(/key settings are refused/),
      });
    }
    // Argon2id asking for 4 GiB is refused before any derivation.
    const hungry = editJson('bitwarden-protected-argon2.json', (v) => (v.kdfMemory = 4096));
    expect(await failureOf(hungry, BITWARDEN_PASSWORD)).toMatchObject({
      code: 'corrupt',
      message: expect.stringMatching(/more than 1 GiB/),
    });
  });

  it('Ente: 4 GiB or too many passes are refused before deriving; a changed byte is refused', async () => {
    for (const [edit, reason] of [
      [(v: EditableJson) => (v.kdfParams.memLimit = 4 * 1024 ** 3), /more than 1 GiB/],
      [(v: EditableJson) => (v.kdfParams.opsLimit = 1000), /iterations must be/],
      [
        (v: EditableJson) => {
          v.kdfParams.memLimit = 512 * 1024 ** 2;
          v.kdfParams.opsLimit = 16;
        },
        /too much work/,
      ],
    ] as const) {
      const started = Date.now();
      const error = await failureOf(editJson('ente-encrypted.json', edit), ENTE_PASSWORD);
      expect(error).toMatchObject({ format: 'ente-encrypted', code: 'corrupt' });
      expect(error.message).toMatch(reason);
      expect(Date.now() - started).toBeLessThan(1000);
    }
    const changed = editJson('ente-encrypted.json', (v) => {
      v.encryptedData = flipBase64(v.encryptedData as string, 30);
    });
    expect(await failureOf(changed, ENTE_PASSWORD)).toMatchObject({ code: 'wrong-password' });
    const cut = editJson('ente-encrypted.json', (v) => {
      v.encryptedData = Buffer.from(v.encryptedData as string, 'base64')
        .subarray(0, 40)
        .toString('base64');
    });
    expect(await failureOf(cut, ENTE_PASSWORD)).toMatchObject({ code: 'wrong-password' });
    const badNonce = editJson('ente-encrypted.json', (v) => (v.encryptionNonce = 'AAAA'));
    expect(await failureOf(badNonce, ENTE_PASSWORD)).toMatchObject({ code: 'corrupt' });
    const whole = fixture('ente-encrypted.json');
    expect((await failureOf(whole.slice(0, whole.length - 30), ENTE_PASSWORD)).code).toBe('corrupt');
  });

  it.each([
    ['andotp-encrypted.json.aes', ANDOTP_PASSWORD],
    ['authenticator-pro-encrypted.authpro', AUTHENTICATOR_PRO_PASSWORD],
    ['authenticator-pro-legacy.authpro', AUTHENTICATOR_PRO_PASSWORD],
  ])('%s: a changed byte or a cut-short file is refused', async (name, password) => {
    const bytes = readFileSync(path.join(FIXTURES, name));
    const changed = Buffer.from(bytes);
    changed[changed.length - 20]! ^= 0x01;
    const error = await failureOf(importTextOfBytes(changed), password);
    expect(error.code).toBe('wrong-password');
    expect(error.message).toMatch(/changed or cut short/);
    // Cut inside the header: recognised, and said to be cut short without asking for the password.
    const short = await failureOf(importTextOfBytes(bytes.subarray(0, 30)), password);
    expect(short).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/cut short/) });
    // Cut in the ciphertext: the tag (or, for the legacy file, the padding or JSON) no longer matches.
    expect((await failureOf(importTextOfBytes(bytes.subarray(0, bytes.length - 16)), password)).code).toBe(
      'wrong-password',
    );
  });

  it('andOTP: a file asking for too few or too many iterations is refused before deriving', async () => {
    const bytes = Buffer.from(readFileSync(path.join(FIXTURES, 'andotp-encrypted.json.aes')));
    bytes.writeUInt32BE(10, 0);
    expect(await failureOf(importTextOfBytes(bytes), ANDOTP_PASSWORD)).toMatchObject({
      format: 'andotp-encrypted',
      code: 'corrupt',
      message: expect.stringMatching(/PBKDF2 iterations/),
    });
  });
});

describe('random damage never throws and never imports anything altered', () => {
  /** A deterministic stream of positions (no Math.random: a failure must reproduce). */
  function positions(length: number, count: number, seed: number): number[] {
    let x = seed;
    return Array.from({ length: count }, () => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return x % length;
    });
  }

  it.each([
    ['ente-encrypted.json', ENTE_PASSWORD],
    ['bitwarden-protected-argon2.json', BITWARDEN_PASSWORD],
    ['andotp-encrypted.json.aes', ANDOTP_PASSWORD],
  ])('%s with one byte changed, 12 times', async (name, password) => {
    const bytes = readFileSync(path.join(FIXTURES, name));
    const original = await accountsOf(importTextOfBytes(bytes), password);
    for (const at of positions(bytes.length, 12, bytes.length)) {
      const changed = Buffer.from(bytes);
      changed[at] = changed[at]! ^ 0x04;
      const result = await readImport(importTextOfBytes(changed), { password, crypto });
      // A change the format does not authenticate (JSON layout, an unused field) may still read: then it
      // must read exactly as the original.
      if (result.ok) expect(result.accounts.map((a) => a.data)).toEqual(original.data);
      else expect(result.error.message.length).toBeGreaterThan(10);
    }
  });
});

describe('binary files on the text path', () => {
  it('a text file stays text; a binary file becomes a data: URL of its exact bytes', () => {
    expect(importTextOfBytes(Buffer.from(fixture('andotp.json'), 'utf8'))).toBe(fixture('andotp.json'));
    const bytes = readFileSync(path.join(FIXTURES, 'andotp-encrypted.json.aes'));
    const text = importTextOfBytes(bytes);
    expect(text.startsWith(BINARY_FILE_PREFIX)).toBe(true);
    expect(Buffer.from(text.slice(BINARY_FILE_PREFIX.length), 'base64').equals(bytes)).toBe(true);
    // valid UTF-8 with a NUL is still binary
    expect(importTextOfBytes(new Uint8Array([0x7b, 0, 0x7d])).startsWith(BINARY_FILE_PREFIX)).toBe(true);
  });

  it('an unknown binary file is not taken for an encrypted export', () => {
    expect(
      detectImportFormat(importTextOfBytes(new Uint8Array([0xff, 0xff, 0xff, 0xff, 1, 2, 3]))),
    ).toBeNull();
  });
});

describe('Argon2 bounds', () => {
  it.each([
    [{ memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 }, null],
    [{ memoryKiB: 1024 * 1024, iterations: 4, parallelism: 1 }, null],
    [{ memoryKiB: 4 * 1024 * 1024, iterations: 1, parallelism: 1 }, /1 GiB/],
    [{ memoryKiB: 1024 * 1024, iterations: 5, parallelism: 1 }, /too much work/],
    [{ memoryKiB: 4, iterations: 1, parallelism: 1 }, /at least 8 KiB/],
    [{ memoryKiB: 65536, iterations: 0, parallelism: 1 }, /iterations/],
    [{ memoryKiB: 65536, iterations: 1, parallelism: 0 }, /parallelism/],
    [{ memoryKiB: 65536, iterations: 1.5, parallelism: 1 }, /iterations/],
  ])('%o → %s', (params, expected) => {
    const problem = argon2ParamsProblem(params);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
