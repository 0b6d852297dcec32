/**
 * scrypt (RFC 7914) for reading encrypted Aegis vaults, with bounds so a hostile file cannot ask for
 * gigabytes of memory or minutes of work.
 *
 * The derivation itself is @noble/hashes' audited implementation (already installed with otpauth), run
 * in its async form so the service worker yields every few milliseconds. Aegis writes N=2^15, r=8, p=1
 * (32 MiB, well under a second).
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** 128 · r · N bytes of working memory; 128 MiB allows N=2^17 at r=8, four times Aegis' default. */
export const SCRYPT_MAX_MEMORY_BYTES = 128 * 1024 * 1024;
/** N · r · p, the number of block mixes: 16 times Aegis' default (2^18), a few seconds at most. */
export const SCRYPT_MAX_WORK = 2 ** 22;
const SCRYPT_MAX_P = 16;
const SCRYPT_MAX_R = 32;

/** Why `params` are refused, or null when they are within bounds. */
export function scryptParamsProblem(params: ScryptParams): string | null {
  const { N, r, p } = params;
  if (!Number.isSafeInteger(N) || N < 2 || (N & (N - 1)) !== 0 || N > 2 ** 24) {
    return 'N must be a power of two from 2 to 2^24';
  }
  if (!Number.isSafeInteger(r) || r < 1 || r > SCRYPT_MAX_R) return `r must be from 1 to ${SCRYPT_MAX_R}`;
  if (!Number.isSafeInteger(p) || p < 1 || p > SCRYPT_MAX_P) return `p must be from 1 to ${SCRYPT_MAX_P}`;
  if (128 * r * N > SCRYPT_MAX_MEMORY_BYTES) return 'the parameters need more than 128 MiB of memory';
  if (N * r * p > SCRYPT_MAX_WORK) return 'the parameters ask for too much work';
  return null;
}

/** Derives `length` bytes; throws RangeError for parameters outside the bounds above. */
export async function scrypt(
  password: Uint8Array,
  salt: Uint8Array,
  params: ScryptParams,
  length: number,
): Promise<Uint8Array> {
  const problem = scryptParamsProblem(params);
  if (problem !== null) throw new RangeError(`scrypt parameters refused: ${problem}`);
  return scryptAsync(password, salt, {
    ...params,
    dkLen: length,
    // why: room for B (128·r·p) and V (128·r·N) plus slack; the bound itself is checked above.
    maxmem: SCRYPT_MAX_MEMORY_BYTES + 128 * params.r * params.p + 1024 * 1024,
  });
}
