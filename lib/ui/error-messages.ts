import { MessageError, type NameClash } from '../messaging';
import { errorCode, errorMessage } from './api';
import { t } from './i18n';

/**
 * One error code as the UI words it: an i18n key, so every language gets its own text. `withDetail`
 * appends the background's words after the key's text, for codes whose message names the offending input.
 */
interface ErrorWording {
  code: string;
  key: string;
  withDetail?: boolean;
}

/** Every background error code the UI shows; anything else is shown in the background's own words. */
const ERROR_WORDING: readonly ErrorWording[] = [
  { code: 'wrong-password', key: 'unlockWrongPassword' },
  { code: 'no-field', key: 'fillNoField' },
  { code: 'site-not-allowed', key: 'fillSiteNotAllowed' },
  { code: 'suffix-list-unavailable', key: 'errorSuffixListUnavailable' },
  { code: 'page-changed', key: 'fillPageChanged' },
  { code: 'field-too-short', key: 'fillFieldTooShort' },
  { code: 'not-found', key: 'errorAccountGone' },
  { code: 'account-not-found', key: 'errorAccountGone' },
  { code: 'uninitialized', key: 'errorNoVault' },
  { code: 'vault-uninitialized', key: 'errorNoVault' },
  { code: 'vault-exists', key: 'errorVaultExists' },
  { code: 'invalid-request', key: 'errorInvalidRequest' },
  { code: 'weak-password', key: 'errorWeakPassword' },
  { code: 'invalid-sites', key: 'errorInvalidSites', withDetail: true },
  { code: 'invalid-settings', key: 'errorInvalidSettings', withDetail: true },
  { code: 'invalid-input', key: 'errorInvalidInput', withDetail: true },
  { code: 'backup-verify-failed', key: 'errorBackupVerify' },
  { code: 'no-access', key: 'errorNoAccess' },
  { code: 'replace-mismatch', key: 'errorReplaceMismatch' },
  { code: 'name-clash', key: 'errorNameClash' },
  { code: 'newer-schema', key: 'errorNewerSchema' },
  { code: 'kdf-below-floor', key: 'errorKdfBelowFloor' },
  { code: 'corrupt-data', key: 'errorCorruptData' },
  { code: 'concurrent-change', key: 'errorConcurrentChange' },
  { code: 'sync-other-password', key: 'errorSyncOtherPassword' },
  { code: 'sync-unavailable', key: 'errorSyncUnavailable' },
  { code: 'sync-remote-invalid', key: 'errorSyncRemoteInvalid' },
  { code: 'too-large', key: 'errorImportTooMany' },
];

/**
 * Codes never worded from the table: `locked` sends the app back to its unlock screen (lib/ui/api.ts),
 * and these messages name what they are about (the duplicate account, the file) or come from the
 * transport itself, so the background's words are kept.
 */
export const CODES_IN_BACKGROUND_WORDS: readonly string[] = [
  'locked',
  'duplicate',
  'quota-exceeded',
  'password-required',
  'no-reply',
];

const BY_CODE = new Map(ERROR_WORDING.map((wording) => [wording.code, wording]));

/** The i18n key for an error code, or null when the background's words are shown. */
export function errorKey(code: string): string | null {
  return BY_CODE.get(code)?.key ?? null;
}

/**
 * A failure the page has already worded in the user's language (a refused import file): shown as it is,
 * under its own code, so the table's wording for the same code (a vault's wrong password) does not replace it.
 */
export class WordedError extends MessageError {}

/** Wording per code that replaces the table's in one place (e.g. "the current password is wrong"). */
export type ErrorKeyOverrides = Readonly<Record<string, () => string>>;

/** What to show for a failed request, in the user's language when the code is known. */
export function errorText(error: unknown, overrides: ErrorKeyOverrides = {}): string {
  if (error instanceof WordedError) return error.message;
  const code = errorCode(error);
  const override = overrides[code];
  if (override) return override();
  const wording = BY_CODE.get(code);
  if (!wording) return errorMessage(error);
  return wording.withDetail ? `${t(wording.key)} ${errorMessage(error)}` : t(wording.key);
}

/** A failed request as a screen keeps it: the code (for `data-code`) and the text to show. */
export interface Failure {
  code: string;
  message: string;
  /** The stored account a `name-clash` refusal is about, so the screen can offer the choice. */
  clash?: NameClash;
}

export function toFailure(error: unknown, overrides: ErrorKeyOverrides = {}): Failure {
  const failure: Failure = { code: errorCode(error), message: errorText(error, overrides) };
  if (error instanceof MessageError && error.clash) failure.clash = error.clash;
  return failure;
}
