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

/**
 * An unencrypted Aegis vault (the layout Aegis' vault.md describes and Aegis writes for a plain export):
 * `{ version: 1, header: { slots: null, params: null }, db: { version: 3, entries, groups: [] } }`, one
 * entry per account with a fresh v4 `uuid`. Aegis carries every kind we have (TOTP, HOTP, Steam).
 */
export function exportAegisJson(accounts: readonly OtpAccountData[], uuid: () => string): string {
  const entries = accounts.map((account) => ({
    type: account.kind,
    uuid: uuid(),
    name: account.account,
    issuer: account.issuer,
    note: '',
    favorite: false,
    icon: null,
    info: {
      secret: account.secret,
      algo: account.algorithm,
      digits: account.digits,
      ...(account.kind === 'hotp' ? { counter: account.counter } : { period: account.period }),
    },
    groups: [],
  }));
  const vault = {
    version: 1,
    header: { slots: null, params: null },
    db: { version: 3, entries, groups: [] },
  };
  return `${JSON.stringify(vault, null, 4)}\n`;
}

/** The schema 2FAS writes today; its apps refuse a backup newer than they know. */
export const TWOFAS_SCHEMA_VERSION = 4;

/**
 * An unencrypted 2FAS backup (`.2fas`): `{ services, groups, updatedAt, schemaVersion, appVersionCode,
 * appVersionName, appOrigin }`, each service with every field 2FAS' backup model declares (`name`,
 * `secret`, `updatedAt`, `serviceTypeID`, `otp`, `order`, `badge`, `icon`, `groupId`). 2FAS has TOTP,
 * HOTP and Steam tokens, so nothing is left out.
 */
export function exportTwofasJson(accounts: readonly OtpAccountData[], nowMs: number): string {
  const services = accounts.map((account, position) => ({
    name: account.issuer || account.account,
    secret: account.secret,
    updatedAt: nowMs,
    serviceTypeID: null,
    otp: {
      link: null,
      label: account.issuer ? `${account.issuer}:${account.account}` : account.account,
      account: account.account,
      issuer: account.issuer,
      digits: account.digits,
      period: account.period,
      algorithm: account.algorithm,
      counter: account.kind === 'hotp' ? account.counter : 0,
      tokenType: account.kind.toUpperCase(),
      source: 'Manual',
    },
    order: { position },
    badge: null,
    icon: null,
    groupId: null,
  }));
  return `${JSON.stringify(
    {
      services,
      groups: [],
      updatedAt: nowMs,
      schemaVersion: TWOFAS_SCHEMA_VERSION,
      appVersionCode: 0,
      appVersionName: '',
      // why: 2FAS' readers know the values its own apps write ("android", "ios").
      appOrigin: 'android',
    },
    null,
    2,
  )}\n`;
}
