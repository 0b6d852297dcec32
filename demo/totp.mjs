// The demo console's server-side TOTP checks, as a cloud console does them: SHA-1, 6 digits, 30 s steps,
// one step of clock drift either way. Compares through otpauth's `validate` (constant time).
import * as OTPAuth from 'otpauth';

export const PERIOD_SECONDS = 30;
/** Steps of clock drift accepted either way. */
export const DRIFT_STEPS = 1;
// why: Alibaba Cloud's virtual MFA secrets are 64 base32 characters, i.e. 40 random bytes.
const SECRET_BYTES = 40;

/** A fresh random base32 secret (64 characters). */
export function newSecretBase32() {
  return new OTPAuth.Secret({ size: SECRET_BYTES }).base32;
}

/** "ABCD EFGH ..." as consoles show a key for typing by hand. */
export function groupKey(base32) {
  return base32.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * The otpauth:// URI the enrollment QR carries, written the way Alibaba Cloud writes it
 * (`otpauth://totp/Aliyun:demo@1234567890123456?secret=...&issuer=Aliyun`: SHA-1, 6 digits, 30 s implied).
 */
export function enrollmentUri(base32, issuer, accountName) {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName).replace(/%40/g, '@')}`;
  return `otpauth://totp/${label}?secret=${base32}&issuer=${encodeURIComponent(issuer)}`;
}

function totpFor(base32) {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(base32),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
  });
}

const isSixDigits = (code) => typeof code === 'string' && /^\d{6}$/.test(code);

/** True when `code` is the code of the current step, or of one step before or after it. */
export function verifyCode(base32, code, nowMs) {
  if (!isSixDigits(code)) return false;
  return totpFor(base32).validate({ token: code, timestamp: nowMs, window: DRIFT_STEPS }) !== null;
}

/**
 * True when `first` is code(T) for a step T within the drift window and `second` is code(T+1): the two
 * consecutive codes an authenticator shows, which proves the device's clock and secret are right.
 */
export function verifyConsecutiveCodes(base32, first, second, nowMs) {
  if (!isSixDigits(first) || !isSixDigits(second)) return false;
  const totp = totpFor(base32);
  const stepMs = PERIOD_SECONDS * 1000;
  for (let drift = -DRIFT_STEPS; drift <= DRIFT_STEPS; drift++) {
    const stepTime = nowMs + drift * stepMs;
    if (totp.validate({ token: first, timestamp: stepTime, window: 0 }) === null) continue;
    if (totp.validate({ token: second, timestamp: stepTime + stepMs, window: 0 }) !== null) return true;
  }
  return false;
}
