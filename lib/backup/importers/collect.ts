import { cleanLabel } from '../../otp/label';
import { validateAccountData } from '../../otp/uri';
import type { OtpAccountData, OtpParseResult } from '../../otp/types';
import {
  importFailure,
  MAX_IMPORT_ACCOUNTS,
  type ImportedAccounts,
  type ImportError,
  type ImportApp,
  type InvalidEntry,
} from '../types';
import { otpSkipCause, type EntryPlace, type SkipCause } from '../skip-reasons';

/** More skipped entries than this are summarised in one line, so a garbage file cannot bloat the preview. */
export const MAX_REPORTED_INVALID = 500;

/**
 * Gathers one file's accounts: each candidate goes through validateAccountData (the one set of rules every
 * account passes), failures are kept with where they were. `full` says the account cap was passed.
 */
export class AccountCollector {
  private readonly accounts: OtpAccountData[] = [];
  private readonly invalid: InvalidEntry[] = [];
  private unreported = 0;

  get count(): number {
    return this.accounts.length;
  }

  get full(): boolean {
    return this.accounts.length > MAX_IMPORT_ACCOUNTS;
  }

  /** Validates a candidate object with OtpAccountData's fields. */
  candidate(at: EntryPlace, candidate: Record<string, unknown>): void {
    this.parsed(at, validateAccountData(candidate));
  }

  parsed(at: EntryPlace, result: OtpParseResult): void {
    if (result.ok) this.accounts.push(result.account);
    else this.reject(at, otpSkipCause(result.error));
  }

  /** `cause.detail` is text from the file (a type name): cleaned of control and bidi characters, and short. */
  reject(at: EntryPlace, cause: SkipCause): void {
    if (this.invalid.length >= MAX_REPORTED_INVALID) {
      this.unreported++;
      return;
    }
    const entry: InvalidEntry = { at, ...cause };
    if (cause.detail !== undefined) entry.detail = cleanLabel(cause.detail).slice(0, 40);
    this.invalid.push(entry);
  }

  result(): ImportedAccounts {
    const invalid = [...this.invalid];
    if (this.unreported > 0) {
      invalid.push({ at: { kind: 'rest' }, code: 'more-unreported', count: this.unreported });
    }
    return { accounts: [...this.accounts], invalid };
  }
}

type ListFailure = { ok: false; error: ImportError };

/**
 * An export's list of entries, or the failure to report: `corrupt` when the field is not a list (`notAList`
 * defaults to "<file> has no list of <noun>."), `too-large` past the account cap. The cap is checked on the
 * list's length before any entry is read, so a file with millions of entries costs nothing to refuse.
 */
export function entryList<T>(
  value: T[],
  app: ImportApp,
  file: string,
  noun: string,
  notAList?: string,
): T[] | ListFailure;
export function entryList(
  value: unknown,
  app: ImportApp,
  file: string,
  noun: string,
  notAList?: string,
): unknown[] | ListFailure;
export function entryList(
  value: unknown,
  app: ImportApp,
  file: string,
  noun: string,
  notAList = `${file} has no list of ${noun}.`,
): unknown[] | ListFailure {
  if (!Array.isArray(value)) return importFailure('corrupt', notAList, { reason: 'no-account-list', app });
  if (value.length > MAX_IMPORT_ACCOUNTS) {
    return importFailure(
      'too-large',
      `${file} holds more than ${MAX_IMPORT_ACCOUNTS.toLocaleString('en-US')} ${noun}.`,
      { reason: 'too-many-accounts', app },
    );
  }
  return value as unknown[];
}

/** "entry 3 (GitHub)" as data — a name helps the user find the entry; it is cleaned and short. */
export function entryLabel(index: number, name?: unknown, kind: 'entry' | 'row' = 'entry'): EntryPlace {
  const clean = typeof name === 'string' ? cleanLabel(name).slice(0, 40) : '';
  return clean === '' ? { kind, n: index + 1 } : { kind, n: index + 1, name: clean };
}

export function stringOr(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** A number field, or the default when absent/null; other types stay as they are for the validator to refuse. */
export function numberOr(value: unknown, fallback: number): unknown {
  return value === undefined || value === null ? fallback : value;
}

/**
 * An entry's fields as the importers read them; `algorithm` already in the validator's spelling. Other
 * properties (an app's own record spread in) are ignored.
 */
export interface EntryFields {
  issuer: string;
  account: string;
  secret?: unknown;
  algorithm?: unknown;
  digits?: unknown;
  period?: unknown;
  counter?: unknown;
}

/** A candidate with the defaults apps leave out (6 digits, 30 s); only an HOTP account keeps its counter. */
export function otpCandidate(kind: string, fields: EntryFields): Record<string, unknown> {
  return {
    kind,
    issuer: fields.issuer,
    account: fields.account,
    secret: fields.secret,
    algorithm: fields.algorithm,
    digits: numberOr(fields.digits, 6),
    period: numberOr(fields.period, 30),
    counter: kind === 'hotp' ? numberOr(fields.counter, 0) : 0,
  };
}

/** SHA-1 / sha256 / SHA-512 as the validator spells them; unknown names pass through to be refused. */
export function algorithmName(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return 'SHA1';
  if (typeof value !== 'string') return value;
  return value.trim().toUpperCase().replace(/^SHA-/, 'SHA');
}
