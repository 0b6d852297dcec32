/**
 * AES-256-GCM through WebCrypto, with the 16-byte tag appended to the ciphertext (WebCrypto's layout).
 * `aesGcmOpen` returns null when the tag does not verify; each caller turns that into its own error
 * (wrong password, damaged record, tampered file), so no unauthenticated byte ever leaves here.
 */
import type { Bytes } from '../bytes';
import { randomBytes } from './random';

export const AES_GCM_IV_BYTES = 12;
export const AES_GCM_TAG_BYTES = 16;
export const AES_KEY_BYTES = 32;

/** Imports raw key bytes (copied, so the caller may wipe its array). */
export async function importAesGcmKey(crypto: Crypto, raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** Encrypts under a fresh random IV; returns the IV and the ciphertext with the tag appended. */
export async function aesGcmSeal(
  crypto: Crypto,
  key: CryptoKey,
  plaintext: Uint8Array,
  additionalData?: Bytes,
): Promise<{ iv: Bytes; ciphertext: Bytes }> {
  const iv = randomBytes(crypto, AES_GCM_IV_BYTES);
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, ...(additionalData ? { additionalData } : {}) },
    key,
    new Uint8Array(plaintext),
  );
  return { iv, ciphertext: new Uint8Array(ciphertext) };
}

/** The plaintext, or null when the tag does not verify (wrong key, or any authenticated byte changed). */
export async function aesGcmOpen(
  crypto: Crypto,
  key: CryptoKey,
  iv: Bytes,
  ciphertext: Bytes,
  additionalData?: Bytes,
): Promise<Bytes | null> {
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, ...(additionalData ? { additionalData } : {}) },
      key,
      ciphertext,
    );
    return new Uint8Array(plaintext);
  } catch {
    return null;
  }
}
