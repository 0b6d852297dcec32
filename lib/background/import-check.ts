/**
 * The background's check of an import request. The options page parsed the file, but its answer is input
 * like any other: every account goes through validateAccountData (the rules enrollment uses: secret bytes,
 * digits, period, algorithm, label lengths), and sites, origin and pin state are taken only from our own
 * backups, with the limits the backup reader applies. An account that fails is reported, not added.
 */
import { isRecord } from '../bytes';
import { cleanLabel } from '../otp/label';
import { validateAccountData } from '../otp/uri';
import {
  MAX_IMPORT_ACCOUNTS,
  type ImportFormat,
  type IncomingAccount,
  type InvalidEntry,
} from '../backup/types';
import { BACKUP_ACCOUNT_LIMITS } from '../backup/format';
import {
  otpSkipCause,
  PLACE_KINDS,
  SKIP_REASONS,
  type EntryPlace,
  type SkipCause,
  type SkipReason,
} from '../backup/skip-reasons';
import { UserFacingError } from './errors';

/** What the preview may list as skipped (the readers summarise beyond 500), and how long its texts may be. */
export const IMPORT_REQUEST_LIMITS = { invalid: 1_000, nameChars: 100, detailChars: 100 } as const;
const FORMAT_NAME = /^[a-z0-9-]{1,40}$/;

export interface CheckedImport {
  format: ImportFormat;
  accounts: IncomingAccount[];
  invalid: InvalidEntry[];
}

function malformed(): never {
  throw new UserFacingError('invalid-request', 'Malformed import request.');
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function optionalCount(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (!isCount(value)) malformed();
  return value;
}

/** A place as the readers make it (lib/backup/skip-reasons.ts); only known kinds and numbers pass. */
function checkPlace(value: unknown): EntryPlace {
  if (!isRecord(value) || !(PLACE_KINDS as readonly unknown[]).includes(value.kind)) malformed();
  const kind = value.kind as EntryPlace['kind'];
  if (kind === 'rest') return { kind };
  if (kind === 'qr-export') return { kind, of: optionalCount(value.of) ?? malformed() };
  const n = optionalCount(value.n) ?? malformed();
  if (kind === 'account') return { kind, n };
  if (kind === 'entry' || kind === 'row') {
    if (value.name === undefined) return { kind, n };
    if (typeof value.name !== 'string') malformed();
    return { kind, n, name: cleanLabel(value.name).slice(0, IMPORT_REQUEST_LIMITS.nameChars) };
  }
  const account = optionalCount(value.account);
  const place: EntryPlace =
    kind === 'qr' ? { kind, n, of: optionalCount(value.of) ?? malformed() } : { kind, n };
  return account === undefined ? place : { ...place, account };
}

/** A skipped entry: a known code, its place, and at most a short text and a count (shown as text). */
function checkInvalidEntry(value: unknown): InvalidEntry {
  if (!isRecord(value) || !(SKIP_REASONS as readonly unknown[]).includes(value.code)) malformed();
  const entry: InvalidEntry = { at: checkPlace(value.at), code: value.code as SkipReason };
  if (value.detail !== undefined) {
    if (typeof value.detail !== 'string') malformed();
    entry.detail = cleanLabel(value.detail).slice(0, IMPORT_REQUEST_LIMITS.detailChars);
  }
  const count = optionalCount(value.count);
  if (count !== undefined) entry.count = count;
  return entry;
}

/** The account, or why it is refused. */
function checkAccount(value: unknown, restoring: boolean): IncomingAccount | SkipCause {
  if (!isRecord(value)) return { code: 'not-an-entry' };
  const parsed = validateAccountData(value.data);
  if (!parsed.ok) return otpSkipCause(parsed.error);
  const { allowedSites, enrolledOrigin, pinned } = value;
  if (!restoring) {
    // why: an app's export names an issuer, which grants no site; only our own backups carry bindings.
    if (allowedSites !== undefined || enrolledOrigin !== undefined || pinned !== undefined) {
      return { code: 'sites-not-allowed' };
    }
    return { data: parsed.account };
  }
  if (
    !Array.isArray(allowedSites) ||
    allowedSites.length > BACKUP_ACCOUNT_LIMITS.maxSites ||
    !allowedSites.every((s) => typeof s === 'string' && s.length <= BACKUP_ACCOUNT_LIMITS.maxSiteChars)
  ) {
    return { code: 'sites-malformed' };
  }
  if (typeof enrolledOrigin !== 'string' || enrolledOrigin.length > BACKUP_ACCOUNT_LIMITS.maxSiteChars) {
    return { code: 'origin-malformed' };
  }
  if (typeof pinned !== 'boolean') return { code: 'pinned-malformed' };
  return { data: parsed.account, allowedSites: [...(allowedSites as string[])], enrolledOrigin, pinned };
}

/** Checks a previewImport/commitImport payload; throws `invalid-request` or `too-large` for the whole request. */
export function checkImportRequest(payload: unknown): CheckedImport {
  if (!isRecord(payload)) malformed();
  const { format, accounts, invalid } = payload;
  if (typeof format !== 'string' || !FORMAT_NAME.test(format)) malformed();
  if (!Array.isArray(accounts) || !Array.isArray(invalid)) malformed();
  if (accounts.length > MAX_IMPORT_ACCOUNTS) {
    throw new UserFacingError('too-large', `An import holds at most ${MAX_IMPORT_ACCOUNTS} accounts.`);
  }
  if (invalid.length > IMPORT_REQUEST_LIMITS.invalid) malformed();
  const checked: CheckedImport = {
    format: format as ImportFormat,
    accounts: [],
    invalid: invalid.map(checkInvalidEntry),
  };
  const restoring = format === 'mfa-backup';
  accounts.forEach((value: unknown, index) => {
    const account = checkAccount(value, restoring);
    if ('code' in account) checked.invalid.push({ at: { kind: 'account', n: index + 1 }, ...account });
    else checked.accounts.push(account);
  });
  return checked;
}
