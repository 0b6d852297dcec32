import { PERIOD_MAX, PERIOD_MIN, validateAccountData } from '../otp/account-data';
import { normalizeSecret, type SecretErrorReason } from '../otp/secret';
import type { OtpAccountData, OtpAlgorithm, OtpKind } from '../otp/types';

/** The manual-add form as typed: strings from inputs, unvalidated. */
export interface ManualFields {
  issuer: string;
  account: string;
  secret: string;
  kind: OtpKind;
  algorithm: OtpAlgorithm;
  digits: string;
  period: string;
  counter: string;
}

export const DEFAULT_MANUAL_FIELDS: ManualFields = {
  issuer: '',
  account: '',
  secret: '',
  kind: 'totp',
  algorithm: 'SHA1',
  digits: '6',
  period: '30',
  counter: '0',
};

/**
 * `field` names the input to focus; `key` is an i18n key with the words to show, or, when `message` is
 * set, the shared validator refused for a reason the form does not know and `message` is its own sentence.
 */
export type ManualFieldsResult =
  | { ok: true; data: OtpAccountData }
  | { ok: false; field: keyof ManualFields; key: string; message?: string };

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,16}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : null;
}

function secretErrorKey(reason: SecretErrorReason): { key: string } {
  switch (reason) {
    case 'missing-secret':
      return { key: 'addErrorSecretMissing' };
    case 'invalid-secret':
      return { key: 'addErrorSecretInvalid' };
    case 'secret-too-short':
      return { key: 'addErrorSecretShort' };
    case 'secret-too-long':
      return { key: 'addErrorSecretLong' };
  }
}

/**
 * Turns the form into account data, or says which field is wrong (in the user's language). Secrets may
 * contain spaces and lower case. The result then passes the same validator as a scanned or pasted URI
 * (lib/otp/account-data.ts), which also cleans the names and fixes Steam to 5 characters / 30 s / SHA1.
 */
export function accountFromFields(fields: ManualFields): ManualFieldsResult {
  if (!fields.issuer.trim() && !fields.account.trim()) {
    return { ok: false, field: 'account', key: 'addErrorNameRequired' };
  }
  const secret = normalizeSecret(fields.secret);
  if (!secret.ok) return { ok: false, field: 'secret', ...secretErrorKey(secret.reason) };

  const digits = wholeNumber(fields.digits);
  const period = wholeNumber(fields.period);
  const counter = wholeNumber(fields.counter);
  if (fields.kind !== 'steam' && (digits === null || digits < 6 || digits > 8)) {
    return { ok: false, field: 'digits', key: 'addErrorDigits' };
  }
  if (fields.kind === 'totp' && (period === null || period < PERIOD_MIN || period > PERIOD_MAX)) {
    return { ok: false, field: 'period', key: 'addErrorPeriod' };
  }
  if (fields.kind === 'hotp' && counter === null)
    return { ok: false, field: 'counter', key: 'addErrorCounter' };

  const checked = validateAccountData({
    kind: fields.kind,
    issuer: fields.issuer,
    account: fields.account,
    secret: secret.secret,
    algorithm: fields.algorithm,
    digits,
    period,
    counter,
  });
  if (!checked.ok)
    return { ok: false, field: 'secret', key: 'addErrorGeneric', message: checked.error.message };
  return { ok: true, data: checked.account };
}
