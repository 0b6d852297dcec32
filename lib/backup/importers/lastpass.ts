/**
 * LastPass Authenticator's JSON export ("Transfer accounts" → export to file), as the apps that import it
 * describe it:
 *
 *   { deviceId, deviceSecret, localDeviceId, deviceName, version: 3, accounts: [...], folders: [...] }
 *
 * Each account: { accountID, issuerName, originalIssuerName, userName, originalUserName, secret (base32),
 * timeStep, digits, algorithm, creationTimestamp, isFavorite, pushNotification, folderData, ... }.
 * Every account is TOTP. The names the user edited (`issuerName`, `userName`) win over the ones the key
 * was enrolled with (`original…`). Push-only LastPass logins have no secret and are reported.
 */
import { isRecord } from '../../bytes';
import { type ImportResult } from '../types';
import { AccountCollector, algorithmName, entryLabel, entryList, otpCandidate, stringOr } from './collect';
import type { Importer } from './importer';

const MARKS = ['issuerName', 'userName', 'timeStep', 'originalIssuerName'];

function isLastPassAccount(value: unknown): boolean {
  return isRecord(value) && MARKS.some((mark) => mark in value);
}

export const lastpassImporter: Importer = {
  format: 'lastpass',
  detect({ json }) {
    if (!isRecord(json) || !Array.isArray(json.accounts)) return false;
    const accounts = json.accounts as unknown[];
    // why: an empty export still names its device; otherwise one account in LastPass' shape is enough.
    return accounts.length === 0
      ? 'localDeviceId' in json || 'deviceName' in json
      : accounts.some(isLastPassAccount);
  },
  async read({ json }): Promise<ImportResult> {
    const accounts = entryList(
      isRecord(json) ? json.accounts : undefined,
      'LastPass Authenticator',
      'The LastPass Authenticator export',
      'accounts',
    );
    if (!Array.isArray(accounts)) return accounts;
    const collector = new AccountCollector();
    accounts.forEach((account, index) => {
      const issuer = isRecord(account)
        ? stringOr(account.issuerName) || stringOr(account.originalIssuerName)
        : '';
      const where = entryLabel(index, issuer || (isRecord(account) ? account.userName : undefined));
      if (!isRecord(account)) return collector.reject(where, { code: 'not-an-entry' });
      collector.candidate(
        where,
        otpCandidate('totp', {
          issuer,
          account: stringOr(account.userName) || stringOr(account.originalUserName),
          secret: account.secret,
          algorithm: algorithmName(account.algorithm),
          digits: account.digits,
          period: account.timeStep,
        }),
      );
    });
    return { ok: true, ...collector.result() };
  },
};
