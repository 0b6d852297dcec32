/**
 * PBKDF2-HMAC-SHA256 → AES-256-GCM key, the one derivation behind the vault's key slots, our backups and
 * 2FAS imports. Callers check iterations and salt against their own limits before calling: deriving is
 * the expensive part a tampered file must not get to choose freely.
 */
import { utf8, type Bytes } from '../bytes';

/** OWASP 2023 minimum for PBKDF2-HMAC-SHA256; our own formats never accept lower. */
export const PBKDF2_MIN_ITERATIONS = 600_000;
// why: a tampered slot or file asking for billions of iterations would hang the service worker instead of failing.
export const PBKDF2_MAX_ITERATIONS = 10_000_000;

/**
 * The password's UTF-8 bytes: NFC-normalised for our own formats (the same password typed on another OS or
 * keyboard may arrive in a different Unicode normal form), as typed for other apps' files (their rule).
 */
export function passwordBytes(password: string, form: 'nfc' | 'as-typed'): Bytes {
  return utf8(form === 'nfc' ? password.normalize('NFC') : password);
}

export async function deriveAesGcmKey(
  crypto: Crypto,
  password: Bytes,
  salt: Bytes,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}
