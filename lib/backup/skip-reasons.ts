/**
 * Why an import skipped one entry, as data: a code from a closed list, where the entry was, and at most one
 * piece of text from the file (an unknown type or algorithm name). The options page words codes and places
 * through i18n keys (lib/ui/import-skip-reasons.ts), so a skipped line reads in the user's language.
 */
import type { OtpParseError } from '../otp/types';
import type { MigrationEntryErrorReason, MigrationErrorReason } from '../otp/migration';
import { describeSecretError } from '../otp/secret';

export const SKIP_REASONS = [
  // the entry itself
  'not-an-entry',
  'entry-encrypted',
  'row-incomplete',
  'no-otp-link',
  'totp-not-text',
  'no-shared-secret',
  'unsupported-type',
  'unsupported-kind',
  // an otpauth:// link
  'not-otpauth-link',
  'link-too-long',
  'link-malformed',
  // the secret
  'secret-missing',
  'secret-not-base32',
  'secret-too-short',
  'secret-too-long',
  'secret-not-hex',
  'secret-not-base64',
  'secret-not-bytes',
  // the other fields
  'unsupported-algorithm',
  'label-not-text',
  'label-missing',
  'digits-out-of-range',
  'period-out-of-range',
  'counter-out-of-range',
  // this extension's own backups
  'sites-malformed',
  'origin-malformed',
  'pinned-malformed',
  'position-malformed',
  'sites-not-allowed',
  // Google Authenticator's transfer QR codes
  'not-migration-link',
  'migration-too-large',
  'migration-no-data',
  'migration-not-base64',
  'migration-damaged',
  'migration-too-many',
  'migration-empty',
  'qr-repeated',
  'qr-missing',
  // the summary after MAX_REPORTED_INVALID entries
  'more-unreported',
] as const;

export type SkipReason = (typeof SKIP_REASONS)[number];

/** Where a skipped entry was; numbers count from 1, `name` is the entry's own (cleaned) name. */
export type EntryPlace =
  | { kind: 'line'; n: number; account?: number }
  | { kind: 'entry'; n: number; name?: string }
  | { kind: 'row'; n: number; name?: string }
  | { kind: 'qr'; n: number; of: number; account?: number }
  | { kind: 'qr-export'; of: number }
  | { kind: 'account'; n: number }
  | { kind: 'rest' };

export const PLACE_KINDS: readonly EntryPlace['kind'][] = [
  'line',
  'entry',
  'row',
  'qr',
  'qr-export',
  'account',
  'rest',
];

/** The reason an entry was skipped, without its place. */
export interface SkipCause {
  code: SkipReason;
  /** Text from the file that the reason names; shown as text, never markup. */
  detail?: string;
  /** How many (QR codes missing, entries not listed). */
  count?: number;
}

/** One entry of a file that was skipped, and why; the rest of the file still imports. */
export interface InvalidEntry extends SkipCause {
  at: EntryPlace;
}

const DETAIL_CHARS = 40;

function quoted(message: string): string {
  return (/"([^"]*)"/.exec(message)?.[1] ?? '').slice(0, DETAIL_CHARS);
}

/** The code for a refusal of the shared account validator or the otpauth:// parser. */
export function otpSkipCause(error: OtpParseError): SkipCause {
  switch (error.reason) {
    case 'too-long':
      return { code: 'link-too-long' };
    case 'bad-scheme':
      return { code: 'not-otpauth-link' };
    case 'bad-encoding':
      return { code: 'link-malformed' };
    case 'bad-type': {
      // why: the parser names the link's type in quotes; the validator refuses a kind, or a non-object.
      if (error.message.startsWith('Unsupported type')) {
        return { code: 'unsupported-type', detail: quoted(error.message) };
      }
      return { code: error.message.startsWith('Only') ? 'unsupported-kind' : 'not-an-entry' };
    }
    case 'missing-secret':
      return { code: 'secret-missing' };
    case 'invalid-secret':
      if (error.message === describeSecretError('secret-too-short')) return { code: 'secret-too-short' };
      if (error.message === describeSecretError('secret-too-long')) return { code: 'secret-too-long' };
      return { code: 'secret-not-base32' };
    case 'unsupported-algorithm':
      return { code: 'unsupported-algorithm', detail: quoted(error.message) };
    case 'bad-digits':
      return { code: 'digits-out-of-range' };
    case 'bad-period':
      return { code: 'period-out-of-range' };
    case 'bad-counter':
      return { code: 'counter-out-of-range' };
    case 'bad-label':
      return { code: error.message.includes('must be text') ? 'label-not-text' : 'label-missing' };
  }
}

/** The code for one account of a transfer QR code that could not be used. */
export function migrationEntrySkipCause(reason: MigrationEntryErrorReason): SkipCause {
  if (reason === 'bad-payload') return { code: 'migration-damaged' };
  if (reason === 'bad-type') return { code: 'unsupported-kind' };
  return otpSkipCause({ reason, message: '' });
}

/** The code for a transfer link that could not be read at all. */
export function migrationSkipCause(reason: MigrationErrorReason): SkipCause {
  const codes: Record<MigrationErrorReason, SkipReason> = {
    'too-long': 'migration-too-large',
    'bad-scheme': 'not-migration-link',
    'missing-data': 'migration-no-data',
    'bad-encoding': 'migration-not-base64',
    'bad-payload': 'migration-damaged',
    'too-many-accounts': 'migration-too-many',
    'no-accounts': 'migration-empty',
  };
  return { code: codes[reason] };
}
