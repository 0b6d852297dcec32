/**
 * Shapes shared by the backup format, the importers, the merge planner and the handlers.
 */
import type { OtpAccountData } from '../otp/types';
import type { InvalidEntry } from './skip-reasons';
import { cleanRefusal, type ImportRefusal } from './import-refusals';

/** Hard caps on what any import or restore will look at: hostile files fail fast. */
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
  | 'bitwarden'
  | 'bitwarden-csv'
  | 'lastpass'
  | 'proton-authenticator'
  | 'freeotp-plus'
  | 'andotp'
  | 'authenticator-pro'
  | 'steam-desktop-authenticator'
  | 'raivo'
  | 'andotp-encrypted'
  | 'authenticator-pro-encrypted'
  | 'ente-encrypted';

/** Why a whole file was refused. Stable: the popup maps these to messages. */
export type ImportErrorCode =
  'wrong-password' | 'password-required' | 'corrupt' | 'wrong-format' | 'too-large';

/** `reason`, `app` and `detail` say the same as `message`, as data the options page words per language. */
export interface ImportError extends ImportRefusal {
  code: ImportErrorCode;
  /** A sentence for the user (English). */
  message: string;
}

export type { EntryPlace, InvalidEntry, SkipCause, SkipReason } from './skip-reasons';
export type { ImportApp, ImportRefusal, ImportRefusalReason } from './import-refusals';

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

/**
 * A file as the options page read it (lib/backup/import-request.ts): the file and its password stay in the
 * page; the background gets the accounts and checks every field again (lib/background/import-check.ts).
 * Sites, origin and pin state are accepted only with our own backups (`mfa-backup`).
 */
export interface ImportRequest {
  format: ImportFormat;
  accounts: IncomingAccount[];
  /** Entries the reader skipped, shown in the preview. */
  invalid: InvalidEntry[];
}

export interface ImportPreviewAccount {
  issuer: string;
  account: string;
  kind: OtpAccountData['kind'];
}

/** What an import would add and skip, shown before anything is written. */
export interface ImportPreview {
  format: ImportFormat;
  add: ImportPreviewAccount[];
  duplicates: (ImportPreviewAccount & {
    reason: 'same-secret' | 'same-name';
    /** The vault account it matches; null when it repeats an earlier entry of the same file. */
    existing: { id: string; issuer: string; account: string } | null;
  })[];
  invalid: InvalidEntry[];
}

/** A whole-file refusal; `refusal` is required so that no failure reaches the page as English only. */
export function importFailure(
  code: ImportErrorCode,
  message: string,
  refusal: ImportRefusal,
): { ok: false; error: ImportError } {
  return { ok: false, error: { code, message, ...cleanRefusal(refusal) } };
}
