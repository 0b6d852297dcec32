import { describe, expect, it } from 'vitest';
import {
  generateCode,
  generateHotp,
  generateSteam,
  generateTotp,
  periodBounds,
  STEAM_ALPHABET,
  timeStep,
} from '../../../lib/otp/generate';
import { bytesToBase32 } from '../../../lib/otp/base32';
import type { OtpAccountData, OtpAlgorithm } from '../../../lib/otp/types';

const ascii = (text: string) => bytesToBase32(new TextEncoder().encode(text));
// RFC 6238 appendix B: the RFC 4226 key repeated to the hash's block-friendly length.
const RFC_KEY_SHA1 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
const RFC_KEYS: Record<OtpAlgorithm, string> = {
  SHA1: RFC_KEY_SHA1,
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
};

describe('generateHotp (RFC 4226 appendix D)', () => {
  const expected = [
    '755224',
    '287082',
    '359152',
    '969429',
    '338314',
    '254676',
    '287922',
    '162583',
    '399871',
    '520489',
  ];
  it.each(expected.map((code, counter) => [counter, code]))('counter %i gives %s', (counter, code) => {
    expect(generateHotp(RFC_KEY_SHA1, counter, 'SHA1', 6)).toBe(code);
  });

  it('refuses counters it cannot compute exactly', () => {
    expect(() => generateHotp(RFC_KEY_SHA1, -1, 'SHA1', 6)).toThrow(RangeError);
    expect(() => generateHotp(RFC_KEY_SHA1, 1.5, 'SHA1', 6)).toThrow(RangeError);
    expect(() => generateHotp(RFC_KEY_SHA1, 2 ** 53, 'SHA1', 6)).toThrow(RangeError);
    expect(() => generateHotp(RFC_KEY_SHA1, 0, 'SHA1', 11)).toThrow(RangeError);
  });

  it('computes counters above 2^32 (all 8 counter bytes are used)', () => {
    // Same counter low 32 bits, different high bits: the codes must differ.
    expect(generateHotp(RFC_KEY_SHA1, 2 ** 32 + 1, 'SHA1', 6)).not.toBe(
      generateHotp(RFC_KEY_SHA1, 1, 'SHA1', 6),
    );
    expect(generateHotp(RFC_KEY_SHA1, Number.MAX_SAFE_INTEGER, 'SHA1', 6)).toMatch(/^\d{6}$/);
  });

  it('pads with leading zeros to the requested length', () => {
    // The 10-digit value of counter 0 is 1284755224 (RFC 4226 appendix D), so 6 digits keep "755224".
    expect(generateHotp(RFC_KEY_SHA1, 0, 'SHA1', 10)).toBe('1284755224');
    expect(generateHotp(RFC_KEY_SHA1, 1, 'SHA1', 10)).toBe('1094287082');
    expect(generateHotp(RFC_KEY_SHA1, 1, 'SHA1', 7)).toBe('4287082');
  });
});

describe('generateTotp (RFC 6238 appendix B, 8 digits)', () => {
  const vectors: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  const cases = vectors.flatMap(([t, sha1, sha256, sha512]) =>
    (
      [
        ['SHA1', sha1],
        ['SHA256', sha256],
        ['SHA512', sha512],
      ] as const
    ).map(([algorithm, code]) => [t, algorithm, code] as const),
  );
  it.each(cases)('t=%i %s gives %s', (t, algorithm, code) => {
    expect(generateTotp(RFC_KEYS[algorithm], t * 1000, 30, algorithm, 8)).toBe(code);
  });

  it('keeps the leading zero of an 8-digit code', () => {
    expect(generateTotp(RFC_KEY_SHA1, 1111111109 * 1000, 30, 'SHA1', 8)).toHaveLength(8);
    expect(generateTotp(RFC_KEY_SHA1, 1111111109 * 1000, 30, 'SHA1', 6)).toBe('081804');
  });
});

