/**
 * Vault cryptography, WebCrypto only.
 *
 * - A random 256-bit data key (DEK) encrypts each record with AES-256-GCM, a fresh 12-byte IV per write,
 *   and AAD binding the record id and the schema version it was written under.
 * - The DEK is wrapped (AES-256-GCM) by a key derived from the master password with PBKDF2-HMAC-SHA256.
 *   The slot's id, KDF parameters and format version are the wrap's AAD, so lowering them in storage makes
 *   the tag fail; parameters below the floor are refused before anything is derived.
 * - The DEK travels as raw bytes because the background keeps it in `storage.session` as base64.
 *
 * Every function takes the `Crypto` to use, so tests and the service worker pass `globalThis.crypto`.
 */
import { bytesToBase64, paddedBase64ToBytes, parseJsonBytes, utf8, type Bytes } from '../bytes';
import {
  AES_GCM_IV_BYTES,
  AES_GCM_TAG_BYTES,
  AES_KEY_BYTES,
  aesGcmOpen,
  aesGcmSeal,
  importAesGcmKey,
} from '../crypto/aes-gcm';
import {
  deriveAesGcmKey,
  passwordBytes,
  PBKDF2_MAX_ITERATIONS,
  PBKDF2_MIN_ITERATIONS,
} from '../crypto/pbkdf2';
import { randomBytes } from '../crypto/random';
import {
  CorruptDataError,
  InvalidVaultInputError,
  NewerSchemaError,
  RecordDecryptError,
  WeakKdfParamsError,
  WrongPasswordError,
} from './errors';

export const KDF_ALGORITHM = 'PBKDF2-HMAC-SHA256';
/** Never accepted lower, whatever a slot says. */
export const KDF_FLOOR = { iterations: PBKDF2_MIN_ITERATIONS, saltBytes: 16 } as const;
export const KDF_CEILING_ITERATIONS = PBKDF2_MAX_ITERATIONS;
export const DEFAULT_KDF_ITERATIONS = PBKDF2_MIN_ITERATIONS;
export const SALT_BYTES = 32;
export const IV_BYTES = AES_GCM_IV_BYTES;
export const DATA_KEY_BYTES = AES_KEY_BYTES;
/** Format of a key slot (layout + AAD); bump only with a reader for the old one. */
export const SLOT_FORMAT_VERSION = 1;

export interface KdfParams {
  algorithm: typeof KDF_ALGORITHM;
  iterations: number;
  /** base64 */
  salt: string;
}

/** The DEK wrapped under one password (Aegis/LUKS-style slot). All binary fields are base64. */
export interface KeySlot {
  id: string;
  version: number;
  kdf: KdfParams;
  iv: string;
  /** AES-GCM ciphertext of the raw DEK, tag appended. */
  wrappedKey: string;
  /**
   * Protections the vault has switched on (e.g. 'record-index'). Part of the AAD only when present, so slots
   * written before the field existed keep their exact AAD; removing it from a slot that has it fails the tag.
   */
  features?: string[];
}

/** One encrypted record body. `ciphertext` has the 16-byte GCM tag appended (WebCrypto's layout). */
export interface SealedRecord {
  iv: string;
  ciphertext: string;
}

/** Strict padded base64 of a stored field; CorruptDataError on anything else. */
export function decodeStoredBase64(text: unknown): Bytes {
  const bytes = paddedBase64ToBytes(text);
  if (!bytes) throw new CorruptDataError('a binary field is not valid base64');
  return bytes;
}

/** Throws InvalidVaultInputError unless `dataKey` is a data key's raw bytes. */
export function assertDataKey(dataKey: unknown): asserts dataKey is Uint8Array {
  if (!(dataKey instanceof Uint8Array) || dataKey.length !== DATA_KEY_BYTES) {
    throw new InvalidVaultInputError(`The data key must be ${DATA_KEY_BYTES} bytes.`);
  }
}

export function generateDataKey(crypto: Crypto): Bytes {
  return randomBytes(crypto, DATA_KEY_BYTES);
}

/** Throws WeakKdfParamsError (below floor) or CorruptDataError (unknown algorithm, absurd values). */
export function assertKdfParamsAcceptable(kdf: KdfParams): void {
  if (kdf.algorithm !== KDF_ALGORITHM) {
    throw new CorruptDataError(`unknown key-derivation algorithm ${JSON.stringify(kdf.algorithm)}`);
  }
  if (!Number.isSafeInteger(kdf.iterations) || kdf.iterations < KDF_FLOOR.iterations) {
    throw new WeakKdfParamsError(`${kdf.iterations} iterations (minimum ${KDF_FLOOR.iterations})`);
  }
  if (kdf.iterations > KDF_CEILING_ITERATIONS) {
    throw new CorruptDataError(`${kdf.iterations} iterations is above the supported maximum`);
  }
  const saltLength = decodeStoredBase64(kdf.salt).length;
  if (saltLength < KDF_FLOOR.saltBytes) {
    throw new WeakKdfParamsError(`${saltLength}-byte salt (minimum ${KDF_FLOOR.saltBytes})`);
  }
}

