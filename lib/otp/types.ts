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
