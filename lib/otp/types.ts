/** Hash algorithms an account may use. MD5 appears in some exports but is refused (no authenticator app computes it). */
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** `steam` is TOTP with Steam Guard's 5-character alphabet. */
export type OtpKind = 'totp' | 'hotp' | 'steam';

/** Everything needed to compute codes for one account. Never stored unencrypted. */
export interface OtpAccountData {
  kind: OtpKind;
  /** Display issuer, e.g. "Aliyun". May be empty. */
  issuer: string;
  /** Display account name, e.g. "alice@1234567890123456". May be empty. */
  account: string;
  /** Canonical base32: upper case, no spaces, no padding. */
  secret: string;
  algorithm: OtpAlgorithm;
  digits: number;
  /** Seconds per step; meaningful for totp/steam. */
  period: number;
  /** Next HOTP counter to use; 0 for totp/steam. */
  counter: number;
}

/** Why an otpauth URI or an account data object was refused. Stable: tests and i18n keys use these. */
export type OtpUriErrorReason =
  | 'too-long'
  | 'bad-scheme'
  | 'bad-type'
  | 'bad-encoding'
  | 'missing-secret'
  | 'invalid-secret'
  | 'unsupported-algorithm'
  | 'bad-digits'
  | 'bad-period'
  | 'bad-counter'
  | 'bad-label';

export interface OtpParseError {
  reason: OtpUriErrorReason;
  /** A sentence for the user (English). */
  message: string;
}

export type OtpParseResult = { ok: true; account: OtpAccountData } | { ok: false; error: OtpParseError };
