/**
 * The plain exports of LastPass Authenticator, Proton Authenticator, FreeOTP+, andOTP, Authenticator Pro,
 * Steam Desktop Authenticator and Raivo OTP (issue 16), read from files tests/fixtures/backup/generate.mjs
 * wrote from each app's published description. Codes are checked against an independent generator
 * (Node's HMAC) run on the key bytes exactly as each file spells them.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectImportFormat, readImport } from '../../../lib/backup/importers';
import type { ImportFormat } from '../../../lib/backup/types';
import { generateCode } from '../../../lib/otp/generate';
import type { OtpAccountData } from '../../../lib/otp/types';
import { FIXTURE_ACCOUNTS, fixture, inEnglish } from './helpers';

const crypto = globalThis.crypto;
const { github, aliyun, hotp, steam, unicode } = FIXTURE_ACCOUNTS;
const FIVE = [github, aliyun, hotp, steam, unicode];

async function accountsOf(text: string) {
  const result = await readImport(text, { crypto });
  if (!result.ok) throw new Error(`import failed: ${result.error.code} ${result.error.message}`);
  return { format: result.format, data: result.accounts.map((a) => a.data), invalid: result.invalid };
}

async function failureOf(text: string) {
  const result = await readImport(text, { crypto });
  if (result.ok) throw new Error('import unexpectedly succeeded');
  return { format: result.format, ...result.error };
}

// --- an independent generator: RFC 4226/6238 and Steam Guard's alphabet over Node's HMAC -------------
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32Bytes(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    value = ((value << 5) | B32.indexOf(ch)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function truncated(key: Buffer, algorithm: string, counter: number): number {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return mac.readUInt32BE(offset) & 0x7fffffff;
}

interface Expected {
  kind: 'totp' | 'hotp' | 'steam';
  algorithm: string;
  digits: number;
  period: number;
  counter: number;
}

function independentCode(key: Buffer, a: Expected, nowMs: number): string {
  const counter = a.kind === 'hotp' ? a.counter : Math.floor(nowMs / 1000 / a.period);
  let value = truncated(key, a.kind === 'steam' ? 'sha1' : a.algorithm, counter);
  if (a.kind !== 'steam') return String(value % 10 ** a.digits).padStart(a.digits, '0');
  const alphabet = '23456789BCDFGHJKMNPQRTVWXY';
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += alphabet[value % alphabet.length];
    value = Math.floor(value / alphabet.length);
  }
  return code;
}

const MOMENTS = [59_000, 1_111_111_109_000, 1_234_567_890_000, 2_000_000_000_000];

/** Each imported account gives the codes the independent generator gives for the key bytes in the file. */
function expectSameCodes(imported: OtpAccountData[], keys: Buffer[], expected: Expected[]) {
  expect(imported).toHaveLength(keys.length);
  imported.forEach((account, i) => {
    for (const now of MOMENTS) {
      expect(generateCode(account, now)).toBe(independentCode(keys[i]!, expected[i]!, now));
    }
  });
}

// --- each format -------------------------------------------------------------------------------------
describe('LastPass Authenticator JSON', () => {
  it('imports every TOTP account with the names the user edited, and reports a push-only login', async () => {
    const text = fixture('lastpass.json');
    const { format, data, invalid } = await accountsOf(text);
    expect(format).toBe('lastpass');
    expect(data).toEqual([github, aliyun, unicode]);
    expect(invalid.map(inEnglish)).toEqual([
      { where: 'entry 4 (LastPass)', reason: expect.stringMatching(/missing/) },
    ]);
    const file = JSON.parse(text) as { accounts: { secret: string }[] };
    expectSameCodes(
      data,
      file.accounts.slice(0, 3).map((a) => base32Bytes(a.secret)),
      [github, aliyun, unicode],
    );
  });
});

