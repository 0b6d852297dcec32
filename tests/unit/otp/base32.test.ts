import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { base32ToBytes, bytesToBase32 } from '../../../lib/otp/base32';

/** Deterministic bytes for seed `seed` (xorshift), so a failure names an input that can be replayed. */
function bytesOf(seed: number, length: number): Uint8Array {
  let state = seed * 2654435761 + 1;
  return Uint8Array.from({ length }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state & 255;
  });
}

describe('base32 (RFC 4648, no padding) agrees with the otpauth library', () => {
  it('encodes 500 random byte strings of 0–140 bytes exactly as otpauth does, and decodes them back', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const bytes = bytesOf(seed, seed % 141);
      const text = bytesToBase32(bytes);
      expect(text, `seed ${seed}`).toBe(new Secret({ buffer: bytes.slice().buffer }).base32);
      expect(base32ToBytes(text), `seed ${seed}`).toEqual(bytes);
      expect(base32ToBytes(text.toLowerCase()), `seed ${seed}`).toEqual(bytes);
    }
  });

  it('decodes texts of every length 0–40 as otpauth does (trailing bits that fill no byte are dropped)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    for (let length = 0; length <= 40; length++) {
      const text = Array.from({ length }, (_, i) => alphabet[(i * 7 + length) % 32]).join('');
      expect(base32ToBytes(text), text).toEqual(Secret.fromBase32(text).bytes);
    }
  });

  it('takes RFC 4648 test vectors with and without padding', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY======'],
      ['fo', 'MZXQ===='],
      ['foo', 'MZXW6==='],
      ['foob', 'MZXW6YQ='],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI======'],
    ];
    for (const [plain, encoded] of vectors) {
      const bytes = new TextEncoder().encode(plain);
      expect(bytesToBase32(bytes)).toBe(encoded.replace(/=+$/, ''));
      expect(base32ToBytes(encoded)).toEqual(bytes);
    }
  });

  it('refuses a character outside the alphabet, naming it', () => {
    for (const bad of ['JBSWY3DP1', 'JBSW Y3DP', 'JBSWY3DP0', 'JB=SWY3DP', 'JBSWY3DPé']) {
      expect(() => base32ToBytes(bad), bad).toThrow(TypeError);
    }
    expect(() => base32ToBytes('AB8C')).toThrow(/8/);
  });

  it('strips a long run of padding in linear time', () => {
    const started = performance.now();
    expect(base32ToBytes(`MY${'='.repeat(200_000)}`)).toEqual(new TextEncoder().encode('f'));
    expect(performance.now() - started).toBeLessThan(500);
  });
});
