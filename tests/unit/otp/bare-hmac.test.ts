// lib/otp/generate.ts uses otpauth's bare build with its own HMAC table (SHA1/256/512 from @noble/hashes):
// the codes must be exactly those of otpauth's full build for every algorithm, length and counter we allow.
import { describe, expect, it } from 'vitest';
import { HOTP, Secret } from 'otpauth';
import { generateHotp } from '../../../lib/otp/generate';
import { bytesToBase32 } from '../../../lib/otp/base32';

describe('codes from the bare build', () => {
  it('equal the full build for 300 random keys, SHA1/SHA256/SHA512, 1–10 digits', () => {
    for (let i = 0; i < 300; i++) {
      const key = crypto.getRandomValues(new Uint8Array(10 + (i % 55)));
      const secret = bytesToBase32(key);
      const algorithm = (['SHA1', 'SHA256', 'SHA512'] as const)[i % 3]!;
      const digits = 1 + (i % 10);
      const counter = i * 7_919_113 + (i % 2 ? 2 ** 40 : 0);
      const full = HOTP.generate({ secret: Secret.fromBase32(secret), algorithm, digits, counter });
      expect(generateHotp(secret, counter, algorithm, digits)).toBe(full);
    }
  });
});
