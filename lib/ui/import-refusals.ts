import type { ImportRefusal, ImportRefusalReason } from '../backup/import-refusals';
import { MAX_IMPORT_ACCOUNTS } from '../backup/types';
import { t } from './i18n';

type Translate = (key: string, substitutions?: string | string[]) => string;

/**
 * One refusal reason as the options page words it: `named` takes the app's name as its first substitution,
 * `plain` is for a file that names no app (this extension's own backup, or a file in no known format).
 * `args` are the words after the app: a reader's limit, or the detail from the file.
 */
interface Form {
  key: string;
  args?: (refusal: ImportRefusal) => string[];
}

interface RefusalWording {
  reason: ImportRefusalReason;
  plain?: Form;
  named?: Form;
}

const maxAccounts = () => [String(MAX_IMPORT_ACCOUNTS)];

/** Formats listed when a file is in none of them; product names, never translated. */
export const SUPPORTED_FORMATS =
  'otpauth://, Google Authenticator, Aegis, 2FAS, Authenticator, Bitwarden (JSON, CSV), LastPass, Proton, ' +
  'FreeOTP+, andOTP, Authenticator Pro, Steam Desktop Authenticator, Raivo OTP, Ente Auth';

/** Every refusal reason; the table is complete (a test words each one in every locale). */
const REFUSAL_WORDING: readonly RefusalWording[] = [
  { reason: 'empty', plain: { key: 'importRefusalEmpty' } },
  { reason: 'file-too-large', plain: { key: 'importTooLarge' } },
  {
    reason: 'unknown-format',
    plain: { key: 'importRefusalUnknownFormat', args: () => [SUPPORTED_FORMATS] },
  },
  {
    reason: 'not-this-format',
    plain: { key: 'importRefusalNotOurBackup' },
    named: { key: 'importRefusalNotThisFormat' },
  },
  { reason: 'no-otpauth-links', plain: { key: 'importRefusalNoOtpauthLinks' } },
  {
    reason: 'unsupported-version',
    plain: { key: 'importRefusalBackupVersion' },
    named: { key: 'importRefusalUnsupportedVersion', args: (refusal) => [refusal.detail || '?'] },
  },
  {
    reason: 'password-required',
    plain: { key: 'importRefusalBackupPasswordRequired' },
    named: { key: 'importRefusalPasswordRequired' },
  },
  {
    reason: 'wrong-password',
    plain: { key: 'importRefusalBackupWrongPassword' },
    named: { key: 'importRefusalWrongPassword' },
  },
  { reason: 'key-settings-refused', named: { key: 'importRefusalKeySettings' } },
  { reason: 'damaged', plain: { key: 'importRefusalDamagedFile' }, named: { key: 'importRefusalDamaged' } },
  { reason: 'cut-short', named: { key: 'importRefusalCutShort' } },
  { reason: 'no-account-list', named: { key: 'importRefusalNoAccountList' } },
  {
    reason: 'too-many-accounts',
    plain: { key: 'importRefusalTooManyAccounts', args: maxAccounts },
    named: { key: 'importRefusalTooManyAccountsApp', args: maxAccounts },
  },
  { reason: 'no-password-slot', named: { key: 'importRefusalNoPasswordSlot' } },
  { reason: 'account-key-encrypted', named: { key: 'importRefusalAccountKeyEncrypted' } },
  { reason: 'app-password-encrypted', named: { key: 'importRefusalAppPasswordEncrypted' } },
  { reason: 'holds-no-keys', named: { key: 'importRefusalHoldsNoKeys' } },
];

const BY_REASON = new Map(REFUSAL_WORDING.map((wording) => [wording.reason, wording]));

/** The i18n keys of a reason, without and with an app (null: that form is never given), or null if unknown. */
export function refusalKeys(reason: string): { plain: string | null; named: string | null } | null {
  const wording = BY_REASON.get(reason as ImportRefusalReason);
  if (!wording) return null;
  return { plain: wording.plain?.key ?? null, named: wording.named?.key ?? null };
}

/**
 * Why a whole file was refused, in the user's language. The reader's English `message` is shown when the
 * reason is unknown (a newer reader) or has no form for what the refusal names.
 */
export function importRefusalText(
  refusal: ImportRefusal & { message: string },
  translate: Translate = t,
): string {
  const wording = BY_REASON.get(refusal.reason);
  if (refusal.app !== undefined && wording?.named) {
    return translate(wording.named.key, [refusal.app, ...(wording.named.args?.(refusal) ?? [])]);
  }
  if (refusal.app === undefined && wording?.plain) {
    return translate(wording.plain.key, wording.plain.args?.(refusal));
  }
  return refusal.message;
}
