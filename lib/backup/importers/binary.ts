/**
 * Binary exports (andOTP's `.json.aes`, Authenticator Pro's `.authpro`) travel through the text-only import
 * path as a `data:` URL of their bytes: a file that is not valid UTF-8 would otherwise be mangled by the
 * text decoding (every invalid byte becomes U+FFFD) before any reader sees it.
 */
import { base64ToBytes, bytesToBase64, fromUtf8, type Bytes } from '../../bytes';

export const BINARY_FILE_PREFIX = 'data:application/octet-stream;base64,';

/** A chosen file as import text: its UTF-8 text, or a `data:` URL of its bytes when it is not UTF-8 text. */
export function importTextOfBytes(bytes: Uint8Array): string {
  const text = fromUtf8(bytes);
  // why: a NUL never occurs in the text formats; random ciphertext can happen to be valid UTF-8.
  if (text !== null && !text.includes('\u0000')) return text;
  return BINARY_FILE_PREFIX + bytesToBase64(bytes);
}

/** Reads a chosen file for `readImport` (see above). */
export async function importTextOfFile(file: Blob): Promise<string> {
  return importTextOfBytes(new Uint8Array(await file.arrayBuffer()));
}

/** The bytes of a binary file passed as above, or null when `text` is not one. */
export function binaryFileBytes(text: string): Bytes | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith(BINARY_FILE_PREFIX)) return null;
  return base64ToBytes(trimmed.slice(BINARY_FILE_PREFIX.length));
}

export function startsWithAscii(bytes: Uint8Array, ascii: string): boolean {
  if (bytes.length < ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}
