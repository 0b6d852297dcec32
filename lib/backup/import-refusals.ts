/**
 * Why an import refused a whole file, as data: a reason from a closed list, the app whose file it is, and
 * at most one short piece of text from the file (a version number). The options page words them through
 * i18n keys (lib/ui/import-refusals.ts), so a refused file reads in the user's language; the English
 * `message` beside them is kept for logs and tests.
 */
import { cleanLabel } from '../otp/label';

export const IMPORT_REFUSALS = [
  // what the file is
  'empty',
  'file-too-large',
  'unknown-format',
  'not-this-format',
  'no-otpauth-links',
  'unsupported-version',
  // its encryption
  'password-required',
  'wrong-password',
  'key-settings-refused',
  // its content
  'damaged',
  'cut-short',
  'no-account-list',
  'too-many-accounts',
  // files an app wrote in a way that must be exported again
  'no-password-slot',
  'account-key-encrypted',
  'app-password-encrypted',
  'holds-no-keys',
] as const;

export type ImportRefusalReason = (typeof IMPORT_REFUSALS)[number];

/** Product names a refusal may name; they stay as they are in every language. */
export const IMPORT_APPS = [
  'Aegis',
  '2FAS',
  'andOTP',
  'Authenticator',
  'Authenticator Pro',
  'Bitwarden',
  'Ente Auth',
  'FreeOTP+',
  'Google Authenticator',
  'LastPass Authenticator',
  'Proton Authenticator',
  'Raivo OTP',
  'Steam Desktop Authenticator',
] as const;

export type ImportApp = (typeof IMPORT_APPS)[number];

/**
 * A whole-file refusal. No `app`: the file is a backup of this extension, or no format was recognised.
 * `detail` is text from the file; shown as text, never markup.
 */
export interface ImportRefusal {
  reason: ImportRefusalReason;
  app?: ImportApp;
  detail?: string;
}

const DETAIL_CHARS = 40;

/** The refusal as stored: a detail from the file is cleaned of control and bidi characters, and short. */
export function cleanRefusal({ reason, app, detail }: ImportRefusal): ImportRefusal {
  const refusal: ImportRefusal = { reason };
  if (app !== undefined) refusal.app = app;
  if (detail !== undefined) refusal.detail = cleanLabel(detail).slice(0, DETAIL_CHARS);
  return refusal;
}
