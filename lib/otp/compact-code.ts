/**
 * TOTP/Steam codes for the popup's first screen in a few hundred bytes: SHA-1 and SHA-256 HMAC written out
 * (synchronous, so a row computes its code when it renders), RFC 4226 truncation, Steam's alphabet. It
 * must give exactly what lib/otp/generate.ts gives (a unit test compares them); SHA-512 accounts return
 * null and the caller uses that module instead (loaded only when a vault has one).
 */
import { base32ToBytes } from './base32';
import type { OtpAccountData } from './types';

const STEAM = '23456789BCDFGHJKMNPQRTVWXY';

/** Round constants of SHA-256: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
let K256: Uint32Array | null = null;
/** Initial SHA-256 state: the same from the square roots of the first 8 primes. */
let H256: Uint32Array | null = null;

function sha256Constants(): [Uint32Array, Uint32Array] {
  if (!K256 || !H256) {
    K256 = new Uint32Array(64);
    H256 = new Uint32Array(8);
    const frac = (x: number) => ((x - Math.floor(x)) * 2 ** 32) >>> 0;
    for (let n = 2, found = 0; found < 64; n++) {
      let prime = true;
      for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
      if (!prime) continue;
      if (found < 8) H256[found] = frac(Math.sqrt(n));
      K256[found++] = frac(Math.cbrt(n));
    }
  }
  return [K256, H256];
}

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** SHA-1 or SHA-256 of `message` (padding for messages under 512 MiB). */
function sha(message: Uint8Array, is256: boolean): Uint8Array {
  const length = message.length;
  const words = new Uint32Array((((length + 8) >> 6) + 1) * 16);
  for (let i = 0; i < length; i++) words[i >> 2]! |= message[i]! << (24 - (i & 3) * 8);
  words[length >> 2]! |= 0x80 << (24 - (length & 3) * 8);
  words[words.length - 1] = length * 8;
  const [k, h0] = is256 ? sha256Constants() : [null, null];
  const state = h0
    ? Uint32Array.from(h0)
    : Uint32Array.of(0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0);
  const w = new Uint32Array(is256 ? 64 : 80);
  for (let block = 0; block < words.length; block += 16) {
    for (let t = 0; t < w.length; t++) {
      if (t < 16) w[t] = words[block + t]!;
      else if (!is256) w[t] = rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1);
      else {
        const a = w[t - 15]!;
        const b = w[t - 2]!;
        w[t] =
          (rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)) +
          (rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10)) +
          w[t - 7]! +
          w[t - 16]!;
      }
    }
    // why: SHA-1 has five state words; f, g and h are used by SHA-256 only.
    let [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = state;
    for (let t = 0; t < w.length; t++) {
      if (k) {
        const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[t]! + w[t]!) | 0;
        const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        h = g;
        g = f;
        f = e;
        e = (d + t1) | 0;
        d = c;
        c = b;
        b = a;
        a = (t1 + t2) | 0;
      } else {
        const mix = t < 20 ? (b & c) | (~b & d) : t < 40 || t >= 60 ? b ^ c ^ d : (b & c) | (b & d) | (c & d);
        const constant = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
        const next = (rotl(a, 5) + mix + e + constant + w[t]!) | 0;
        e = d;
        d = c;
        c = rotl(b, 30);
        b = a;
        a = next;
      }
    }
    const rounds = [a, b, c, d, e, f, g, h];
    for (let i = 0; i < state.length; i++) state[i] = state[i]! + rounds[i]!;
  }
  const out = new Uint8Array(state.length * 4);
  state.forEach((word, i) => new DataView(out.buffer).setUint32(i * 4, word));
  return out;
}

function hmac(key: Uint8Array, message: Uint8Array, is256: boolean): Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha(key, is256) : key);
  const inner = new Uint8Array(64 + message.length);
  const outer = new Uint8Array(64 + (is256 ? 32 : 20));
  for (let i = 0; i < 64; i++) {
    inner[i] = block[i]! ^ 0x36;
    outer[i] = block[i]! ^ 0x5c;
  }
  inner.set(message, 64);
  outer.set(sha(inner, is256), 64);
  return sha(outer, is256);
}

/** The truncated 31-bit value of HOTP(secret, counter) (RFC 4226 §5.3). */
function truncated(secret: string, counter: number, is256: boolean): number {
  const message = new Uint8Array(8);
  const view = new DataView(message.buffer);
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter >>> 0);
  const mac = hmac(base32ToBytes(secret), message, is256);
  const offset = mac[mac.length - 1]! & 15;
  return new DataView(mac.buffer).getUint32(offset) & 0x7fffffff;
}

/** The TOTP or Steam code at `nowMs`, or null when this module cannot compute it (HOTP, SHA-512). */
export function compactCode(account: OtpAccountData, nowMs: number): string | null {
  if (account.kind === 'hotp' || account.algorithm === 'SHA512') return null;
  const steam = account.kind === 'steam';
  const period = steam ? 30 : account.period;
  const value = truncated(
    account.secret,
    Math.floor(nowMs / (period * 1000)),
    account.algorithm === 'SHA256',
  );
  if (!steam) return String(value % 10 ** account.digits).padStart(account.digits, '0');
  let code = '';
  for (let i = 0, rest = value; i < 5; i++, rest = Math.floor(rest / STEAM.length))
    code += STEAM[rest % STEAM.length];
  return code;
}
