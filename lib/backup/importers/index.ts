/**
 * The import formats, in the order they are tried, and the one entry point that reads any of them
 * (our own backups included). Detection is structural and cheap; the size cap is checked before parsing.
 */
import { BackupError, looksLikeBackup, readBackup } from '../format';
import { parseJson } from '../../bytes';
import {
  importFailure,
  MAX_IMPORT_CHARS,
  type ImportError,
  type ImportFormat,
  type ImportRefusalReason,
  type IncomingAccount,
  type InvalidEntry,
} from '../types';
import { aegisImporter } from './aegis';
import { andotpImporter } from './andotp';
import { andotpEncryptedImporter } from './andotp-encrypted';
import { authenticatorProImporter } from './authenticator-pro';
import { authenticatorProEncryptedImporter } from './authenticator-pro-encrypted';
import { authenticatorExtensionImporter } from './authenticator-extension';
import { bitwardenImporter } from './bitwarden';
import { bitwardenCsvImporter } from './bitwarden-csv';
import { enteEncryptedImporter } from './ente-encrypted';
import { freeotpPlusImporter } from './freeotp-plus';
import { googleMigrationImporter } from './google-migration';
import type { ImportInput, Importer } from './importer';
import { lastpassImporter } from './lastpass';
import { otpauthTextImporter } from './otpauth-text';
import { protonAuthenticatorImporter } from './proton-authenticator';
import { raivoImporter } from './raivo';
import { steamDesktopAuthenticatorImporter } from './steam-desktop-authenticator';
import { twofasImporter } from './twofas';

/** Most specific first: an Authenticator-extension backup is "any object of entries", so it comes last. */
export const IMPORTERS: readonly Importer[] = [
  aegisImporter,
  twofasImporter,
  bitwardenImporter,
  lastpassImporter,
  protonAuthenticatorImporter,
  freeotpPlusImporter,
  authenticatorProImporter,
  steamDesktopAuthenticatorImporter,
  raivoImporter,
  andotpImporter,
  enteEncryptedImporter,
  // why: binary files (a data: URL of their bytes, see binary.ts); the header check comes first.
  authenticatorProEncryptedImporter,
  andotpEncryptedImporter,
  authenticatorExtensionImporter,
  // why: before the text formats; its totp column holds otpauth:// links the list reader would misread.
  bitwardenCsvImporter,
  googleMigrationImporter,
  otpauthTextImporter,
];

function inputOf(text: string): ImportInput {
  const trimmed = text.trim();
  const json = trimmed.startsWith('{') || trimmed.startsWith('[') ? parseJson(trimmed) : undefined;
  return { text, json };
}

/** Starts like JSON but does not parse: cut short or damaged, whatever links it may contain. */
function isBrokenJson(input: ImportInput): boolean {
  return input.json === undefined && /^\s*[{[]/.test(input.text);
}

function detect(input: ImportInput): ImportFormat | null {
  if (isBrokenJson(input)) return null;
  if (looksLikeBackup(input.json)) return 'mfa-backup';
  return IMPORTERS.find((importer) => importer.detect(input))?.format ?? null;
}

/** Which format `text` is in, or null when none matches (also for text over the size cap). */
export function detectImportFormat(text: string): ImportFormat | null {
  if (typeof text !== 'string' || text.length > MAX_IMPORT_CHARS) return null;
  return detect(inputOf(text));
}

export type ReadImportResult =
  | { ok: true; format: ImportFormat; accounts: IncomingAccount[]; invalid: InvalidEntry[] }
  | { ok: false; format: ImportFormat | null; error: ImportError };

const BACKUP_ERRORS: Record<BackupError['code'], [ImportError['code'], ImportRefusalReason]> = {
  'not-a-backup': ['wrong-format', 'not-this-format'],
  'unsupported-version': ['wrong-format', 'unsupported-version'],
  'wrong-password-or-tampered': ['wrong-password', 'wrong-password'],
  corrupt: ['corrupt', 'damaged'],
  'too-large': ['too-large', 'too-many-accounts'],
};

async function readOurBackup(
  text: string,
  password: string | undefined,
  crypto: Crypto,
): Promise<ReadImportResult> {
  if (!password) {
    return {
      format: 'mfa-backup',
      ...importFailure('password-required', 'Enter the password of this backup.', {
        reason: 'password-required',
      }),
    };
  }
  try {
    const { accounts, invalid } = await readBackup(text, password, crypto);
    return {
      ok: true,
      format: 'mfa-backup',
      accounts: accounts.map(({ data, allowedSites, enrolledOrigin, pinned }) => ({
        data,
        allowedSites,
        enrolledOrigin,
        pinned,
      })),
      invalid,
    };
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    const [code, reason] = BACKUP_ERRORS[error.code];
    // why: no app named: the refusal words it as this extension's own backup.
    return { format: 'mfa-backup', ...importFailure(code, error.message, { reason }) };
  }
}

/**
 * Reads a file in any supported format. Never throws for bad input: too large, unknown, encrypted without
 * a password, wrong password and damaged files come back as `{ ok: false, error }`.
 */
export async function readImport(
  text: string,
  options: { password?: string; crypto: Crypto },
): Promise<ReadImportResult> {
  if (typeof text !== 'string')
    return { format: null, ...importFailure('wrong-format', 'Nothing to import.', { reason: 'empty' }) };
  if (text.length > MAX_IMPORT_CHARS) {
    return {
      format: null,
      ...importFailure('too-large', 'The file is larger than 10 MB; no authenticator export is that big.', {
        reason: 'file-too-large',
      }),
    };
  }
  const input = inputOf(text);
  const format = detect(input);
  if (format === 'mfa-backup') return readOurBackup(text, options.password, options.crypto);
  const importer = IMPORTERS.find((candidate) => candidate.format === format);
  if (!importer) {
    if (isBrokenJson(input)) {
      return {
        format: null,
        ...importFailure(
          'corrupt',
          'The file looks like JSON but cannot be read; it may be truncated or damaged.',
          { reason: 'damaged' },
        ),
      };
    }
    return {
      format: null,
      ...importFailure(
        'wrong-format',
        'This file is not in a supported format (otpauth links, Google Authenticator export, Aegis, 2FAS, ' +
          'Authenticator extension, Bitwarden JSON or CSV, LastPass, Proton, FreeOTP+, andOTP, ' +
          'Authenticator Pro, Steam Desktop Authenticator, Raivo, Ente Auth, or a backup of this extension).',
        { reason: 'unknown-format' },
      ),
    };
  }
  let result: Awaited<ReturnType<Importer['read']>>;
  try {
    result = await importer.read(input, options);
  } catch {
    // why: a last guard; every known failure is returned by the importer, but a file must never break the popup.
    result = importFailure('corrupt', 'The file could not be read; it may be damaged.', {
      reason: 'damaged',
    });
  }
  if (!result.ok) return { format: importer.format, ok: false, error: result.error };
  return {
    ok: true,
    format: importer.format,
    accounts: result.accounts.map((data) => ({ data })),
    invalid: result.invalid,
  };
}
