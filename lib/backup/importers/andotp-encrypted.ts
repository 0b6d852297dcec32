/**
 * andOTP's encrypted backup (`otp_accounts.json.aes`, "new format", andOTP 0.6 and later), as its readers
 * describe it — a binary file:
 *
 *   iterations (4 bytes, big-endian) ‖ salt (12) ‖ IV (12) ‖ AES-256-GCM ciphertext ‖ tag (16)
 *
 * key = PBKDF2-HMAC-SHA1(password UTF-8, salt, iterations, 32 bytes). The plaintext is the plain andOTP
 * backup (a JSON array), read by the andOTP reader. The file reaches us as a `data:` URL (binary.ts).
 */
import { utf8, parseJsonBytes, fromUtf8 } from '../../bytes';
import { aesGcmOpen, importAesGcmKey } from '../../crypto/aes-gcm';
import { PBKDF2_MAX_ITERATIONS } from '../../crypto/pbkdf2';
import { importFailure, type ImportResult } from '../types';
import { andotpImporter } from './andotp';
import { AUTHENTICATOR_PRO_HEADER } from './authenticator-pro-encrypted';
import { binaryFileBytes, startsWithAscii } from './binary';
import type { Importer } from './importer';

const ITERATIONS_BYTES = 4;
const SALT_BYTES = 12;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = ITERATIONS_BYTES + SALT_BYTES + IV_BYTES;
// why: andOTP writes 140,000–160,000; far fewer is a forgery that would make guessing cheap.
const MIN_ITERATIONS = 1000;

function iterationsOf(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, false);
}

export const andotpEncryptedImporter: Importer = {
  format: 'andotp-encrypted',
  detect({ text }) {
    const bytes = binaryFileBytes(text);
    if (!bytes || bytes.length < ITERATIONS_BYTES || startsWithAscii(bytes, AUTHENTICATOR_PRO_HEADER)) {
      return false;
    }
    const iterations = iterationsOf(bytes);
    return iterations > 0 && iterations <= PBKDF2_MAX_ITERATIONS;
  },
  async read({ text }, { password, crypto }): Promise<ImportResult> {
    const bytes = binaryFileBytes(text);
    if (!bytes || bytes.length < HEADER_BYTES + TAG_BYTES) {
      return importFailure('corrupt', 'The andOTP backup is cut short.', {
        reason: 'cut-short',
        app: 'andOTP',
      });
    }
    const iterations = iterationsOf(bytes);
    if (iterations < MIN_ITERATIONS || iterations > PBKDF2_MAX_ITERATIONS) {
      return importFailure(
        'corrupt',
        `The andOTP backup asks for ${iterations} PBKDF2 iterations (accepted: ${MIN_ITERATIONS} to ${PBKDF2_MAX_ITERATIONS}).`,
        { reason: 'key-settings-refused', app: 'andOTP' },
      );
    }
    if (!password) {
      return importFailure('password-required', 'This andOTP backup is encrypted: enter its password.', {
        reason: 'password-required',
        app: 'andOTP',
      });
    }
    const salt = bytes.slice(ITERATIONS_BYTES, ITERATIONS_BYTES + SALT_BYTES);
    const iv = bytes.slice(ITERATIONS_BYTES + SALT_BYTES, HEADER_BYTES);
    const material = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
    const raw = new Uint8Array(
      await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt, iterations }, material, 256),
    );
    const key = await importAesGcmKey(crypto, raw);
    raw.fill(0);
    const plaintext = await aesGcmOpen(crypto, key, iv, bytes.slice(HEADER_BYTES));
    if (!plaintext) {
      return importFailure(
        'wrong-password',
        'Wrong password for this andOTP backup, or the file was changed or cut short.',
        { reason: 'wrong-password', app: 'andOTP' },
      );
    }
    const json = parseJsonBytes(plaintext);
    if (!Array.isArray(json)) {
      return importFailure(
        'corrupt',
        'The andOTP backup opened, but what it holds is not a list of entries.',
        { reason: 'no-account-list', app: 'andOTP' },
      );
    }
    return andotpImporter.read({ text: fromUtf8(plaintext) ?? '', json }, { crypto });
  },
};
