import { HOTP, Secret } from 'otpauth/bare';
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import type { OtpAccountData, OtpAlgorithm } from './types';

// why: otpauth's bare build leaves HMAC to the caller. These are the @noble/hashes functions its full build
// uses for the same names, without SHA-3 and SHA-224/384, which no account may have (smaller background).
const HASHES: Record<OtpAlgorithm, typeof sha1> = { SHA1: sha1, SHA256: sha256, SHA512: sha512 };

function hmacDigest(algorithm: string, key: Uint8Array, message: Uint8Array): Uint8Array {
  const hash = HASHES[algorithm as OtpAlgorithm] as typeof sha1 | undefined;
  if (!hash) throw new RangeError(`Unsupported algorithm: ${algorithm}`);
  return hmac(hash, key, message);
}

/**
 * One-time codes. HMAC, dynamic truncation and zero padding come from otpauth's HOTP; this module
 * computes the counter itself (integer arithmetic, checked range) and adds Steam Guard's alphabet.
 * Inputs are expected to be validated account data (see validateAccountData); a value outside the
 * computable range is a programming error and throws a RangeError.
 */

export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';
export const STEAM_CODE_LENGTH = 5;
export const STEAM_PERIOD = 30;

/** Longest numeric code: the truncated HMAC is a 31-bit number, at most 10 decimal digits. */
const MAX_DIGITS = 10;

function requireCounter(counter: number): void {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new RangeError(`Invalid HOTP counter: ${counter}`);
}

function requirePeriod(period: number): void {
  if (!Number.isSafeInteger(period) || period < 1) throw new RangeError(`Invalid TOTP period: ${period}`);
}

/** The time step that contains `nowMs`: floor(now / period), counted from the Unix epoch (RFC 6238). */
export function timeStep(period: number, nowMs: number): number {
  requirePeriod(period);
  if (!Number.isFinite(nowMs) || nowMs < 0) throw new RangeError(`Invalid time: ${nowMs}`);
  // why: one division of the millisecond value rounds once and is exact on period boundaries.
  return Math.floor(nowMs / (period * 1000));
}

/** Start (inclusive) and end (exclusive) of the period containing `nowMs`, in epoch ms. */
export function periodBounds(period: number, nowMs: number): { start: number; end: number } {
  const start = timeStep(period, nowMs) * period * 1000;
  return { start, end: start + period * 1000 };
}

/** RFC 4226 HOTP code, zero-padded to `digits` (1–10). */
export function generateHotp(
  secretBase32: string,
  counter: number,
  algorithm: OtpAlgorithm,
  digits: number,
): string {
  requireCounter(counter);
  if (!Number.isInteger(digits) || digits < 1 || digits > MAX_DIGITS)
    throw new RangeError(`Invalid digits: ${digits}`);
  return HOTP.generate({
    secret: Secret.fromBase32(secretBase32),
    algorithm,
    digits,
    counter,
    hmac: hmacDigest,
  });
}

/** RFC 6238 TOTP code for the period containing `nowMs`. */
export function generateTotp(
  secretBase32: string,
  nowMs: number,
  period: number,
  algorithm: OtpAlgorithm,
  digits: number,
): string {
  return generateHotp(secretBase32, timeStep(period, nowMs), algorithm, digits);
}

/** Steam Guard code: TOTP/SHA1/30 s, the 31-bit truncated value written in Steam's 26-letter alphabet. */
export function generateSteam(secretBase32: string, nowMs: number): string {
  // why: with 10 digits otpauth's modulo (10^10 > 2^31) keeps the whole truncated value.
  let value = Number(generateTotp(secretBase32, nowMs, STEAM_PERIOD, 'SHA1', MAX_DIGITS));
  let code = '';
  for (let i = 0; i < STEAM_CODE_LENGTH; i++) {
    code += STEAM_ALPHABET.charAt(value % STEAM_ALPHABET.length);
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}

/** The code to show or fill now: TOTP/Steam from the clock, HOTP from the account's stored counter. */
export function generateCode(account: OtpAccountData, nowMs: number): string {
  switch (account.kind) {
    case 'totp':
      return generateTotp(account.secret, nowMs, account.period, account.algorithm, account.digits);
    case 'hotp':
      return generateHotp(account.secret, account.counter, account.algorithm, account.digits);
    case 'steam':
      return generateSteam(account.secret, nowMs);
  }
}
