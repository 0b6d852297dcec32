/**
 * Turns the texts of decoded QR codes into accounts to confirm: otpauth:// gives one account, a Google
 * Authenticator export gives several; anything else becomes a reason to show, and nothing is added.
 */
import type { OtpAccountData } from '../otp/types';
import { classifyQrText } from './classify';
import { parseOtpauthUri } from '../otp/uri';
import { decodeMigrationUri } from '../otp/migration';

export interface QrAccounts {
  accounts: OtpAccountData[];
  /** Why a code on the page was not used, in the order found (shown when no account was found). */
  rejections: string[];
}

export function accountsFromQrTexts(texts: string[]): QrAccounts {
  const accounts: OtpAccountData[] = [];
  const rejections: string[] = [];
  const add = (account: OtpAccountData) => {
    // why: the same QR is often found twice (DOM image and screenshot crop).
    if (!accounts.some((a) => a.secret === account.secret && a.kind === account.kind)) accounts.push(account);
  };
  for (const text of texts) {
    const kind = classifyQrText(text);
    if (!kind.accepted) {
      rejections.push(kind.reason);
      continue;
    }
    if (kind.kind === 'otpauth') {
      const parsed = parseOtpauthUri(kind.uri);
      if (parsed.ok) add(parsed.account);
      else rejections.push(parsed.error.message);
      continue;
    }
    const migration = decodeMigrationUri(kind.uri);
    if (!migration.ok) {
      rejections.push(migration.error.message);
      continue;
    }
    migration.accounts.forEach(add);
    if (migration.invalid.length > 0) {
      rejections.push(`${migration.invalid.length} account(s) in the export could not be read.`);
    }
  }
  return { accounts, rejections: [...new Set(rejections)] };
}
