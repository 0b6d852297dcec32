import { describe, expect, it } from 'vitest';
import { base32ToBytes, bytesToBase32 } from '../../../lib/otp/base32';
import { MAX_SECRET_LENGTH, normalizeSecret } from '../../../lib/otp/secret';

describe('normalizeSecret', () => {
  it.each([
    ['JBSWY3DPEHPK3PXP', 'JBSWY3DPEHPK3PXP'],
    ['jbswy3dpehpk3pxp', 'JBSWY3DPEHPK3PXP'],
    ['JBSW Y3DP EHPK 3PXP', 'JBSWY3DPEHPK3PXP'],
    ['jbsw\u00a0y3dp\u00a0ehpk\u00a03pxp', 'JBSWY3DPEHPK3PXP'],
    ['JBSW\tY3DP\nEHPK\r\n3PXP', 'JBSWY3DPEHPK3PXP'],
    ['JBSW-Y3DP-EHPK-3PXP', 'JBSWY3DPEHPK3PXP'],
    ['  JBSWY3DPEHPK3PXP  ', 'JBSWY3DPEHPK3PXP'],
    ['GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'],
    ['MZXW6===', 'MZXW6'], // "foo" with padding
    ['mzxw6yq=', 'MZXW6YQ'],
    ['ME', 'ME'], // one byte: short but real
    // Trailing bits that do not fill a byte are dropped: one key, one spelling.
    ['JBSWY3DPEHPK3PXPA', 'JBSWY3DPEHPK3PXP'],
    ['MF', 'ME'],
  ])('%j → %s', (input, canonical) => {
    expect(normalizeSecret(input)).toEqual({ ok: true, secret: canonical });
  });

  it.each([
    ['', 'missing-secret'],
    ['   ', 'missing-secret'],
    ['- -', 'missing-secret'],
    ['====', 'invalid-secret'],
    ['JBSW1Y3DP', 'invalid-secret'], // 1 is not base32
    ['JBSWY3DP0', 'invalid-secret'], // 0 is not base32
    ['JBSWY3DP8', 'invalid-secret'],
    ['JBS=WY3DP', 'invalid-secret'], // padding in the middle
    ['JBSWY3DP+', 'invalid-secret'],
    ['ÄBCDEFGH', 'invalid-secret'],
    ['A', 'secret-too-short'], // 5 bits: no byte at all
    ['A'.repeat(MAX_SECRET_LENGTH + 8), 'secret-too-long'],
    ['A '.repeat(MAX_SECRET_LENGTH * 3), 'secret-too-long'],
  ])('%j is refused as %s', (input, reason) => {
    expect(normalizeSecret(input)).toEqual({ ok: false, reason });
  });

  it('accepts exactly MAX_SECRET_LENGTH characters', () => {
    expect(normalizeSecret('A'.repeat(MAX_SECRET_LENGTH)).ok).toBe(true);
  });
});

describe('base32ToBytes / bytesToBase32', () => {
  it('follow RFC 4648 test vectors (without padding)', () => {
    const vectors: [string, string][] = [
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [text, base32] of vectors) {
      expect(bytesToBase32(new TextEncoder().encode(text))).toBe(base32);
      expect(new TextDecoder().decode(base32ToBytes(base32))).toBe(text);
    }
  });

  it('round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base32ToBytes(bytesToBase32(bytes))).toEqual(bytes);
  });

  it('throws on characters outside the alphabet', () => {
    expect(() => base32ToBytes('MZ1W6')).toThrow(TypeError);
  });
});
