/**
 * Our encrypted backup file (docs/backup-format.md):
 *
 *   { format: 'mfa-authenticator-backup', version: 1,
 *     kdf: { name: 'PBKDF2-SHA256', iterations, salt }, iv, ciphertext, createdAt, count }
 *
 * - AES-256-GCM (WebCrypto) under a key derived from the backup password with PBKDF2-HMAC-SHA256;
 *   salt 32 random bytes, IV 12 random bytes, both base64; ciphertext has the 16-byte tag appended.
 * - The plaintext is the UTF-8 JSON list of BackupAccount.
 * - AAD = the header as a fixed-position JSON array (canonical by construction), so changing the format,
 *   version, KDF parameters, date or count makes the tag fail; the IV is authenticated by GCM itself.
 * - KDF parameters below the floor or above the ceiling are refused before anything is derived, so a
 *   tampered file can neither weaken the derivation nor hang the service worker.
 */
import { validateAccountData } from '../otp/uri';
import type { OtpAccountData } from '../otp/types';
import {
  base64ToBytes,
  bytesToBase64,
  isRecord,
  parseJson,
  parseJsonBytes,
  utf8,
  type Bytes,
} from '../bytes';
import { AES_GCM_IV_BYTES, AES_GCM_TAG_BYTES, aesGcmOpen, aesGcmSeal } from '../crypto/aes-gcm';
import {
  deriveAesGcmKey,
  passwordBytes,
  PBKDF2_MAX_ITERATIONS,
  PBKDF2_MIN_ITERATIONS,
} from '../crypto/pbkdf2';
import { randomBytes } from '../crypto/random';
import { MAX_IMPORT_ACCOUNTS, MAX_IMPORT_CHARS, type InvalidEntry } from './types';
import { otpSkipCause } from './skip-reasons';

export const BACKUP_FORMAT = 'mfa-authenticator-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_KDF_NAME = 'PBKDF2-SHA256';
export const BACKUP_KDF_MIN_ITERATIONS = PBKDF2_MIN_ITERATIONS;
// why: restore must stay bounded (~10 s at most on a slow machine) whatever the file asks for.
export const BACKUP_KDF_MAX_ITERATIONS = PBKDF2_MAX_ITERATIONS;
export const BACKUP_SALT_BYTES = 32;
/** What a file may hold before it counts as damaged: salt length, and per account its list of sites. */
const ACCEPTED = { minSaltBytes: 16, maxSaltBytes: 1024, maxSites: 64, maxSiteChars: 2048 } as const;
/** Per account: what a restore accepts as its list of sites (the background checks imports with it too). */
export const BACKUP_ACCOUNT_LIMITS = {
  maxSites: ACCEPTED.maxSites,
  maxSiteChars: ACCEPTED.maxSiteChars,
} as const;

/** One account as it is kept inside the backup's ciphertext. */
export interface BackupAccount {
  data: OtpAccountData;
  allowedSites: string[];
  enrolledOrigin: string;
  pinned: boolean;
  order: number;
}

export interface BackupKdf {
  name: typeof BACKUP_KDF_NAME;
  iterations: number;
  /** base64 */
  salt: string;
}

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  kdf: BackupKdf;
  /** base64, 12 bytes */
  iv: string;
  /** base64, AES-GCM ciphertext with the tag appended */
  ciphertext: string;
  /** ISO 8601 date of the backup */
  createdAt: string;
  /** number of accounts inside */
  count: number;
}

export type BackupErrorCode =
  'not-a-backup' | 'unsupported-version' | 'wrong-password-or-tampered' | 'corrupt' | 'too-large';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface ReadBackupResult {
  createdAt: string;
  accounts: BackupAccount[];
  /** Entries inside an authentic file that no longer pass validation (kept out, reported). */
  invalid: InvalidEntry[];
}

function headerAad(file: Omit<BackupFile, 'iv' | 'ciphertext'>): Bytes {
  const { format, version, kdf, createdAt, count } = file;
  return utf8(JSON.stringify([format, version, kdf.name, kdf.iterations, kdf.salt, createdAt, count]));
}

function deriveKey(crypto: Crypto, password: string, kdf: BackupKdf, salt: Bytes): Promise<CryptoKey> {
  // why: NFC, as the vault: the same password typed on another OS may arrive in another normal form.
  return deriveAesGcmKey(crypto, passwordBytes(password, 'nfc'), salt, kdf.iterations);
}

