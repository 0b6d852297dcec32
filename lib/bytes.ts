/**
 * Base64 for migration payloads, on top of the platform's atob/btoa (browsers and Node ≥ 16).
 * The only leniency is in `normalizeBase64`; the decoder itself accepts nothing but base64.
 */

/**
 * Standard base64 from what a QR code or a copy-paste may carry: URL-safe `-_` become `+/`, a space
 * becomes `+` (base64 has no spaces: a space is a `+` that something form-decoded), line breaks and tabs
 * are dropped. Returns null if anything else is not base64.
 */
export function normalizeBase64(text: string): string | null {
  const standard = text
    .replace(/[\r\n\t]/g, '')
    .replace(/ /g, '+')
    .replace(/-/g, '+')
    .replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard)) return null;
  return standard;
}

/** Decodes standard base64 (padding optional); null when it is not valid base64. */
export function base64ToBytes(base64: string): Uint8Array | null {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Standard base64 with padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // why: String.fromCharCode(...hugeArray) overflows the call stack; go in chunks.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
