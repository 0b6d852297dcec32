/**
 * Bytes ⇄ text for every binary field the extension reads or writes: base64, hex, UTF-8, JSON.
 *
 * The decoders accept nothing but their encoding and return null otherwise, so a damaged field is reported by
 * the caller (as its own error) instead of decoding to garbage. The only leniency is `normalizeBase64`, which
 * callers apply on purpose to text from QR codes and copy-paste.
 */

export type Bytes = Uint8Array<ArrayBuffer>;

export function utf8(text: string): Bytes {
  return new TextEncoder().encode(text);
}

/** UTF-8 to text, or null when the bytes are not valid UTF-8. */
export function fromUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Parses JSON; undefined on a syntax error or a nesting so deep the parser gives up. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** UTF-8 JSON to a value; undefined when the bytes are not valid UTF-8 or not JSON. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  const text = fromUtf8(bytes);
  return text === null ? undefined : parseJson(text);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function concatBytes(a: Uint8Array, b: Uint8Array): Bytes {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export function hexToBytes(hex: unknown): Bytes | null {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Standard base64 with padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // why: String.fromCharCode(...bytes) overflows the call stack on large inputs; chunks keep it bounded.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

const BASE64_PADDED = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64_PADDING_OPTIONAL =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

function decodeBase64(text: unknown, pattern: RegExp): Bytes | null {
  if (typeof text !== 'string' || !pattern.test(text)) return null;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Standard base64, padding optional, no white space; null on anything else. */
export function base64ToBytes(text: unknown): Bytes | null {
  return decodeBase64(text, BASE64_PADDING_OPTIONAL);
}

/** Standard base64 exactly as `bytesToBase64` writes it (padding required); null on anything else. */
export function paddedBase64ToBytes(text: unknown): Bytes | null {
  return decodeBase64(text, BASE64_PADDED);
}

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