/** Fixed-position JSON array: canonical by construction, so equal inputs always give equal bytes. */
function slotAad(slot: Pick<KeySlot, 'id' | 'version' | 'kdf' | 'features'>): Bytes {
  const { algorithm, iterations, salt } = slot.kdf;
  const fields: unknown[] = ['mfa-vault-slot', slot.version, slot.id, algorithm, iterations, salt];
  if (slot.features !== undefined) fields.push(slot.features);
  return utf8(JSON.stringify(fields));
}

function checkFeatures(features: unknown): void {
  if (features === undefined) return;
  if (!Array.isArray(features) || !features.every((f) => typeof f === 'string')) {
    throw new CorruptDataError('key slot features are malformed');
  }
}

function recordAad(recordId: string, schemaVersion: number): Bytes {
  return utf8(JSON.stringify(['mfa-vault-record', schemaVersion, recordId]));
}

async function deriveKeyEncryptionKey(crypto: Crypto, password: string, kdf: KdfParams): Promise<CryptoKey> {
  return deriveAesGcmKey(
    crypto,
    passwordBytes(password, 'nfc'),
    decodeStoredBase64(kdf.salt),
    kdf.iterations,
  );
}

async function importDataKey(crypto: Crypto, dataKey: Uint8Array): Promise<CryptoKey> {
  assertDataKey(dataKey);
  return importAesGcmKey(crypto, dataKey);
}

export interface WrapOptions {
  slotId: string;
  /** Stored in the slot and authenticated with it (see KeySlot.features). */
  features?: string[];
  /** At least KDF_FLOOR.iterations; defaults to DEFAULT_KDF_ITERATIONS. */
  iterations?: number;
}

/** Wraps the DEK under `password` into a new slot with a fresh salt and IV. */
export async function wrapDataKey(
  crypto: Crypto,
  dataKey: Uint8Array,
  password: string,
  options: WrapOptions,
): Promise<KeySlot> {
  if (password.length === 0) throw new InvalidVaultInputError('The password must not be empty.');
  if (dataKey.length !== DATA_KEY_BYTES) {
    throw new InvalidVaultInputError(`The data key must be ${DATA_KEY_BYTES} bytes.`);
  }
  const kdf: KdfParams = {
    algorithm: KDF_ALGORITHM,
    iterations: options.iterations ?? DEFAULT_KDF_ITERATIONS,
    salt: bytesToBase64(randomBytes(crypto, SALT_BYTES)),
  };
  assertKdfParamsAcceptable(kdf);
  checkFeatures(options.features);
  const header: SlotHeader = {
    id: options.slotId,
    version: SLOT_FORMAT_VERSION,
    kdf,
    ...(options.features ? { features: [...options.features] } : {}),
  };
  const kek = await deriveKeyEncryptionKey(crypto, password, kdf);
  return sealSlot(crypto, kek, header, dataKey);
}

type SlotHeader = Pick<KeySlot, 'id' | 'version' | 'kdf' | 'features'>;

async function sealSlot(
  crypto: Crypto,
  kek: CryptoKey,
  header: SlotHeader,
  dataKey: Uint8Array,
): Promise<KeySlot> {
  const { iv, ciphertext } = await aesGcmSeal(crypto, kek, dataKey, slotAad(header));
  return { ...header, iv: bytesToBase64(iv), wrappedKey: bytesToBase64(ciphertext) };
}

/**
 * Returns the raw DEK. Refuses weak or unknown parameters before deriving; a failing GCM tag (wrong
 * password, or any stored field altered) is WrongPasswordError.
 */
export async function unwrapDataKey(crypto: Crypto, slot: KeySlot, password: string): Promise<Bytes> {
  return (await openSlot(crypto, slot, password)).dataKey;
}

/**
 * Unwraps like unwrapDataKey, then wraps the same key again under the same password and KDF parameters with
 * `features` added (fresh IV), deriving only once. Used to switch a protection on while the password is at hand.
 */