describe('Proton Authenticator JSON', () => {
  it('imports otpauth and steam:// entries, the display name filling the account', async () => {
    const text = fixture('proton-authenticator.json');
    const { format, data, invalid } = await accountsOf(text);
    expect(format).toBe('proton-authenticator');
    expect(data).toEqual([github, aliyun, steam, unicode]);
    expect(invalid.map(inEnglish)).toEqual([
      { where: 'entry 5 (broken)', reason: expect.stringMatching(/otpauth/) },
    ]);
    const secrets = (JSON.parse(text) as { entries: { content: { uri: string } }[] }).entries
      .slice(0, 4)
      .map((e) => /secret=([A-Z2-7]+)|^steam:\/\/([A-Z2-7]+)/.exec(e.content.uri)!)
      .map((m) => base32Bytes(m[1] ?? m[2]!));
    expectSameCodes(data, secrets, [github, aliyun, steam, unicode]);
  });

  it('an otpauth URI on a Steam entry is a Steam account', async () => {
    const uri = `otpauth://totp/Valve:gamer?secret=${steam.secret}`;
    const text = JSON.stringify({
      version: 1,
      entries: [{ id: '1', content: { uri, entry_type: 'Steam', name: 'x' } }],
    });
    expect((await accountsOf(text)).data).toEqual([{ ...steam, issuer: 'Valve' }]);
  });
});

describe('FreeOTP+ JSON', () => {
  it('imports secrets written as signed bytes, HOTP counters and the Steam token', async () => {
    const text = fixture('freeotp-plus.json');
    const { format, data, invalid } = await accountsOf(text);
    expect(format).toBe('freeotp-plus');
    expect(data).toEqual(FIVE);
    expect(invalid.map(inEnglish)).toEqual([
      { where: 'entry 6 (Broken)', reason: expect.stringMatching(/not a list of bytes/) },
    ]);
    const tokens = (JSON.parse(text) as { tokens: { secret: number[] }[] }).tokens;
    // why: the bytes as the file spells them (negative numbers are bytes above 127).
    expect(tokens[0]!.secret.some((b) => b < 0)).toBe(true);
    expectSameCodes(
      data,
      tokens.slice(0, 5).map((t) => Buffer.from(t.secret.map((b) => b & 0xff))),
      FIVE,
    );
  });

  it('prefers the names edited in the app and reads secret_base32 when there is no byte array', async () => {
    const token = {
      type: 'TOTP',
      issuerExt: 'Old',
      issuerAlt: 'New',
      label: 'a',
      labelAlt: 'b',
      secret_base32: github.secret,
    };
    const { data } = await accountsOf(JSON.stringify({ tokens: [token], tokenOrder: [] }));
    expect(data).toEqual([{ ...github, issuer: 'New', account: 'b' }]);
  });
});

describe('andOTP plain JSON', () => {
  it('imports TOTP, HOTP and STEAM entries, and splits the label of an entry without issuer', async () => {
    const text = fixture('andotp.json');
    const { format, data, invalid } = await accountsOf(text);
    expect(format).toBe('andotp');
    const carol = { ...github, issuer: 'Example', account: 'carol' };
    expect(data).toEqual([...FIVE, carol]);
    expect(invalid).toEqual([]);
    const entries = JSON.parse(text) as { secret: string }[];
    expectSameCodes(
      data,
      entries.map((e) => base32Bytes(e.secret)),
      [...FIVE, carol],
    );
  });
});

describe('Authenticator Pro / Stratum plain backup', () => {
  it('imports types 1, 2 and 4 with numeric algorithms, and reports Yandex', async () => {
    const text = fixture('authenticator-pro.json');
    const { format, data, invalid } = await accountsOf(text);
    expect(format).toBe('authenticator-pro');
    expect(data).toEqual(FIVE);
    expect(invalid.map(inEnglish)).toEqual([
      { where: 'entry 6 (Yandex)', reason: expect.stringMatching(/Yandex.*not supported/) },
    ]);
    const list = (JSON.parse(text) as { Authenticators: { Secret: string }[] }).Authenticators;
    expectSameCodes(
      data,
      list.slice(0, 5).map((a) => base32Bytes(a.Secret)),
      FIVE,
    );
  });
});

