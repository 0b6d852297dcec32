/**
 * TOTP/Steam codes for the popup's rows in a few hundred bytes: SHA-1 and SHA-256 HMAC written out
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

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/**
 * SHA-1 or SHA-256 of `message` (padding for messages under 512 MiB). It runs for each row the popup
 * renders, often before the page's JIT has warmed up, so the SHA-1 rounds (nearly every account) are one
 * loop of plain arithmetic with their rotations written out: calls and per-round branches cost several
 * times more in the interpreter than the arithmetic itself.
 */
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
  const w = new Uint32Array(80);
  for (let block = 0; block < words.length; block += 16) {
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    let e = state[4]!;
    // why: SHA-1 has five state words; f, g and h are used by SHA-256 only.
    let f = state[5]!;
    let g = state[6]!;
    let h = state[7]!;
    for (let t = 0; t < 16; t++) w[t] = words[block + t]!;
    if (k) {
      for (let t = 16; t < 64; t++) {
        const x = w[t - 15]!;
        const y = w[t - 2]!;
        w[t] =
          (rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)) +
          (rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10)) +
          w[t - 7]! +
          w[t - 16]!;
      }
      for (let t = 0; t < 64; t++) {
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
      }
    } else {
      for (let t = 16; t < 80; t++) {
        const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
        w[t] = (x << 1) | (x >>> 31);
      }
      for (let t = 0; t < 80; t++) {
        const next =
          (((a << 5) | (a >>> 27)) +
            (t < 20
              ? ((b & c) | (~b & d)) + 0x5a827999
              : t < 40
                ? (b ^ c ^ d) + 0x6ed9eba1
                : t < 60
                  ? ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc
                  : (b ^ c ^ d) + 0xca62c1d6) +
            e +
            w[t]!) |
          0;
        e = d;
        d = c;
        c = (b << 30) | (b >>> 2);
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

/** The HOTP message for the TOTP/Steam period containing `nowMs`: its index as 8 big-endian bytes. */
export function periodMessage(account: OtpAccountData, nowMs: number): Uint8Array<ArrayBuffer> {
  const counter = Math.floor(nowMs / ((account.kind === 'steam' ? 30 : account.period) * 1000));
  const message = new Uint8Array(8);
  const view = new DataView(message.buffer);
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter >>> 0);
  return message;
}

/** The code an HMAC stands for: RFC 4226 §5.3 truncation, then the account's digits or Steam's alphabet. */
export function codeFromMac(mac: Uint8Array, account: OtpAccountData): string {
  const value = new DataView(mac.buffer, mac.byteOffset).getUint32(mac[mac.length - 1]! & 15) & 0x7fffffff;
  if (account.kind !== 'steam') return String(value % 10 ** account.digits).padStart(account.digits, '0');
  let code = '';
  for (let i = 0, rest = value; i < 5; i++, rest = Math.floor(rest / STEAM.length))
    code += STEAM[rest % STEAM.length];
  return code;
}

/** The TOTP or Steam code at `nowMs`, or null when this module cannot compute it (HOTP, SHA-512). */
export function compactCode(account: OtpAccountData, nowMs: number): string | null {
  if (account.kind === 'hotp' || account.algorithm === 'SHA512') return null;
  const key = base32ToBytes(account.secret);
  return codeFromMac(hmac(key, periodMessage(account, nowMs), account.algorithm === 'SHA256'), account);
}