export async function unwrapAndAddFeatures(
  crypto: Crypto,
  slot: KeySlot,
  password: string,
  features: readonly string[],
): Promise<{ dataKey: Bytes; upgraded: KeySlot }> {
  const { dataKey, kek } = await openSlot(crypto, slot, password);
  const merged = [...(slot.features ?? [])];
  for (const feature of features) if (!merged.includes(feature)) merged.push(feature);
  const upgraded = await sealSlot(
    crypto,
    kek,
    { id: slot.id, version: slot.version, kdf: slot.kdf, features: merged },
    dataKey,
  );
  return { dataKey, upgraded };
}

async function openSlot(
  crypto: Crypto,
  slot: KeySlot,
  password: string,
): Promise<{ dataKey: Bytes; kek: CryptoKey }> {
  if (slot.version > SLOT_FORMAT_VERSION) throw new NewerSchemaError();
  if (slot.version !== SLOT_FORMAT_VERSION) {
    throw new CorruptDataError(`key slot format ${String(slot.version)} is unknown`);
  }
  assertKdfParamsAcceptable(slot.kdf);
  checkFeatures(slot.features);
  const iv = decodeStoredBase64(slot.iv);
  const wrapped = decodeStoredBase64(slot.wrappedKey);
  if (iv.length !== IV_BYTES) throw new CorruptDataError('key slot IV has the wrong length');
  if (wrapped.length !== DATA_KEY_BYTES + AES_GCM_TAG_BYTES) {
    throw new CorruptDataError('wrapped key has the wrong length');
  }
  const kek = await deriveKeyEncryptionKey(crypto, password, slot.kdf);
  const dataKey = await aesGcmOpen(crypto, kek, iv, wrapped, slotAad(slot));
  if (!dataKey) throw new WrongPasswordError();
  return { dataKey, kek };
}

/** Encrypts `plaintext` (JSON-serialisable) under the DEK with a fresh IV, bound to id + schema version. */
export async function encryptRecord(
  crypto: Crypto,
  dataKey: Uint8Array,
  recordId: string,
  schemaVersion: number,
  plaintext: unknown,
): Promise<SealedRecord> {
  const key = await importDataKey(crypto, dataKey);
  return sealJson(crypto, key, plaintext, recordAad(recordId, schemaVersion));
}

/** Returns the parsed JSON, or throws RecordDecryptError saying why (never returns unauthenticated data). */
export async function decryptRecord(
  crypto: Crypto,
  dataKey: Uint8Array,
  recordId: string,
  schemaVersion: number,
  sealed: SealedRecord,
): Promise<unknown> {
  return (await recordOpener(crypto, dataKey))(recordId, schemaVersion, sealed);
}

/** Opens records under one data key: decryptRecord with the key imported once, for reading many records. */
export type RecordOpener = (
  recordId: string,
  schemaVersion: number,
  sealed: SealedRecord,
) => Promise<unknown>;

/** A RecordOpener for `dataKey` (imported once; the caller may wipe its bytes afterwards). */
export async function recordOpener(crypto: Crypto, dataKey: Uint8Array): Promise<RecordOpener> {
  const key = await importDataKey(crypto, dataKey);
  return async (recordId, schemaVersion, sealed) => {
    const iv = paddedBase64ToBytes(sealed.iv);
    const ciphertext = paddedBase64ToBytes(sealed.ciphertext);
    if (!iv || !ciphertext)
      throw new RecordDecryptError(recordId, 'stored IV or ciphertext is not valid base64');
    if (iv.length !== IV_BYTES) throw new RecordDecryptError(recordId, 'stored IV has the wrong length');
    if (ciphertext.length < AES_GCM_TAG_BYTES)
      throw new RecordDecryptError(recordId, 'ciphertext is truncated');
    const plaintext = await aesGcmOpen(crypto, key, iv, ciphertext, recordAad(recordId, schemaVersion));
    if (!plaintext)
      throw new RecordDecryptError(recordId, 'authentication failed (damaged, altered or moved)');
    const value = parseJsonBytes(plaintext);
    if (value === undefined) throw new RecordDecryptError(recordId, 'decrypted content is not valid JSON');
    return value;
  };
}

/** Encrypts `value` as UTF-8 JSON under a fresh IV; both fields base64, as stored. */
export async function sealJson(
  crypto: Crypto,
  key: CryptoKey,
  value: unknown,
  additionalData: Bytes,
): Promise<SealedRecord> {
  const { iv, ciphertext } = await aesGcmSeal(crypto, key, utf8(JSON.stringify(value)), additionalData);
  return { iv: bytesToBase64(iv), ciphertext: bytesToBase64(ciphertext) };
}
