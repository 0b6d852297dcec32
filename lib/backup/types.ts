/**
 * Shapes shared by the backup format, the importers, the merge planner and the handlers.
 */
import type { OtpAccountData } from '../otp/types';

/** Hard caps on what any import or restore will look at (DESIGN §4: hostile files fail fast). */
export const MAX_IMPORT_CHARS = 10 * 1024 * 1024;
export const MAX_IMPORT_ACCOUNTS = 10_000;

/** Every format `readImport` understands, as reported to the popup. */
export type ImportFormat =
  | 'mfa-backup'
  | 'otpauth-text'
  | 'google-migration'
  | 'aegis'
  | '2fas'
  | 'authenticator-extension'
  | 'bitwarden';

/** Why a whole file was refused. Stable: the popup maps these to messages. */
export type ImportErrorCode =
  'wrong-password' | 'password-required' | 'corrupt' | 'wrong-format' | 'too-large';

export interface ImportError {
  code: ImportErrorCode;
  /** A sentence for the user (English). */
  message: string;
}

/** One entry of a file that was skipped, and why; the rest of the file still imports. */
export interface InvalidEntry {
  /** Where in the file: "line 4", "entry 2", "QR code 2 of 3", ... */
  where: string;
  reason: string;
}

/** What an importer found: validated accounts plus the entries it could not use. */
export interface ImportedAccounts {
  accounts: OtpAccountData[];
  invalid: InvalidEntry[];
}

export type ImportResult = ({ ok: true } & ImportedAccounts) | { ok: false; error: ImportError };

/** An account about to enter the vault; our own backups also carry sites and pin state. */
export interface IncomingAccount {
  data: OtpAccountData;
  allowedSites?: string[];
  enrolledOrigin?: string;
  pinned?: boolean;
}

export function importFailure(code: ImportErrorCode, message: string): { ok: false; error: ImportError } {
  return { ok: false, error: { code, message } };
}