describe('Steam Desktop Authenticator .maFile', () => {
  it('imports shared_secret (base64) as one Steam account and nothing else', async () => {
    const text = fixture('steam-desktop-authenticator.maFile');
    const { format, data, invalid } = await accountsOf(text);
    expect(format).toBe('steam-desktop-authenticator');
    expect(data).toEqual([steam]);
    expect(invalid).toEqual([]);
    const file = JSON.parse(text) as Record<string, string>;
    expectSameCodes(data, [Buffer.from(file.shared_secret!, 'base64')], [steam]);
    // The trade-confirmation key is never imported.
    const identity = base32Bytes(data[0]!.secret).toString('base64');
    expect(identity).not.toBe(file.identity_secret);
  });

  it("SDA's manifest.json is refused with a message naming the .maFile", async () => {
    const manifest = JSON.stringify({
      encrypted: true,
      first_run: false,
      entries: [{ encryption_iv: 'x', filename: '1.maFile' }],
    });
    expect(await failureOf(manifest)).toMatchObject({
      code: 'wrong-format',
      message: expect.stringMatching(/\.maFile/),
    });
  });

  it('a shared_secret that is not base64 is reported', async () => {
    const text = JSON.stringify({ shared_secret: 'not base64!', account_name: 'gamer' });
    const { data, invalid } = await accountsOf(text);
    expect(data).toEqual([]);
    expect(invalid.map(inEnglish)).toEqual([
      { where: 'entry 1 (gamer)', reason: expect.stringMatching(/base64/) },
    ]);
  });
});

describe('Raivo OTP JSON', () => {
  it('imports entries whose numbers are strings', async () => {
    const text = fixture('raivo-otp-export.json');
    const { format, data, invalid } = await accountsOf(text);
    expect(format).toBe('raivo');
    expect(data).toEqual([github, aliyun, hotp, unicode]);
    expect(invalid).toEqual([]);
    const entries = JSON.parse(text) as { secret: string }[];
    expectSameCodes(
      data,
      entries.map((e) => base32Bytes(e.secret)),
      [github, aliyun, hotp, unicode],
    );
  });

  it('a digits or timer value that is not a number is reported, the rest imports', async () => {
    const entries = JSON.parse(fixture('raivo-otp-export.json')) as Record<string, string>[];
    entries[0]!.digits = 'six';
    entries[1]!.timer = '-30';
    const { data, invalid } = await accountsOf(JSON.stringify(entries));
    expect(data).toEqual([hotp, unicode]);
    expect(invalid.map(inEnglish)).toEqual([
      { where: 'entry 1 (GitHub)', reason: expect.stringMatching(/digits/) },
      { where: 'entry 2 (Aliyun)', reason: expect.stringMatching(/period/) },
    ]);
  });
});

describe('real files vary: optional fields missing, numbers as numbers or strings, unknown fields', () => {
  const plain = { ...github, issuer: 'Acme', account: 'ann' };
  it.each<[string, unknown]>([
    [
      'LastPass',
      { accounts: [{ issuerName: 'Acme', userName: 'ann', secret: github.secret, extra: { x: 1 } }] },
    ],
    ['Proton', { entries: [{ content: { uri: `otpauth://totp/Acme:ann?secret=${github.secret}` } }] }],
    [
      'FreeOTP+',
      {
        tokens: [
          { issuerExt: 'Acme', label: 'ann', secret: [72, 101, 108, 108, 111, 33, -34, -83, -66, -17] },
        ],
      },
    ],
    ['andOTP', [{ secret: github.secret, issuer: 'Acme', label: 'ann', type: 'TOTP', unknown: true }]],
    [
      'Authenticator Pro',
      { Authenticators: [{ Type: 2, Issuer: 'Acme', Username: 'ann', Secret: github.secret }] },
    ],
    [
      'Raivo',
      [{ kind: 'TOTP', issuer: 'Acme', account: 'ann', secret: github.secret, timer: 30, digits: 6 }],
    ],
  ])(
    '%s with only the fields that matter reads with the usual defaults (SHA1, 6 digits, 30 s)',
    async (_name, value) => {
      const { data, invalid } = await accountsOf(JSON.stringify(value));
      expect(invalid).toEqual([]);
      expect(data).toEqual([plain]);
    },
  );

  it('a maFile without shared_secret falls back to its otpauth uri, still a Steam account', async () => {
    const text = JSON.stringify({
      account_name: 'gamer',
      shared_secret: '',
      identity_secret: 'AAAA',
      uri: `otpauth://totp/Steam:gamer?secret=${steam.secret}&issuer=Steam`,
    });
    expect((await accountsOf(text)).data).toEqual([steam]);
  });
});

