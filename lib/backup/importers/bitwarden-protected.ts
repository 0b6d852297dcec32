/**
 * Bitwarden's password-protected JSON export, as Bitwarden documents it (encrypted exports, KDF algorithms,
 * EncString type 2):
 *
 *   { encrypted: true, passwordProtected: true, salt, kdfType, kdfIterations, kdfMemory, kdfParallelism,
 *     encKeyValidation_DO_NOT_EDIT: EncString, data: EncString }
 *
 * - Key: kdfType 0 = PBKDF2-HMAC-SHA256(password, salt as UTF-8, kdfIterations, 32 bytes); kdfType 1 =
 *   Argon2id(password, SHA-256(salt as UTF-8), kdfIterations passes, kdfMemory MiB, kdfParallelism lanes,
 *   32 bytes). That key is stretched with HKDF-Expand-SHA256 into a 32-byte encryption key (info "enc") and
 *   a 32-byte MAC key (info "mac").
 * - EncString type 2: "2.<iv b64>|<ciphertext b64>|<mac b64>", AES-256-CBC (PKCS#7) with
 *   MAC = HMAC-SHA256(mac key, iv ‖ ciphertext). The MAC is verified before anything is decrypted.
 * - `encKeyValidation_DO_NOT_EDIT` is a value sealed under the same keys: when its MAC fails the password
 *   is wrong; when it holds but `data`'s fails, the file was changed. `data` opens to a normal unencrypted
 *   Bitwarden JSON export, read by the Bitwarden reader.
 */
import { base64ToBytes, concatBytes, isRecord, parseJson, fromUtf8, utf8, type Bytes } from '../../bytes';
import { PBKDF2_MAX_ITERATIONS } from '../../crypto/pbkdf2';
import { argon2id, argon2ParamsProblem, type Argon2Params } from '../argon2';
import { importFailure, type ImportResult } from '../types';
import type { ImportContext, ImportInput } from './importer';

const KEY_BYTES = 32;
const IV_BYTES = 16;
const MAC_BYTES = 32;
const KDF_PBKDF2 = 0;
const KDF_ARGON2ID = 1;
// why: Bitwarden's own floors; a lower count in a file is a forgery meant to make guessing cheap, not a real export.
const PBKDF2_MIN_ITERATIONS = 5000;
const MAX_SALT_CHARS = 1024;

interface EncString {
  iv: Bytes;
  ciphertext: Bytes;
  mac: Bytes;
}

/** Parses an EncString of type 2 (the only type a password-protected export uses); null otherwise. */
export function parseEncString(value: unknown): EncString | null {
  if (typeof value !== 'string') return null;
  const match = /^2\.([^|]+)\|([^|]+)\|([^|]+)$/.exec(value);
  if (!match) return null;
  const iv = base64ToBytes(match[1]);
  const ciphertext = base64ToBytes(match[2]);
  const mac = base64ToBytes(match[3]);
  if (!iv || iv.length !== IV_BYTES || !mac || mac.length !== MAC_BYTES) return null;
  if (!ciphertext || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null;
  return { iv, ciphertext, mac };
}

type Kdf = { kind: 'pbkdf2'; iterations: number } | { kind: 'argon2id'; params: Argon2Params };

function readKdf(json: Record<string, unknown>): Kdf | string {
  const iterations = json.kdfIterations;
  if (json.kdfType === KDF_PBKDF2) {
    if (
      typeof iterations !== 'number' ||
      !Number.isSafeInteger(iterations) ||
      iterations < PBKDF2_MIN_ITERATIONS ||
      iterations > PBKDF2_MAX_ITERATIONS
    ) {
      return `PBKDF2 iterations must be from ${PBKDF2_MIN_ITERATIONS} to ${PBKDF2_MAX_ITERATIONS}`;
    }
    return { kind: 'pbkdf2', iterations };
  }
  if (json.kdfType === KDF_ARGON2ID) {
    const memoryMiB = json.kdfMemory;
    if (typeof memoryMiB !== 'number' || !Number.isSafeInteger(memoryMiB) || memoryMiB < 1) {
      return 'Argon2 memory is missing';
    }
    const params = {
      memoryKiB: memoryMiB * 1024,
      iterations: iterations as number,
      parallelism: json.kdfParallelism as number,
    };
    return argon2ParamsProblem(params) ?? { kind: 'argon2id', params };
  }
  return `key derivation ${String(json.kdfType)} is unknown`;
}

async function hmacKey(crypto: Crypto, raw: Uint8Array, usages: KeyUsage[]): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    new Uint8Array(raw),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    usages,
  );
}