describe('period boundaries', () => {
  it('t=29.999 s is still period 0, t=30 s is period 1', () => {
    expect(timeStep(30, 29_999)).toBe(0);
    expect(timeStep(30, 30_000)).toBe(1);
    expect(generateTotp(RFC_KEY_SHA1, 29_999, 30, 'SHA1', 6)).toBe(generateHotp(RFC_KEY_SHA1, 0, 'SHA1', 6));
    expect(generateTotp(RFC_KEY_SHA1, 30_000, 30, 'SHA1', 6)).toBe(generateHotp(RFC_KEY_SHA1, 1, 'SHA1', 6));
  });

  it('t=59.999 s and t=59 s share a code; t=60 s does not', () => {
    const at59 = generateTotp(RFC_KEY_SHA1, 59_000, 30, 'SHA1', 8);
    expect(generateTotp(RFC_KEY_SHA1, 59_999, 30, 'SHA1', 8)).toBe(at59);
    expect(generateTotp(RFC_KEY_SHA1, 60_000, 30, 'SHA1', 8)).not.toBe(at59);
  });

  it('periodBounds gives the enclosing window in ms', () => {
    expect(periodBounds(30, 29_999)).toEqual({ start: 0, end: 30_000 });
    expect(periodBounds(30, 30_000)).toEqual({ start: 30_000, end: 60_000 });
    expect(periodBounds(60, 1_700_000_012_345)).toEqual({ start: 1_699_999_980_000, end: 1_700_000_040_000 });
    expect(periodBounds(30, 20_000_000_000_000)).toEqual({
      start: 19_999_999_980_000,
      end: 20_000_000_010_000,
    });
  });

  it('uses other periods as given', () => {
    expect(timeStep(60, 59_999)).toBe(0);
    expect(timeStep(60, 60_000)).toBe(1);
    expect(generateTotp(RFC_KEY_SHA1, 120_000, 60, 'SHA1', 6)).toBe(generateHotp(RFC_KEY_SHA1, 2, 'SHA1', 6));
  });

  it('refuses times and periods it cannot use', () => {
    expect(() => timeStep(0, 1000)).toThrow(RangeError);
    expect(() => timeStep(30, -1)).toThrow(RangeError);
    expect(() => timeStep(30, Number.NaN)).toThrow(RangeError);
    expect(() => timeStep(30, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('generateSteam', () => {
  const secret = '63BEDWCQZKTQWPESARIERL5DTTQFCJTK';
  it.each([
    [1511200518, 'FR8RV'],
    [1511200714, '9P3VP'],
  ])('t=%i gives %s', (t, code) => {
    expect(generateSteam(secret, t * 1000)).toBe(code);
  });

  it('always gives 5 characters from the Steam alphabet', () => {
    for (let t = 0; t < 200; t++) {
      const code = generateSteam(secret, t * 30_000 + 20_000_000_000_000);
      expect(code).toHaveLength(5);
      for (const ch of code) expect(STEAM_ALPHABET).toContain(ch);
    }
  });
});

describe('generateCode', () => {
  const base: OtpAccountData = {
    kind: 'totp',
    issuer: 'RFC',
    account: 'test',
    secret: RFC_KEY_SHA1,
    algorithm: 'SHA1',
    digits: 8,
    period: 30,
    counter: 0,
  };
  it('TOTP from the clock', () => {
    expect(generateCode(base, 59_000)).toBe('94287082');
  });
  it('HOTP from the stored counter, ignoring the clock', () => {
    const hotp: OtpAccountData = { ...base, kind: 'hotp', digits: 6, counter: 9 };
    expect(generateCode(hotp, 0)).toBe('520489');
    expect(generateCode(hotp, 1_234_567_890_000)).toBe('520489');
  });
  it('Steam from the clock', () => {
    const steam: OtpAccountData = {
      ...base,
      kind: 'steam',
      secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK',
      digits: 5,
    };
    expect(generateCode(steam, 1511200518 * 1000)).toBe('FR8RV');
  });
  it('far-future times (year 2603) still compute', () => {
    expect(generateCode({ ...base, algorithm: 'SHA512' }, 20_000_000_000 * 1000)).toHaveLength(8);
  });
});
