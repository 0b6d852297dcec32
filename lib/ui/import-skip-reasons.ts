import type { EntryPlace, InvalidEntry, SkipReason } from '../backup/skip-reasons';
import { MAX_OTPAUTH_URI_LENGTH } from '../otp/uri';
import { DIGITS_MAX, DIGITS_MIN, PERIOD_MAX, PERIOD_MIN } from '../otp/account-data';
import { MAX_MIGRATION_ACCOUNTS } from '../otp/migration';
import { t } from './i18n';

type Translate = (key: string, substitutions?: string | string[]) => string;

/**
 * One skip reason as the import preview words it: an i18n key, and the words put into it (limits of the
 * validator, or the entry's own detail and count). Same pattern as the error table in error-messages.ts.
 */
interface SkipWording {
  code: SkipReason;
  key: string;
  args?: (entry: InvalidEntry) => string[];
}

const detail = (entry: InvalidEntry): string[] => [entry.detail ?? ''];
const count = (entry: InvalidEntry): string[] => [String(entry.count ?? 0)];

/** Every skip reason a reader or the background gives; the table is complete (a test checks each code). */
const SKIP_WORDING: readonly SkipWording[] = [
  { code: 'not-an-entry', key: 'importSkipNotAnEntry' },
  { code: 'entry-encrypted', key: 'importSkipEntryEncrypted' },
  { code: 'row-incomplete', key: 'importSkipRowIncomplete' },
  { code: 'no-otp-link', key: 'importSkipNoOtpLink' },
  { code: 'totp-not-text', key: 'importSkipTotpNotText' },
  { code: 'no-shared-secret', key: 'importSkipNoSharedSecret' },
  { code: 'unsupported-type', key: 'importSkipUnsupportedType', args: detail },
  { code: 'unsupported-kind', key: 'importSkipUnsupportedKind' },
  { code: 'not-otpauth-link', key: 'importSkipNotOtpauthLink' },
  { code: 'link-too-long', key: 'importSkipLinkTooLong', args: () => [String(MAX_OTPAUTH_URI_LENGTH)] },
  { code: 'link-malformed', key: 'importSkipLinkMalformed' },
  { code: 'secret-missing', key: 'importSkipSecretMissing' },
  { code: 'secret-not-base32', key: 'importSkipSecretNotBase32' },
  { code: 'secret-too-short', key: 'importSkipSecretTooShort' },
  { code: 'secret-too-long', key: 'importSkipSecretTooLong' },
  { code: 'secret-not-hex', key: 'importSkipSecretNotHex' },
  { code: 'secret-not-base64', key: 'importSkipSecretNotBase64' },
  { code: 'secret-not-bytes', key: 'importSkipSecretNotBytes' },
  { code: 'unsupported-algorithm', key: 'importSkipUnsupportedAlgorithm', args: detail },
  { code: 'label-not-text', key: 'importSkipLabelNotText' },
  { code: 'label-missing', key: 'importSkipLabelMissing' },
  {
    code: 'digits-out-of-range',
    key: 'importSkipDigits',
    args: () => [String(DIGITS_MIN), String(DIGITS_MAX)],
  },
  {
    code: 'period-out-of-range',
    key: 'importSkipPeriod',
    args: () => [String(PERIOD_MIN), String(PERIOD_MAX)],
  },
  { code: 'counter-out-of-range', key: 'importSkipCounter' },
  { code: 'sites-malformed', key: 'importSkipSitesMalformed' },
  { code: 'origin-malformed', key: 'importSkipOriginMalformed' },
  { code: 'pinned-malformed', key: 'importSkipPinnedMalformed' },
  { code: 'position-malformed', key: 'importSkipPositionMalformed' },
  { code: 'sites-not-allowed', key: 'importSkipSitesNotAllowed' },
  { code: 'not-migration-link', key: 'importSkipNotMigrationLink' },
  { code: 'migration-too-large', key: 'importSkipMigrationTooLarge' },
  { code: 'migration-no-data', key: 'importSkipMigrationNoData' },
  { code: 'migration-not-base64', key: 'importSkipMigrationNotBase64' },
  { code: 'migration-damaged', key: 'importSkipMigrationDamaged' },
  {
    code: 'migration-too-many',
    key: 'importSkipMigrationTooMany',
    args: () => [String(MAX_MIGRATION_ACCOUNTS)],
  },
  { code: 'migration-empty', key: 'importSkipMigrationEmpty' },
  { code: 'qr-repeated', key: 'importSkipQrRepeated' },
  {
    code: 'qr-missing',
    key: 'importSkipQrMissing',
    args: (entry) => [String(entry.count ?? 0), entry.detail ?? ''],
  },
  { code: 'more-unreported', key: 'importSkipMoreUnreported', args: count },
];

const BY_CODE = new Map(SKIP_WORDING.map((wording) => [wording.code, wording]));

/** The i18n key for a skip reason, or null for a code the table does not know. */
export function skipReasonKey(code: string): string | null {
  return BY_CODE.get(code as SkipReason)?.key ?? null;
}

/** Why an entry was skipped, in the user's language. */
export function skipReasonText(entry: InvalidEntry, translate: Translate = t): string {
  if (entry.code === 'unsupported-type' && !entry.detail)
    return translate('importSkipUnsupportedTypeUnnamed');
  const wording = BY_CODE.get(entry.code);
  if (!wording) return translate('importSkipUnknown');
  return translate(wording.key, wording.args?.(entry));
}

/** Where a skipped entry was ("line 3", "entry 2 (GitHub)", "QR code 2 of 3, account 4"), translated. */
export function entryPlaceText(at: EntryPlace, translate: Translate = t): string {
  switch (at.kind) {
    case 'line':
      return at.account === undefined
        ? translate('importPlaceLine', String(at.n))
        : translate('importPlaceLineAccount', [String(at.n), String(at.account)]);
    case 'entry':
      return at.name
        ? translate('importPlaceEntryNamed', [String(at.n), at.name])
        : translate('importPlaceEntry', String(at.n));
    case 'row':
      return at.name
        ? translate('importPlaceRowNamed', [String(at.n), at.name])
        : translate('importPlaceRow', String(at.n));
    case 'qr':
      return at.account === undefined
        ? translate('importPlaceQr', [String(at.n), String(at.of)])
        : translate('importPlaceQrAccount', [String(at.n), String(at.of), String(at.account)]);
    case 'qr-export':
      return translate('importPlaceQrExport', String(at.of));
    case 'account':
      return translate('importPlaceAccount', String(at.n));
    case 'rest':
      return translate('importPlaceRest');
  }
}