/** True when `value` looks like one of our backups (any version), for format detection. */
export function looksLikeBackup(value: unknown): boolean {
  return isRecord(value) && value.format === BACKUP_FORMAT;
}

export interface CreateBackupOptions {
  /** Defaults to BACKUP_KDF_MIN_ITERATIONS; never lower. */
  iterations?: number;
}

/** Encrypts `accounts` under `password`; returns the file as pretty JSON text. */
export async function createBackup(
  accounts: readonly BackupAccount[],
  password: string,
  crypto: Crypto,
  now: number,
  options: CreateBackupOptions = {},
): Promise<string> {
  if (typeof password !== 'string' || password.length === 0) {
    throw new BackupError('corrupt', 'The backup password must not be empty.');
  }
  const iterations = options.iterations ?? BACKUP_KDF_MIN_ITERATIONS;
  if (!Number.isSafeInteger(iterations) || iterations < BACKUP_KDF_MIN_ITERATIONS) {
    throw new RangeError(`At least ${BACKUP_KDF_MIN_ITERATIONS} PBKDF2 iterations are required.`);
  }
  if (accounts.length > MAX_IMPORT_ACCOUNTS) {
    throw new BackupError('too-large', `A backup holds at most ${MAX_IMPORT_ACCOUNTS} accounts.`);
  }
  const salt = randomBytes(crypto, BACKUP_SALT_BYTES);
  const header = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kdf: { name: BACKUP_KDF_NAME, iterations, salt: bytesToBase64(salt) },
    createdAt: new Date(now).toISOString(),
    count: accounts.length,
  } as const;
  const plaintext = accounts.map((a) => ({
    data: a.data,
    allowedSites: a.allowedSites,
    enrolledOrigin: a.enrolledOrigin,
    pinned: a.pinned,
    order: a.order,
  }));
  const key = await deriveKey(crypto, password, header.kdf, salt);
  const { iv, ciphertext } = await aesGcmSeal(
    crypto,
    key,
    utf8(JSON.stringify(plaintext)),
    headerAad(header),
  );
  const file: BackupFile = {
    format: header.format,
    version: header.version,
    kdf: { ...header.kdf },
    iv: bytesToBase64(iv),
    ciphertext: bytesToBase64(ciphertext),
    createdAt: header.createdAt,
    count: header.count,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const corrupt = (detail: string) => new BackupError('corrupt', `The backup file is damaged: ${detail}.`);

/** Checks the header and returns it with its binary fields decoded. Derives nothing. */
function readHeader(json: string): { file: BackupFile; salt: Bytes; iv: Bytes; ciphertext: Bytes } {
  if (typeof json !== 'string') throw new BackupError('not-a-backup', 'This is not a backup file.');
  if (json.length > MAX_IMPORT_CHARS) {
    throw new BackupError(
      'too-large',
      'The file is larger than 10 MB; this is not a backup of this extension.',
    );
  }
  const value = parseJson(json);
  if (value === undefined && json.includes(`"${BACKUP_FORMAT}"`)) {
    throw corrupt('it is cut short or not valid JSON');
  }
  if (!isRecord(value) || value.format !== BACKUP_FORMAT) {
    throw new BackupError('not-a-backup', 'This is not a backup file of this extension.');
  }
  if (value.version !== BACKUP_VERSION) {
    throw new BackupError(
      'unsupported-version',
      typeof value.version === 'number' && value.version > BACKUP_VERSION
        ? 'This backup was made by a newer version of the extension. Update the extension to restore it.'
        : 'This backup has an unknown version number.',
    );
  }
  const { kdf, createdAt, count } = value;
  if (!isRecord(kdf) || kdf.name !== BACKUP_KDF_NAME) throw corrupt('unknown key-derivation method');
  const iterations = kdf.iterations;
  if (typeof iterations !== 'number' || !Number.isSafeInteger(iterations))
    throw corrupt('bad iteration count');
  if (iterations < BACKUP_KDF_MIN_ITERATIONS) {
    throw corrupt(
      `its ${iterations} PBKDF2 iterations are below the minimum of ${BACKUP_KDF_MIN_ITERATIONS}`,
    );
  }
  if (iterations > BACKUP_KDF_MAX_ITERATIONS) {
    throw corrupt(
      `its ${iterations} PBKDF2 iterations are above the maximum of ${BACKUP_KDF_MAX_ITERATIONS}`,
    );
  }
  const salt = base64ToBytes(kdf.salt);
  if (!salt || salt.length < ACCEPTED.minSaltBytes || salt.length > ACCEPTED.maxSaltBytes)
    throw corrupt('bad salt');
  const iv = base64ToBytes(value.iv);
  if (!iv || iv.length !== AES_GCM_IV_BYTES) throw corrupt('bad IV');
  const ciphertext = base64ToBytes(value.ciphertext);
  if (!ciphertext || ciphertext.length < AES_GCM_TAG_BYTES)
    throw corrupt('the encrypted part is missing or truncated');
  if (typeof createdAt !== 'string' || createdAt.length > 64) throw corrupt('bad date');
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0)
    throw corrupt('bad account count');
  if (count > MAX_IMPORT_ACCOUNTS) {
    throw new BackupError('too-large', `The backup says it holds more than ${MAX_IMPORT_ACCOUNTS} accounts.`);
  }
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kdf: { name: BACKUP_KDF_NAME, iterations, salt: kdf.salt as string },
    iv: value.iv as string,
    ciphertext: value.ciphertext as string,
    createdAt,
    count,
  };
  return { file, salt, iv, ciphertext };
}

