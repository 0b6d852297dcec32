/**
 * Base32 secrets as people and enrollment pages write them, turned into one canonical form.
 * This module decides what input is acceptable and what the canonical spelling is; ./base32 does the
 * decoding and encoding.
 */
import { base32ToBytes, bytesToBase32 } from './base32';

/** Longest canonical secret we accept (1024 base32 characters = 640 bytes; real ones are 16–128). */
export const MAX_SECRET_LENGTH = 1024;

export type SecretErrorReason = 'missing-secret' | 'invalid-secret' | 'secret-too-short' | 'secret-too-long';

export type NormalizedSecret = { ok: true; secret: string } | { ok: false; reason: SecretErrorReason };

// why: users paste `JBSW Y3DP-EHPK 3PXP` with spaces (incl. NBSP from web pages), tabs, newlines or dashes.
const SEPARATORS = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff-]/gu;
const BASE32 = /^[A-Z2-7]*$/;

/**
 * Canonical base32 for `input`: upper case, no separators, no padding, re-encoded from its bytes so one
 * key has exactly one spelling (trailing bits that do not fill a byte are dropped, as every OTP app does).
 *
 * Refuses: nothing left after removing separators (`missing-secret`); characters outside A–Z, 2–7 or `=`
 * padding that is not at the end (`invalid-secret`); fewer than 8 bits of key (`secret-too-short`); more
 * than MAX_SECRET_LENGTH characters (`secret-too-long`). Short keys such as 80-bit ones are accepted:
 * real sites use them, and refusing would leave the user with no way to add the account.
 */
export function normalizeSecret(input: string): NormalizedSecret {
  // why: bound the work before any regex runs over an attacker-sized string.
  if (input.length > MAX_SECRET_LENGTH * 4) return { ok: false, reason: 'secret-too-long' };
  const compact = input.replace(SEPARATORS, '').toUpperCase();
  // why: a loop, not /=+$/, which backtracks quadratically on a long run of '=' that is not at the end.
  let end = compact.length;
  while (end > 0 && compact[end - 1] === '=') end--;
  const unpadded = compact.slice(0, end);
  if (unpadded === '') return { ok: false, reason: compact === '' ? 'missing-secret' : 'invalid-secret' };
  if (!BASE32.test(unpadded)) return { ok: false, reason: 'invalid-secret' };
  if (unpadded.length > MAX_SECRET_LENGTH) return { ok: false, reason: 'secret-too-long' };
  const bytes = base32ToBytes(unpadded);
  if (bytes.length === 0) return { ok: false, reason: 'secret-too-short' };
  return { ok: true, secret: bytesToBase32(bytes) };
}

/** A short human explanation for a secret error, for UI messages. */
export function describeSecretError(reason: SecretErrorReason): string {
  switch (reason) {
    case 'missing-secret':
      return 'The secret key is missing.';
    case 'invalid-secret':
      return 'The secret key is not valid base32 (only letters A–Z and digits 2–7 are allowed).';
    case 'secret-too-short':
      return 'The secret key is too short.';
    case 'secret-too-long':
      return `The secret key is longer than ${MAX_SECRET_LENGTH} characters.`;
  }
}
