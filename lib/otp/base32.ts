/**
 * RFC 4648 base32 without padding, as OTP secrets are written. Our own few lines rather than otpauth's, so
 * the popup's first screen (lib/otp/compact-code.ts) decodes secrets without loading the OTP library.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Decodes base32 in any case, with or without trailing `=` padding; bits that do not fill a byte are dropped
 * (as every OTP app does). Throws a TypeError naming the first character outside the alphabet.
 */
export function base32ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const upper = text.toUpperCase();
  // why: a loop, not /=+$/, which backtracks quadratically on a long run of '=' that is not at the end.
  let end = upper.length;
  while (end > 0 && upper[end - 1] === '=') end--;
  const out = new Uint8Array(Math.floor((end * 5) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (let i = 0; i < end; i++) {
    const char = upper.charAt(i);
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) throw new TypeError(`Invalid base32 character: ${char}`);
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (value >>> bits) & 255;
    }
  }
  return out;
}

/** Encodes bytes as canonical base32: upper case, no padding. */
export function bytesToBase32(bytes: Uint8Array): string {
  let text = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += ALPHABET.charAt((value >>> bits) & 31);
    }
  }
  if (bits > 0) text += ALPHABET.charAt((value << (5 - bits)) & 31);
  return text;
}
