/**
 * Authenticator Pro / Stratum encrypted backup (`.authpro` with a password), as the app's backup format
 * page and its decryption tool describe it — a binary file:
 *
 * - Current: "AUTHENTICATORPRO" (16 ASCII bytes) ‖ salt (16) ‖ IV (12) ‖ AES-256-GCM ciphertext ‖ tag (16);
 *   key = Argon2id(password UTF-8, salt, 3 passes, 64 MiB, 4 lanes, 32 bytes). The parameters are the
 *   app's constants, not read from the file.
 * - Legacy: "AuthenticatorPro" ‖ salt (20) ‖ IV (16) ‖ AES-256-CBC (PKCS#7) ciphertext; key =
 *   PBKDF2-HMAC-SHA1(password, salt, 64,000, 32 bytes). It has no MAC: a wrong password shows only as
 *   bad padding or text that is not JSON.
 *
 * The plaintext is the plain backup, read by the Authenticator Pro reader. The file reaches us as a
 * `data:` URL (binary.ts).
 */
import { fromUtf8, parseJson, utf8, type Bytes } from '../../bytes';
import { aesGcmOpen, importAesGcmKey } from '../../crypto/aes-gcm';
import { argon2id } from '../argon2';
import { importFailure, type ImportResult } from '../types';
import { authenticatorProImporter } from './authenticator-pro';
import { binaryFileBytes, startsWithAscii } from './binary';
import type { ImportContext, Importer } from './importer';

export const AUTHENTICATOR_PRO_HEADER = 'AUTHENTICATORPRO';
const LEGACY_HEADER = 'AuthenticatorPro';
const HEADER_BYTES = 16;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ARGON2 = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 };
const LEGACY_SALT_BYTES = 20;
const LEGACY_IV_BYTES = 16;
const LEGACY_ITERATIONS = 64_000;

const WRONG = 'Wrong password for this Authenticator Pro backup, or the file was changed or cut short.';

async function openCurrent(bytes: Bytes, password: string, crypto: Crypto): Promise<Bytes | null> {
  const salt = bytes.slice(HEADER_BYTES, HEADER_BYTES + SALT_BYTES);
  const iv = bytes.slice(HEADER_BYTES + SALT_BYTES, HEADER_BYTES + SALT_BYTES + IV_BYTES);
  const raw = await argon2id(utf8(password), salt, ARGON2, 32);
  const key = await importAesGcmKey(crypto, raw);
  raw.fill(0);
  return aesGcmOpen(crypto, key, iv, bytes.slice(HEADER_BYTES + SALT_BYTES + IV_BYTES));
}

async function openLegacy(bytes: Bytes, password: string, crypto: Crypto): Promise<Bytes | null> {
  const salt = bytes.slice(HEADER_BYTES, HEADER_BYTES + LEGACY_SALT_BYTES);
  const ivEnd = HEADER_BYTES + LEGACY_SALT_BYTES + LEGACY_IV_BYTES;
  const iv = bytes.slice(HEADER_BYTES + LEGACY_SALT_BYTES, ivEnd);
  const material = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-1', salt, iterations: LEGACY_ITERATIONS },
    material,
    { name: 'AES-CBC', length: 256 },
    false,
    ['decrypt'],
  );
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, key, bytes.slice(ivEnd)));
  } catch {
    return null;
  }
}

function readPlain(plaintext: Bytes, context: ImportContext): Promise<ImportResult> | ImportResult {
  const text = fromUtf8(plaintext);
  const json = text === null ? undefined : parseJson(text);
  if (text === null || !authenticatorProImporter.detect({ text, json }))
    return importFailure('wrong-password', WRONG, { reason: 'wrong-password', app: 'Authenticator Pro' });
  return authenticatorProImporter.read({ text, json }, { crypto: context.crypto });
}

export const authenticatorProEncryptedImporter: Importer = {
  format: 'authenticator-pro-encrypted',
  detect({ text }) {
    const bytes = binaryFileBytes(text);
    return (
      !!bytes && (startsWithAscii(bytes, AUTHENTICATOR_PRO_HEADER) || startsWithAscii(bytes, LEGACY_HEADER))
    );
  },
  async read({ text }, context): Promise<ImportResult> {
    const bytes = binaryFileBytes(text);
    if (!bytes)
      return importFailure('corrupt', 'The Authenticator Pro backup is damaged.', {
        reason: 'damaged',
        app: 'Authenticator Pro',
      });
    const legacy = startsWithAscii(bytes, LEGACY_HEADER);
    const minimum = legacy
      ? HEADER_BYTES + LEGACY_SALT_BYTES + LEGACY_IV_BYTES + 16
      : HEADER_BYTES + SALT_BYTES + IV_BYTES + TAG_BYTES;
    if (bytes.length < minimum || (legacy && (bytes.length - minimum) % 16 !== 0)) {
      return importFailure('corrupt', 'The Authenticator Pro backup is cut short.', {
        reason: 'cut-short',
        app: 'Authenticator Pro',
      });
    }
    const { password, crypto } = context;
    if (!password) {
      return importFailure(
        'password-required',
        'This Authenticator Pro backup is encrypted: enter its password.',
        { reason: 'password-required', app: 'Authenticator Pro' },
      );
    }
    const plaintext = legacy
      ? await openLegacy(bytes, password, crypto)
      : await openCurrent(bytes, password, crypto);
    if (!plaintext)
      return importFailure('wrong-password', WRONG, { reason: 'wrong-password', app: 'Authenticator Pro' });
    return readPlain(plaintext, context);
  },
};
