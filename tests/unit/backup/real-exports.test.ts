/**
 * Cases found by running other apps' real export files through the importers (issue 16): each has a
 * fixture written by tests/fixtures/backup/generate.mjs from the format's own description.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectImportFormat, readImport } from '../../../lib/backup/importers';
import { parseCsv } from '../../../lib/backup/importers/bitwarden-csv';
import { base32ToBytes } from '../../../lib/otp/base32';
import { FIXTURE_ACCOUNTS, fixture, inEnglish } from './helpers';

const crypto = globalThis.crypto;
const { github, aliyun, hotp, steam, unicode } = FIXTURE_ACCOUNTS;

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

/** RFC 4226 HOTP with Node's HMAC: an independent generator to compare secret bytes against. */
function hotpCode(secret: Uint8Array, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** digits).padStart(digits, '0');
}

describe('Google Authenticator: separate version-2 exports pasted into one file', () => {
  const lines = fixture('google-migration-v2-pasted.txt').trim().split('\n');
  const all = [
    github,
    { ...aliyun, period: 30 },
    hotp,
    { ...github, issuer: 'GitLab' },
    { ...hotp, issuer: 'OtherCorp' },
    unicode,
    { ...github, issuer: '', account: 'encoding: ¿äÄéÉ? (test)' },
    { ...github, issuer: 'Example', account: 'carol' },
  ];

  it('imports every account of every export (none taken for a repeat of another export)', async () => {
    const { format, data, invalid } = await accountsOf(lines.join('\n'));
    expect(format).toBe('google-migration');
    expect(data).toEqual(all);
    expect(invalid).toEqual([]);
  });

  it('a QR code with identical content is still read once', async () => {
    const { data, invalid } = await accountsOf([...lines, lines[2]].join('\n'));
    expect(data).toEqual(all);
    expect(invalid.map(inEnglish)).toEqual([
      { where: 'line 6', reason: expect.stringMatching(/appears twice; read once/) },
    ]);
  });

  it('a QR code missing from one of the exports is reported, though another export fills its position', async () => {
    const { data, invalid } = await accountsOf(lines.filter((_, i) => i !== 1).join('\n'));
    expect(data).toEqual(all.filter((a) => a !== hotp));
    expect(invalid.map(inEnglish)).toEqual([
      { where: 'export of 2 QR codes', reason: expect.stringMatching(/^1 QR code\(s\) missing \(2\)/) },
    ]);
  });

  it('an entry without issuer keeps its whole name, colon included', async () => {
    const { data } = await accountsOf(lines[4]!);
    expect(data.map((a) => [a.issuer, a.account])).toEqual([
      [unicode.issuer, unicode.account],
      ['', 'encoding: ¿äÄéÉ? (test)'],
      ['Example', 'carol'],
    ]);
  });
});

describe('a barcode scanner’s output (QR-Code: prefix)', () => {
  it('is read as a Google export, every QR code of it', async () => {
    const text = fixture('google-migration-scanner.txt');
    expect(detectImportFormat(text)).toBe('google-migration');
    const { data, invalid } = await accountsOf(text);
    expect(data).toEqual([github, { ...aliyun, period: 30 }, hotp, unicode]);
    expect(invalid).toEqual([]);
  });

  it('works for otpauth links too', async () => {
    const text = fixture('otpauth-list.txt')
      .split('\n')
      .map((line) => (line.startsWith('otpauth://') ? `QR-Code:${line}` : line))
      .join('\n');
    const { format, data } = await accountsOf(text);
    expect(format).toBe('otpauth-text');
    expect(data).toEqual([github, aliyun, hotp, steam, unicode]);
  });
});

describe('2FAS: names only in otp.link', () => {
  it('reads issuer and account from the link when account and label are empty', async () => {
    const { format, data, invalid } = await accountsOf(fixture('2fas-link.2fas'));
    expect(format).toBe('2fas');
    expect(data).toEqual([github, hotp, unicode]);
    expect(invalid).toEqual([]);
  });

  it('a link that is not an otpauth URI adds nothing and breaks nothing', async () => {
    const value = JSON.parse(fixture('2fas-link.2fas')) as { services: { otp: Record<string, unknown> }[] };
    value.services[0]!.otp.link = 'https://example.com/not-a-link';
    const { data } = await accountsOf(JSON.stringify(value));
    expect(data[0]).toEqual({ ...github, account: '' });
  });
});

