/**
 * libsodium's crypto_secretstream_xchacha20poly1305, decryption of a stream of exactly one message (how
 * Ente Auth seals its export). Written from libsodium's description of the construction, on
 * @noble/ciphers' ChaCha20 (RFC 8439), HChaCha20 and Poly1305:
 *
 * - header (24 bytes) = 16-byte HChaCha20 input ‖ 8-byte nonce; subkey k = HChaCha20(key, header[0..16]);
 *   the ChaCha20-IETF nonce is a 32-bit little-endian counter (starting at 1) ‖ header[16..24].
 * - a message is tag byte (encrypted) ‖ ciphertext ‖ 16-byte Poly1305 MAC. Keystream block 0 keys
 *   Poly1305; block 1 encrypts the tag byte (the MAC covers the whole 64-byte block with the encrypted tag
 *   in front); blocks 2… encrypt the message. MAC input: ad, pad to 16, the tag block, the ciphertext,
 *   (ciphertext length mod 16) zero bytes, then 64-bit little-endian lengths of ad and of (64 + ciphertext).
 *
 * The MAC is checked before any byte is decrypted.
 */
import { chacha20, hchacha } from '@noble/ciphers/chacha.js';
import { poly1305 } from '@noble/ciphers/_poly1305.js';
import type { Bytes } from '../bytes';

export const SECRETSTREAM_HEADER_BYTES = 24;
export const SECRETSTREAM_KEY_BYTES = 32;
/** Tag byte + MAC added to every message. */
export const SECRETSTREAM_OVERHEAD = 17;
export const SECRETSTREAM_TAG_FINAL = 0x03;
const MAC_BYTES = 16;
const BLOCK_BYTES = 64;
// "expand 32-byte k"
const SIGMA = new Uint32Array([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);

function wordsLE(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: bytes.length / 4 }, (_, i) => view.getUint32(i * 4, true));
}

function bytesLE(words: Uint32Array): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const view = new DataView(out.buffer);
  words.forEach((word, i) => view.setUint32(i * 4, word, true));
  return out;
}

function hchacha20(key: Uint8Array, input16: Uint8Array): Uint8Array {
  const out = new Uint32Array(8);
  hchacha(SIGMA, wordsLE(key), wordsLE(input16), out);
  return bytesLE(out);
}

function length64LE(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  return out;
}

function equalConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * Opens the first message of a stream: its plaintext and tag, or null when the MAC does not verify (wrong
 * key, or any byte of header or message changed). Throws RangeError for wrong key/header sizes.
 */
export function secretstreamPullFirst(
  key: Uint8Array,
  header: Uint8Array,
  message: Uint8Array,
): { plaintext: Bytes; tag: number } | null {
  if (key.length !== SECRETSTREAM_KEY_BYTES || header.length !== SECRETSTREAM_HEADER_BYTES) {
    throw new RangeError('secretstream: bad key or header length');
  }
  if (message.length < SECRETSTREAM_OVERHEAD) return null;
  const subkey = hchacha20(key, header.subarray(0, 16));
  const nonce = new Uint8Array(12);
  new DataView(nonce.buffer).setUint32(0, 1, true);
  nonce.set(header.subarray(16, 24), 4);

  const macKey = chacha20(subkey, nonce, new Uint8Array(BLOCK_BYTES), undefined, 0).subarray(0, 32);
  const tagBlock = new Uint8Array(BLOCK_BYTES);
  tagBlock[0] = message[0]!;
  const tagBlockOut = chacha20(subkey, nonce, tagBlock, undefined, 1);
  const tag = tagBlockOut[0]!;
  tagBlockOut[0] = message[0]!;

  const ciphertext = message.subarray(1, message.length - MAC_BYTES);
  const stored = message.subarray(message.length - MAC_BYTES);
  // why: libsodium pads with (16 − 64 + length) mod 16 zero bytes, i.e. length mod 16 (not up to a
  // multiple of 16 as RFC 8439 would); a reader must do the same to get its MACs.
  const padding = new Uint8Array(ciphertext.length % 16);
  const mac = poly1305
    .create(macKey)
    .update(tagBlockOut)
    .update(ciphertext)
    .update(padding)
    .update(length64LE(0))
    .update(length64LE(BLOCK_BYTES + ciphertext.length))
    .digest();
  if (!equalConstantTime(mac, stored)) {
    subkey.fill(0);
    return null;
  }
  // why: ad is empty here, so the ad and its padding add nothing to the MAC input above.
  const plaintext = new Uint8Array(chacha20(subkey, nonce, ciphertext, undefined, 2));
  subkey.fill(0);
  return { plaintext, tag };
}
