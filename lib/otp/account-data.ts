import { cleanLabel } from './label';
import { describeSecretError, normalizeSecret } from './secret';
import type { OtpAccountData, OtpAlgorithm, OtpKind, OtpParseResult, OtpUriErrorReason } from './types';
import { STEAM_CODE_LENGTH, STEAM_PERIOD } from './generate';

/**
 * The one set of rules every account passes before it is stored or shown, whatever it came from
 * (otpauth URI, migration export, manual entry, an extension message).
 *
 * Ranges, and why:
 * - digits 6–10: 6 and 8 are what sites use, 7 exists; 9 and 10 are computable (the truncated HMAC is
 *   31 bits) and some services use 10. Below 6 is refused (RFC 4226 requires at least 6).
 * - period 1–3600 s: anything longer is not a "time-based" code anyone types; 0 and fractions are nonsense.
 * - counter 0 … 2^53−1: an integer JavaScript can hold exactly (RFC 4226 allows 2^64−1, nobody gets there).
 * - Steam accounts are always 5 characters, 30 s, SHA1: those fields are set, not checked.
 * - HOTP has no period and TOTP/Steam no counter: those are set to 30 and 0 so equal accounts compare equal.
 */
export const DIGITS_MIN = 6;
export const DIGITS_MAX = 10;
export const PERIOD_MIN = 1;
export const PERIOD_MAX = 3600;
export const DEFAULT_PERIOD = 30;
export const DEFAULT_DIGITS = 6;

const KINDS: readonly OtpKind[] = ['totp', 'hotp', 'steam'];
const ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** Fields before checking: anything may be wrong with them. */
export interface AccountCandidate {
  kind: unknown;
  issuer: unknown;
  account: unknown;
  secret: unknown;
  algorithm: unknown;
  digits: unknown;
  period: unknown;
  counter: unknown;
}

export function refuse(reason: OtpUriErrorReason, message: string): OtpParseResult {
  return { ok: false, error: { reason, message } };
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Checks and canonicalises one candidate (see the rules above). Total: never throws. */
export function checkAccount(candidate: AccountCandidate): OtpParseResult {
  const { kind, algorithm, digits, period, counter } = candidate;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    return refuse(
      'bad-type',
      'Only time-based (TOTP), counter-based (HOTP) and Steam accounts are supported.',
    );
  }
  const otpKind = kind as OtpKind;

  if (candidate.secret === undefined || candidate.secret === null || candidate.secret === '') {
    return refuse('missing-secret', describeSecretError('missing-secret'));
  }
  if (typeof candidate.secret !== 'string')
    return refuse('invalid-secret', describeSecretError('invalid-secret'));
  const secret = normalizeSecret(candidate.secret);
  if (!secret.ok) {
    return refuse(
      secret.reason === 'missing-secret' ? 'missing-secret' : 'invalid-secret',
      describeSecretError(secret.reason),
    );
  }

  if (typeof algorithm !== 'string' || !(ALGORITHMS as readonly string[]).includes(algorithm)) {
    return refuse(
      'unsupported-algorithm',
      `Unsupported algorithm "${String(algorithm).slice(0, 20)}": use SHA1, SHA256 or SHA512.`,
    );
  }

  const issuer = candidate.issuer ?? '';
  const account = candidate.account ?? '';
  if (typeof issuer !== 'string' || typeof account !== 'string') {
    return refuse('bad-label', 'The issuer and account name must be text.');
  }
  const names = { issuer: cleanLabel(issuer), account: cleanLabel(account) };
  if (names.issuer === '' && names.account === '') {
    return refuse('bad-label', 'The account has neither an issuer nor an account name.');
  }

  if (otpKind === 'steam') {
    return {
      ok: true,
      account: {
        kind: 'steam',
        ...names,
        secret: secret.secret,
        algorithm: 'SHA1',
        digits: STEAM_CODE_LENGTH,
        period: STEAM_PERIOD,
        counter: 0,
      },
    };
  }
  if (!isIntegerIn(digits, DIGITS_MIN, DIGITS_MAX)) {
    return refuse('bad-digits', `The code length must be ${DIGITS_MIN} to ${DIGITS_MAX} digits.`);
  }
  const data: OtpAccountData = {
    kind: otpKind,
    ...names,
    secret: secret.secret,
    algorithm: algorithm as OtpAlgorithm,
    digits,
    period: DEFAULT_PERIOD,
    counter: 0,
  };
  if (otpKind === 'totp') {
    if (!isIntegerIn(period, PERIOD_MIN, PERIOD_MAX)) {
      return refuse(
        'bad-period',
        `The period must be a whole number of seconds from ${PERIOD_MIN} to ${PERIOD_MAX}.`,
      );
    }
    data.period = period;
  } else {
    if (!isIntegerIn(counter, 0, Number.MAX_SAFE_INTEGER)) {
      return refuse('bad-counter', 'The counter must be a whole number from 0 to 9007199254740991.');
    }
    data.counter = counter;
  }
  return { ok: true, account: data };
}

/**
 * Checks an account data object that arrived from an untrusted place (an extension message, an import):
 * the same rules as a parsed URI, the secret canonicalised, names cleaned, unknown fields dropped.
 * Total: never throws, even on getters that throw or on proxies.
 */
export function validateAccountData(value: unknown): OtpParseResult {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return refuse('bad-type', 'The account data is not an object.');
    }
    const record = value as Record<string, unknown>;
    return checkAccount({
      kind: record.kind,
      issuer: record.issuer,
      account: record.account,
      secret: record.secret,
      algorithm: record.algorithm,
      digits: record.digits,
      period: record.period,
      counter: record.counter,
    });
  } catch {
    return refuse('bad-type', 'The account data could not be read.');
  }
}