describe('Authenticator extension: prefixes, hex keys and its encrypted backup', () => {
  const rfcKey = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"

  it('stm- makes Steam, blz-/bliz- make Battle.net (8 digits), hex keys under totp/hotp are hex', async () => {
    const { format, data, invalid } = await accountsOf(fixture('authenticator-extension-prefixes.json'));
    expect(format).toBe('authenticator-extension');
    expect(invalid).toEqual([]);
    expect(data).toEqual([
      steam,
      {
        ...github,
        issuer: 'Blizzard',
        account: 'dave',
        secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ',
        digits: 8,
      },
      { ...github, issuer: 'Battle.net', account: 'erin', digits: 8 },
      { ...github, issuer: 'HexCorp', account: 'carol', secret: rfcKey },
      { ...hotp, secret: rfcKey },
    ]);
  });

  it('the hex key gives the RFC 4226 codes (independent HMAC)', async () => {
    const { data } = await accountsOf(fixture('authenticator-extension-prefixes.json'));
    const key = base32ToBytes(data[4]!.secret);
    expect(Buffer.from(key).toString()).toBe('12345678901234567890');
    expect(hotpCode(key, 0, 6)).toBe('755224'); // RFC 4226 appendix D
  });

  it('its current encrypted backup says it is encrypted with its own password', async () => {
    const text = fixture('authenticator-extension-encrypted.json');
    expect(detectImportFormat(text)).toBe('authenticator-extension');
    const error = await failureOf(text);
    expect(error).toMatchObject({ format: 'authenticator-extension', code: 'wrong-format' });
    expect(error.message).toMatch(/encrypted with its own password/);
  });

  it('a sealed record beside readable entries is listed, the rest imports', async () => {
    const value = {
      ...(JSON.parse(fixture('authenticator-extension-prefixes.json')) as object),
      ...(JSON.parse(fixture('authenticator-extension-encrypted.json')) as object),
    };
    const { data, invalid } = await accountsOf(JSON.stringify(value));
    expect(data).toHaveLength(5);
    expect(invalid.map((i) => inEnglish(i).reason)).toEqual([
      expect.stringMatching(/encrypted by the Authenticator extension/),
      expect.stringMatching(/encrypted by the Authenticator extension/),
    ]);
  });
});

describe('Bitwarden password-protected JSON', () => {
  it('is recognised and read with its password (more in encrypted-imports.test.ts)', async () => {
    const text = fixture('bitwarden-protected.json');
    expect(detectImportFormat(text)).toBe('bitwarden');
    expect(await failureOf(text)).toMatchObject({ format: 'bitwarden', code: 'password-required' });
    const error = await failureOf(text, 'any password');
    expect(error).toMatchObject({ format: 'bitwarden', code: 'wrong-password' });
    expect((await accountsOf(text, 'bitwarden-test-password')).data).toHaveLength(4);
  });
});

describe('damaged copies of the new fixtures change nothing and do not throw', () => {
  const names = [
    'google-migration-v2-pasted.txt',
    'google-migration-scanner.txt',
    '2fas-link.2fas',
    'authenticator-extension-prefixes.json',
    'authenticator-extension-encrypted.json',
    'bitwarden-protected.json',
  ];

  it.each(names)('%s cut short at every tenth of its length', async (name) => {
    const text = fixture(name);
    for (let tenth = 1; tenth < 10; tenth++) {
      const cut = text.slice(0, Math.floor((text.length * tenth) / 10));
      const result = await readImport(cut, { crypto });
      if (cut.trimStart().startsWith('{')) expect(result.ok).toBe(false);
      // a cut migration link may still hold whole entries; nothing it yields may be new or altered
      if (result.ok) {
        const whole = await accountsOf(text);
        for (const account of result.accounts) expect(whole.data).toContainEqual(account.data);
      }
    }
  });
});

describe('Bitwarden CSV', () => {
  const text = fixture('bitwarden.csv');

  it('reads the login_totp column (URI, bare secret, steam://) exactly as the JSON export, and nothing else', async () => {
    expect(detectImportFormat(text)).toBe('bitwarden-csv');
    const { format, data, invalid } = await accountsOf(text);
    expect(format).toBe('bitwarden-csv');
    expect(data).toEqual([github, { ...aliyun, algorithm: 'SHA1', digits: 6, period: 30 }, steam, unicode]);
    expect(invalid.map(inEnglish)).toEqual([
      { where: 'row 7 (Broken)', reason: expect.stringMatching(/base32/) },
    ]);
    expect(JSON.stringify(data)).not.toContain('not-imported');
    expect(data).toEqual((await accountsOf(fixture('bitwarden.json'))).data);
  });

  it('an organisation export (collections column first, LF line ends, BOM) reads the same', async () => {
    const lines = text.split('\r\n');
    const org = [
      `\uFEFF${lines[0]!.replace('folder,favorite', 'collections')}`,
      ...lines.slice(1).map((line) => line.replace(/^,,/, ',')),
    ].join('\n');
    expect(detectImportFormat(org)).toBe('bitwarden-csv');
    expect((await accountsOf(org)).data).toHaveLength(4);
  });

  it('a quoted field left open (file cut inside the notes) is damaged, nothing imported', async () => {
    const cut = text.slice(0, text.indexOf('line one') + 4);
    const error = await failureOf(cut);
    expect(error).toMatchObject({ format: 'bitwarden-csv', code: 'corrupt' });
  });

  it('cut between rows, it imports only whole rows it really holds', async () => {
    for (let tenth = 1; tenth < 10; tenth++) {
      const result = await readImport(text.slice(0, Math.floor((text.length * tenth) / 10)), { crypto });
      if (!result.ok) continue;
      const whole = (await accountsOf(text)).data;
      // a row cut inside its secret may still be valid base32: only whole, unchanged rows are expected
      for (const account of result.accounts.slice(0, -1)) expect(whole).toContainEqual(account.data);
    }
  });

  it('a last row with fewer fields than the header is reported, not guessed at', async () => {
    const cut = text.slice(0, text.indexOf(',gamer,'));
    const { data, invalid } = await accountsOf(cut);
    expect(data).toEqual([github, { ...aliyun, algorithm: 'SHA1', digits: 6, period: 30 }]);
    expect(invalid.map(inEnglish)).toEqual([{ where: 'row 4 (Steam)', reason: 'the row is incomplete' }]);
  });

  it('parseCsv follows RFC 4180', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"x\ny",,z')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['x\ny', '', 'z'],
    ]);
    expect(parseCsv('"open')).toBeNull();
  });
});