// --- detection, truncated and malformed files ----------------------------------------------------------
const FILES: [string, ImportFormat][] = [
  ['lastpass.json', 'lastpass'],
  ['proton-authenticator.json', 'proton-authenticator'],
  ['freeotp-plus.json', 'freeotp-plus'],
  ['andotp.json', 'andotp'],
  ['authenticator-pro.json', 'authenticator-pro'],
  ['steam-desktop-authenticator.maFile', 'steam-desktop-authenticator'],
  ['raivo-otp-export.json', 'raivo'],
];

describe('detection and damaged files', () => {
  it.each(FILES)('%s is detected as %s', (name, format) => {
    expect(detectImportFormat(fixture(name))).toBe(format);
  });

  it.each(FILES)('a truncated %s is corrupt, with a message saying so', async (name) => {
    const text = fixture(name);
    for (const cut of [0.3, 0.6, 0.95]) {
      const failure = await failureOf(text.slice(0, Math.floor(text.length * cut)));
      expect(failure).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/truncated|damaged/) });
    }
  });

  it.each<[string, string, RegExp]>([
    [
      'LastPass accounts that are not objects',
      '{"version":3,"localDeviceId":"x","accounts":[1,{"issuerName":"A"}]}',
      /not in this app's format|missing/,
    ],
    [
      'Proton entries that are not objects',
      '{"version":1,"entries":[5,{"content":{"uri":"otpauth://hotp/A:b?secret=JBSWY3DPEHPK3PXP","entry_type":"Hotp"}}]}',
      /not in this app's format|not supported/,
    ],
    [
      'FreeOTP+ tokens that are not objects',
      '{"tokenOrder":[],"tokens":["x",{"issuerExt":"A","secret":"JBSW"}]}',
      /not in this app's format|list of bytes/,
    ],
    [
      'andOTP entries that are not objects',
      '[null,{"secret":"JBSWY3DPEHPK3PXP","label":"a","type":"MOTP"}]',
      /not in this app's format|not supported/,
    ],
    [
      'Authenticator Pro entries that are not objects',
      '{"Authenticators":[7,{"Type":3,"Issuer":"m"}]}',
      /not in this app's format|not supported/,
    ],
    [
      'Raivo entries that are not objects',
      '[1,{"kind":"YANDEX","secret":"JBSWY3DPEHPK3PXP","timer":"30"}]',
      /not in this app's format|not supported/,
    ],
  ])('%s are reported one by one, nothing imported', async (_what, text, reason) => {
    const { data, invalid } = await accountsOf(text);
    expect(data).toEqual([]);
    expect(invalid).toHaveLength(2);
    for (const entry of invalid) expect(inEnglish(entry).reason).toMatch(reason);
  });

  it.each([
    ['LastPass', { localDeviceId: 'x', accounts: new Array(10_001).fill({ issuerName: 'A' }) }],
    ['Proton', { entries: new Array(10_001).fill({ content: { uri: 'otpauth://' } }) }],
    ['FreeOTP+', { tokenOrder: [], tokens: new Array(10_001).fill({ issuerExt: 'A' }) }],
    ['andOTP', new Array(10_001).fill({ secret: 'A', label: 'a', type: 'TOTP' })],
    ['Authenticator Pro', { Authenticators: new Array(10_001).fill({}) }],
    ['Raivo', new Array(10_001).fill({ kind: 'TOTP', secret: 'A', timer: '30' })],
  ])('%s with more than 10,000 entries is too large', async (_name, value) => {
    expect((await failureOf(JSON.stringify(value))).code).toBe('too-large');
  });

  it('a FreeOTP+ secret array that is too long or holds non-integers is reported, not imported', async () => {
    const tokens = [
      { type: 'TOTP', issuerExt: 'A', label: 'a', secret: new Array(10_000).fill(1) },
      { type: 'TOTP', issuerExt: 'B', label: 'b', secret: [1.5, 2] },
      { type: 'TOTP', issuerExt: 'C', label: 'c', secret: [] },
    ];
    const { data, invalid } = await accountsOf(JSON.stringify({ tokenOrder: [], tokens }));
    expect(data).toEqual([]);
    expect(invalid.map((i) => i.code)).toEqual(['secret-too-long', 'secret-not-bytes', 'secret-missing']);
  });
});
