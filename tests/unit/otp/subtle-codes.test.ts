import { describe, expect, it } from 'vitest';
import { subtleCodes } from '../../../lib/otp/subtle-codes';
import { generateCode } from '../../../lib/otp/generate';
import { bytesToBase32 } from '../../../lib/otp/base32';
import type { OtpAccountData, OtpAlgorithm } from '../../../lib/otp/types';

const ALGORITHMS: OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

describe('codes by WebCrypto HMAC (the popup’s first screen)', () => {
  it('give the RFC 6238 test vectors at several times in one call', async () => {
    const account: OtpAccountData = {
      kind: 'totp',
      issuer: '',
      account: '',
      secret: bytesToBase32(new TextEncoder().encode('12345678901234567890')),
      algorithm: 'SHA1',
      digits: 8,
      period: 30,
      counter: 0,
    };
    expect(await subtleCodes(crypto.subtle, account, [59_000, 1111111109_000, 20000000000_000])).toEqual([
      '94287082',
      '07081804',
      '65353130',
    ]);
  });

  it('match lib/otp/generate for random secrets, every algorithm, digits, periods and Steam', async () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 200; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 140) }, () =>
        Math.floor(random() * 256),
      );
      const steam = random() < 0.2;
      const account: OtpAccountData = {
        kind: steam ? 'steam' : 'totp',
        issuer: '',
        account: '',
        secret: bytesToBase32(bytes),
        algorithm: steam ? 'SHA1' : ALGORITHMS[Math.floor(random() * 3)]!,
        digits: steam ? 5 : 1 + Math.floor(random() * 10),
        period: steam ? 30 : 1 + Math.floor(random() * 120),
        counter: 0,
      };
      const times = [Math.floor(random() * 4e12), Math.floor(random() * 4e12)];
      const expected = times.map((at) => generateCode(account, at));
      expect(await subtleCodes(crypto.subtle, account, times), JSON.stringify(account)).toEqual(expected);
    }
  });
});
