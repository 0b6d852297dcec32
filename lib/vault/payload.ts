/**
 * What is inside a record's ciphertext, and the shape checks on everything that goes in or comes out. Only
 * shape: lib/otp validates meaning (base32, digit ranges) before anything reaches the vault.
 */
import type { OtpAccountData } from '../otp/types';
import { InvalidVaultInputError, RecordDecryptError } from './errors';
import type { RecordRow } from './schema';
import type { NewStoredAccount, StoredAccount, StoredAccountPatch } from './types';

export interface SecretPayload {
  data: OtpAccountData;
  allowedSites: string[];
  enrolledOrigin: string;
  pinned: boolean;
}

export function checkString(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new InvalidVaultInputError(`${field} must be a string.`);
  return value;
}

export function checkBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidVaultInputError(`${field} must be true or false.`);
  return value;
}

export function checkCounter(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidVaultInputError('The HOTP counter must be a whole number from 0 to 2^53 - 1.');
  }
  return value;
}

export function checkSites(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((site) => typeof site === 'string')) {
    throw new InvalidVaultInputError('allowedSites must be a list of strings.');
  }
  return [...(value as string[])];
}

const KINDS: readonly string[] = ['totp', 'hotp', 'steam'];
const ALGORITHMS: readonly string[] = ['SHA1', 'SHA256', 'SHA512'];

export function checkAccountData(value: unknown): OtpAccountData {
  const data = value as Partial<Record<keyof OtpAccountData, unknown>> | null;
  const ok =
    typeof data === 'object' &&
    data !== null &&
    typeof data.kind === 'string' &&
    KINDS.includes(data.kind) &&
    typeof data.algorithm === 'string' &&
    ALGORITHMS.includes(data.algorithm) &&
    typeof data.issuer === 'string' &&
    typeof data.account === 'string' &&
    typeof data.secret === 'string' &&
    data.secret.length > 0 &&
    Number.isSafeInteger(data.digits) &&
    Number.isSafeInteger(data.period) &&
    Number.isSafeInteger(data.counter) &&
    (data.counter as number) >= 0;
  if (!ok) throw new InvalidVaultInputError('The account data is incomplete or malformed.');
  const { kind, issuer, account, secret, algorithm, digits, period, counter } = data as OtpAccountData;
  // why: copy only known fields, so nothing unexpected rides along into storage.
  return { kind, issuer, account, secret, algorithm, digits, period, counter };
}

/** The payload of a new account: unpinned unless `pinned` is given (restores from a backup). */
export function newPayload(input: NewStoredAccount, pinned?: unknown): SecretPayload {
  return {
    data: checkAccountData(input.data),
    allowedSites: checkSites(input.allowedSites),
    enrolledOrigin: checkString('enrolledOrigin', input.enrolledOrigin),
    pinned: pinned === undefined ? false : checkBoolean('pinned', pinned),
  };
}

/** A decrypted record's content, or RecordDecryptError when it has an unexpected shape. */
export function parsePayload(id: string, value: unknown): SecretPayload {
  const payload = value as Partial<Record<keyof SecretPayload, unknown>> | null;
  try {
    if (typeof payload !== 'object' || payload === null) throw new InvalidVaultInputError('not an object');
    return {
      data: checkAccountData(payload.data),
      allowedSites: checkSites(payload.allowedSites),
      enrolledOrigin: checkString('enrolledOrigin', payload.enrolledOrigin),
      pinned: checkBoolean('pinned', payload.pinned),
    };
  } catch {
    throw new RecordDecryptError(id, 'decrypted content has an unexpected shape');
  }
}

export function applyPatch(current: SecretPayload, patch: StoredAccountPatch): SecretPayload {
  const data = { ...current.data };
  if (patch.issuer !== undefined) data.issuer = checkString('issuer', patch.issuer);
  if (patch.account !== undefined) data.account = checkString('account', patch.account);
  if (patch.counter !== undefined) {
    if (data.kind !== 'hotp') throw new InvalidVaultInputError('Only an HOTP account has a counter.');
    data.counter = checkCounter(patch.counter);
  }
  return {
    ...current,
    data,
    pinned: patch.pinned === undefined ? current.pinned : checkBoolean('pinned', patch.pinned),
    allowedSites: patch.allowedSites === undefined ? current.allowedSites : checkSites(patch.allowedSites),
  };
}

export function toAccount(row: RecordRow, payload: SecretPayload): StoredAccount {
  return {
    id: row.id,
    data: payload.data,
    allowedSites: payload.allowedSites,
    enrolledOrigin: payload.enrolledOrigin,
    pinned: payload.pinned,
    order: row.order,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