/** HKDF-Expand (RFC 5869) with SHA-256 for one 32-byte block: T(1) = HMAC(prk, info ‖ 0x01). */
async function hkdfExpand32(crypto: Crypto, prk: Uint8Array, info: string): Promise<Bytes> {
  const key = await hmacKey(crypto, prk, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, concatBytes(utf8(info), new Uint8Array([1]))));
}

async function deriveKeys(
  crypto: Crypto,
  password: string,
  salt: string,
  kdf: Kdf,
): Promise<{ enc: Bytes; mac: Bytes }> {
  let master: Uint8Array;
  if (kdf.kind === 'pbkdf2') {
    const material = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: utf8(salt), iterations: kdf.iterations },
      material,
      KEY_BYTES * 8,
    );
    master = new Uint8Array(bits);
  } else {
    const saltHash = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(salt)));
    master = await argon2id(utf8(password), saltHash, kdf.params, KEY_BYTES);
  }
  const keys = {
    enc: await hkdfExpand32(crypto, master, 'enc'),
    mac: await hkdfExpand32(crypto, master, 'mac'),
  };
  master.fill(0);
  return keys;
}

/** The plaintext of `sealed`, or null when its MAC does not verify (checked before decrypting). */
async function openEncString(
  crypto: Crypto,
  keys: { enc: Bytes; mac: Bytes },
  sealed: EncString,
): Promise<Bytes | null> {
  const macKey = await hmacKey(crypto, keys.mac, ['verify']);
  const authentic = await crypto.subtle.verify(
    'HMAC',
    macKey,
    sealed.mac,
    concatBytes(sealed.iv, sealed.ciphertext),
  );
  if (!authentic) return null;
  try {
    const key = await crypto.subtle.importKey('raw', keys.enc, 'AES-CBC', false, ['decrypt']);
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-CBC', iv: sealed.iv }, key, sealed.ciphertext),
    );
  } catch {
    return null;
  }
}

/**
 * Opens a password-protected export and returns the unencrypted export inside it (to be read as any
 * Bitwarden JSON), or a failure.
 */
export async function openProtectedExport(
  json: Record<string, unknown>,
  { password, crypto }: ImportContext,
): Promise<{ ok: true; input: ImportInput } | Extract<ImportResult, { ok: false }>> {
  const validation = parseEncString(json.encKeyValidation_DO_NOT_EDIT);
  const data = parseEncString(json.data);
  const salt = json.salt;
  if (!validation || !data || typeof salt !== 'string' || salt === '' || salt.length > MAX_SALT_CHARS) {
    return importFailure(
      'corrupt',
      'The Bitwarden export is damaged (its salt, key check or data is unreadable).',
      { reason: 'damaged', app: 'Bitwarden' },
    );
  }
  const kdf = readKdf(json);
  if (typeof kdf === 'string') {
    return importFailure('corrupt', `The Bitwarden export's key settings are refused: ${kdf}.`, {
      reason: 'key-settings-refused',
      app: 'Bitwarden',
    });
  }
  if (!password) {
    return importFailure(
      'password-required',
      'This Bitwarden export is password-protected: enter its password.',
      { reason: 'password-required', app: 'Bitwarden' },
    );
  }
  const keys = await deriveKeys(crypto, password, salt, kdf);
  try {
    if (!(await openEncString(crypto, keys, validation))) {
      return importFailure('wrong-password', 'Wrong password for this Bitwarden export.', {
        reason: 'wrong-password',
        app: 'Bitwarden',
      });
    }
    const plaintext = await openEncString(crypto, keys, data);
    const text = plaintext ? fromUtf8(plaintext) : null;
    if (text === null) {
      return importFailure(
        'corrupt',
        'The Bitwarden export was changed after it was written: its data does not match its key.',
        { reason: 'damaged', app: 'Bitwarden' },
      );
    }
    const inner = parseJson(text);
    if (!isRecord(inner) || inner.encrypted === true || !Array.isArray(inner.items)) {
      return importFailure(
        'corrupt',
        'The Bitwarden export opened, but what it holds is not a vault export.',
        { reason: 'no-account-list', app: 'Bitwarden' },
      );
    }
    return { ok: true, input: { text, json: inner } };
  } finally {
    keys.enc.fill(0);
    keys.mac.fill(0);
  }
}
