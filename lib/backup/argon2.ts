/**
 * Argon2id (RFC 9106) for reading other apps' encrypted exports (Bitwarden, Authenticator Pro, Ente Auth),
 * with bounds so a hostile file cannot ask for gigabytes of memory or minutes of work.
 *
 * The derivation is @noble/hashes' implementation (already installed with otpauth), pure JavaScript so it
 * runs under the extension's default content security policy (no WebAssembly), loaded only when a file
 * needs it so it stays out of the popup and background bundles.
 */

export interface Argon2Params {
  /** Memory in KiB. */
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** 1 GiB: the most any supported app writes (Ente's "sensitive" setting, Bitwarden's maximum). */
export const ARGON2_MAX_MEMORY_KIB = 1024 * 1024;
/** Memory × passes: Ente's sensitive setting (1 GiB × 4), the most work any supported app asks for. */
export const ARGON2_MAX_WORK_KIB = 4 * ARGON2_MAX_MEMORY_KIB;
const ARGON2_MAX_ITERATIONS = 64;
const ARGON2_MAX_PARALLELISM = 16;

/** Why `params` are refused, or null when they are within bounds. */
export function argon2ParamsProblem(params: Argon2Params): string | null {
  const { memoryKiB, iterations, parallelism } = params;
  if (!Number.isSafeInteger(parallelism) || parallelism < 1 || parallelism > ARGON2_MAX_PARALLELISM) {
    return `parallelism must be from 1 to ${ARGON2_MAX_PARALLELISM}`;
  }
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > ARGON2_MAX_ITERATIONS) {
    return `iterations must be from 1 to ${ARGON2_MAX_ITERATIONS}`;
  }
  if (!Number.isSafeInteger(memoryKiB) || memoryKiB < 8 * parallelism) {
    return 'memory must be at least 8 KiB per lane';
  }
  if (memoryKiB > ARGON2_MAX_MEMORY_KIB) return 'the parameters need more than 1 GiB of memory';
  if (memoryKiB * iterations > ARGON2_MAX_WORK_KIB) return 'the parameters ask for too much work';
  return null;
}

/** Derives `length` bytes; throws RangeError for parameters outside the bounds above. */
export async function argon2id(
  password: Uint8Array,
  salt: Uint8Array,
  params: Argon2Params,
  length: number,
): Promise<Uint8Array> {
  const problem = argon2ParamsProblem(params);
  if (problem !== null) throw new RangeError(`Argon2 parameters refused: ${problem}`);
  const { argon2idAsync } = await import('@noble/hashes/argon2.js');
  return argon2idAsync(password, salt, {
    m: params.memoryKiB,
    t: params.iterations,
    p: params.parallelism,
    dkLen: length,
    // why: the bound itself is checked above; this only lifts noble's own default cap to it, plus slack.
    maxmem: ARGON2_MAX_MEMORY_KIB * 1024 + 16 * 1024 * 1024,
  });
}
