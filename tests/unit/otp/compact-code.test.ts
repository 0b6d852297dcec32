import { describe, expect, it } from 'vitest';
import { compactCode } from '../../../lib/otp/compact-code';
import { generateCode } from '../../../lib/otp/generate';
import { bytesToBase32 } from '../../../lib/otp/base32';
import type { OtpAccountData, OtpAlgorithm } from '../../../lib/otp/types';

const ascii = (text: string) => bytesToBase32(new TextEncoder().encode(text));

function data(
  secret: string,
  algorithm: OtpAlgorithm,
  digits = 8,
  kind: OtpAccountData['kind'] = 'totp',
): OtpAccountData {
  return { kind, issuer: '', account: '', secret, algorithm, digits, period: 30, counter: 0 };
}

describe('compact popup codes', () => {
  it('gives the RFC 6238 test vectors (SHA-1, SHA-256)', () => {
    const sha1 = ascii('12345678901234567890');
    const sha256 = ascii('12345678901234567890123456789012');
    const vectors: [number, string, string][] = [
      [59, '94287082', '46119246'],
      [1111111109, '07081804', '68084774'],
      [1234567890, '89005924', '91819424'],
      [2000000000, '69279037', '90698825'],
      [20000000000, '65353130', '77737706'],
    ];
    for (const [seconds, one, two] of vectors) {
      expect(compactCode(data(sha1, 'SHA1'), seconds * 1000)).toBe(one);
      expect(compactCode(data(sha256, 'SHA256'), seconds * 1000)).toBe(two);
    }
  });

  it('matches lib/otp/generate for random secrets of every length, digits, periods and Steam', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 140) }, () =>
        Math.floor(random() * 256),
      );
      const secret = bytesToBase32(bytes);
      const algorithm: OtpAlgorithm = random() < 0.5 ? 'SHA1' : 'SHA256';
      const kind = random() < 0.2 ? 'steam' : 'totp';
      const account = {
        ...data(secret, algorithm, 1 + Math.floor(random() * 10), kind),
        period: 1 + Math.floor(random() * 120),
      };
      if (kind === 'steam') account.algorithm = 'SHA1';
      const now = Math.floor(random() * 4e12);
      expect(compactCode(account, now), JSON.stringify({ account, now })).toBe(generateCode(account, now));
    }
  });

  it('leaves SHA-512 and HOTP to the full module', () => {
    expect(compactCode(data(ascii('x'.repeat(20)), 'SHA512'), 0)).toBeNull();
    expect(compactCode(data(ascii('x'.repeat(20)), 'SHA1', 6, 'hotp'), 0)).toBeNull();
  });
});
