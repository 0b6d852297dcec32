/**
 * Plain exports for moving accounts to another app. These hold secrets in the clear: the handlers ask for
 * the master password again and the popup warns before showing them.
 */
import { encodeMigrationUris, migrationUnsupportedReason } from '../otp/migration';
import { formatOtpauthUri } from '../otp/uri';
import type { OtpAccountData } from '../otp/types';

/** One otpauth:// URI per line, in the given order, with a trailing newline. */
export function exportOtpauthList(accounts: readonly OtpAccountData[]): string {
  return accounts.map((account) => `${formatOtpauthUri(account)}\n`).join('');
}

export interface SkippedAccount {
  issuer: string;
  account: string;
  reason: string;
}

/** Google Authenticator puts 10 accounts in one QR code; dense codes scan badly on phones. */
export const MIGRATION_ACCOUNTS_PER_QR = 10;

/**
 * Google Authenticator "transfer" URIs, one per QR code, sharing one batch id. Accounts the format cannot
 * carry (Steam, periods other than 30 s, code lengths other than 6 and 8) are left out and listed in `skipped`.
 */
export function exportMigrationUris(
  accounts: readonly OtpAccountData[],
  batchId: number,
): { uris: string[]; skipped: SkippedAccount[] } {
  const carried: OtpAccountData[] = [];
  const skipped: SkippedAccount[] = [];
  for (const account of accounts) {
    const reason = migrationUnsupportedReason(account);
    if (reason === null) carried.push(account);
    else skipped.push({ issuer: account.issuer, account: account.account, reason });
  }
  const uris =
    carried.length === 0
      ? []
      : encodeMigrationUris(carried, { batchId, perBatch: MIGRATION_ACCOUNTS_PER_QR });
  return { uris, skipped };
}

/** The otpauth:// URI to show as a QR code, to add one account to a phone. */
export function accountQrUri(account: OtpAccountData): string {
  return formatOtpauthUri(account);
}
