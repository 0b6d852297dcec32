/**
 * The background's check of an import request. The options page parsed the file, but its answer is input
 * like any other: every account goes through validateAccountData (the rules enrollment uses: secret bytes,
 * digits, period, algorithm, label lengths), and sites, origin and pin state are taken only from our own
 * backups, with the limits the backup reader applies. An account that fails is reported, not added.
 */
import { isRecord } from '../bytes';
import { validateAccountData } from '../otp/uri';
import {
  MAX_IMPORT_ACCOUNTS,
  type ImportFormat,
  type IncomingAccount,
  type InvalidEntry,
} from '../backup/types';
import { BACKUP_ACCOUNT_LIMITS } from '../backup/format';
import { UserFacingError } from './errors';

/** What the preview may list as skipped (the readers summarise beyond 500), and how long each line may be. */
export const IMPORT_REQUEST_LIMITS = { invalid: 1_000, whereChars: 200, reasonChars: 500 } as const;
const FORMAT_NAME = /^[a-z0-9-]{1,40}$/;

export interface CheckedImport {
  format: ImportFormat;
  accounts: IncomingAccount[];
  invalid: InvalidEntry[];
}

function malformed(): never {
  throw new UserFacingError('invalid-request', 'Malformed import request.');
}

function checkInvalidEntry(value: unknown): InvalidEntry {
  if (!isRecord(value) || typeof value.where !== 'string' || typeof value.reason !== 'string') malformed();
  return {
    where: value.where.slice(0, IMPORT_REQUEST_LIMITS.whereChars),
    reason: value.reason.slice(0, IMPORT_REQUEST_LIMITS.reasonChars),
  };
}

/** The account, or why it is refused. */
function checkAccount(value: unknown, restoring: boolean): IncomingAccount | string {
  if (!isRecord(value)) return 'not an account record';
  const parsed = validateAccountData(value.data);
  if (!parsed.ok) return parsed.error.message;
  const { allowedSites, enrolledOrigin, pinned } = value;
  if (!restoring) {
    // why: an app's export names an issuer, which grants no site; only our own backups carry bindings.
    if (allowedSites !== undefined || enrolledOrigin !== undefined || pinned !== undefined) {
      return 'sites and pin state come only with a backup of this extension';
    }
    return { data: parsed.account };
  }
  if (
    !Array.isArray(allowedSites) ||
    allowedSites.length > BACKUP_ACCOUNT_LIMITS.maxSites ||
    !allowedSites.every((s) => typeof s === 'string' && s.length <= BACKUP_ACCOUNT_LIMITS.maxSiteChars)
  ) {
    return 'its list of allowed sites is malformed';
  }
  if (typeof enrolledOrigin !== 'string' || enrolledOrigin.length > BACKUP_ACCOUNT_LIMITS.maxSiteChars) {
    return 'its enrolment origin is malformed';
  }
  if (typeof pinned !== 'boolean') return 'its pinned flag is malformed';
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
    if (typeof account === 'string') checked.invalid.push({ where: `account ${index + 1}`, reason: account });
    else checked.accounts.push(account);
  });
  return checked;
}