function readAccount(value: unknown, index: number): BackupAccount | InvalidEntry {
  const at = { kind: 'account', n: index + 1 } as const;
  if (!isRecord(value)) return { at, code: 'not-an-entry' };
  const parsed = validateAccountData(value.data);
  if (!parsed.ok) return { at, ...otpSkipCause(parsed.error) };
  const { allowedSites, enrolledOrigin, pinned, order } = value;
  if (
    !Array.isArray(allowedSites) ||
    allowedSites.length > ACCEPTED.maxSites ||
    !allowedSites.every((s) => typeof s === 'string' && s.length <= ACCEPTED.maxSiteChars)
  ) {
    return { at, code: 'sites-malformed' };
  }
  if (typeof enrolledOrigin !== 'string' || enrolledOrigin.length > ACCEPTED.maxSiteChars) {
    return { at, code: 'origin-malformed' };
  }
  if (typeof pinned !== 'boolean') return { at, code: 'pinned-malformed' };
  if (typeof order !== 'number' || !Number.isFinite(order)) return { at, code: 'position-malformed' };
  return {
    data: parsed.account,
    allowedSites: [...(allowedSites as string[])],
    enrolledOrigin,
    pinned,
    order,
  };
}

/**
 * Decrypts and checks a backup. Throws BackupError: `not-a-backup`, `unsupported-version`, `too-large`,
 * `corrupt` (malformed header or content; refused KDF parameters) or `wrong-password-or-tampered` (the GCM
 * tag did not verify: wrong password, or any authenticated byte was changed).
 */
export async function readBackup(json: string, password: string, crypto: Crypto): Promise<ReadBackupResult> {
  const { file, salt, iv, ciphertext } = readHeader(json);
  const key = await deriveKey(crypto, password, file.kdf, salt);
  const plaintext = await aesGcmOpen(crypto, key, iv, ciphertext, headerAad(file));
  if (!plaintext) {
    throw new BackupError(
      'wrong-password-or-tampered',
      'Wrong backup password, or the file was changed after it was made.',
    );
  }
  const list = parseJsonBytes(plaintext);
  if (!Array.isArray(list)) throw corrupt('the decrypted content is not a list of accounts');
  if (list.length !== file.count) throw corrupt(`it says ${file.count} accounts but holds ${list.length}`);
  const accounts: BackupAccount[] = [];
  const invalid: InvalidEntry[] = [];
  list.forEach((entry, index) => {
    const result = readAccount(entry, index);
    if ('code' in result) invalid.push(result);
    else accounts.push(result);
  });
  accounts.sort((a, b) => a.order - b.order);
  return { createdAt: file.createdAt, accounts, invalid };
}

/** File name for a backup made at `now`: mfa-authenticator-backup-YYYY-MM-DD.json (UTC date). */
export function backupFileName(now: number): string {
  return `${BACKUP_FORMAT}-${new Date(now).toISOString().slice(0, 10)}.json`;
}
