/**
 * Vault cryptography, WebCrypto only (DESIGN §3).
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
import {
  CorruptDataError,
  InvalidVaultInputError,
  NewerSchemaError,
  RecordDecryptError,
  WeakKdfParamsError,
  WrongPasswordError,
} from './errors';

export const KDF_ALGORITHM = 'PBKDF2-HMAC-SHA256';
/** OWASP 2023 minimum for PBKDF2-HMAC-SHA256; never accepted lower, whatever a slot says. */
export const KDF_FLOOR = { iterations: 600_000, saltBytes: 16 } as const;
// why: a tampered slot asking for billions of iterations would hang the service worker instead of failing.
export const KDF_CEILING_ITERATIONS = 10_000_000;
export const DEFAULT_KDF_ITERATIONS = 600_000;
export const SALT_BYTES = 32;
export const IV_BYTES = 12;
export const DATA_KEY_BYTES = 32;
const GCM_TAG_BYTES = 16;
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

type Bytes = Uint8Array<ArrayBuffer>;

const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // why: String.fromCharCode(...bytes) overflows the call stack on large inputs; chunks keep it bounded.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Strict standard base64 (with padding); throws CorruptDataError on anything else. */
export function base64ToBytes(text: string): Bytes {
  if (typeof text !== 'string' || !BASE64_PATTERN.test(text)) {
    throw new CorruptDataError('a binary field is not valid base64');
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function randomBytes(crypto: Crypto, length: number): Bytes {
  return crypto.getRandomValues(new Uint8Array(length));
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
  const saltLength = base64ToBytes(kdf.salt).length;
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

function utf8(text: string): Bytes {
  return new TextEncoder().encode(text);
}

function copyBytes(bytes: Uint8Array): Bytes {
  return new Uint8Array(bytes);
}

async function deriveKeyEncryptionKey(crypto: Crypto, password: string, kdf: KdfParams): Promise<CryptoKey> {
  // why: the same password typed on another OS/keyboard may arrive in a different Unicode normal form.
  const passwordKey = await crypto.subtle.importKey('raw', utf8(password.normalize('NFC')), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: base64ToBytes(kdf.salt), iterations: kdf.iterations },
    passwordKey,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function importDataKey(crypto: Crypto, dataKey: Uint8Array): Promise<CryptoKey> {
  if (!(dataKey instanceof Uint8Array) || dataKey.length !== DATA_KEY_BYTES) {
    throw new InvalidVaultInputError(`The data key must be ${DATA_KEY_BYTES} bytes.`);
  }
  return crypto.subtle.importKey('raw', copyBytes(dataKey), 'AES-GCM', false, ['encrypt', 'decrypt']);
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
  const iv = randomBytes(crypto, IV_BYTES);
  const wrapped = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: slotAad(header) },
    kek,
    copyBytes(dataKey),
  );
  return { ...header, iv: bytesToBase64(iv), wrappedKey: bytesToBase64(new Uint8Array(wrapped)) };
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
  const iv = base64ToBytes(slot.iv);
  const wrapped = base64ToBytes(slot.wrappedKey);
  if (iv.length !== IV_BYTES) throw new CorruptDataError('key slot IV has the wrong length');
  if (wrapped.length !== DATA_KEY_BYTES + GCM_TAG_BYTES) {
    throw new CorruptDataError('wrapped key has the wrong length');
  }
  const kek = await deriveKeyEncryptionKey(crypto, password, slot.kdf);
  let dataKey: ArrayBuffer;
  try {
    dataKey = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: slotAad(slot) },
      kek,
      wrapped,
    );
  } catch {
    throw new WrongPasswordError();
  }
  return { dataKey: new Uint8Array(dataKey), kek };
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
  const iv = randomBytes(crypto, IV_BYTES);
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: recordAad(recordId, schemaVersion) },
    key,
    utf8(JSON.stringify(plaintext)),
  );
  return { iv: bytesToBase64(iv), ciphertext: bytesToBase64(new Uint8Array(ciphertext)) };
}

/** Returns the parsed JSON, or throws RecordDecryptError saying why (never returns unauthenticated data). */
export async function decryptRecord(
  crypto: Crypto,
  dataKey: Uint8Array,
  recordId: string,
  schemaVersion: number,
  sealed: SealedRecord,
): Promise<unknown> {
  const key = await importDataKey(crypto, dataKey);
  let iv: Bytes;
  let ciphertext: Bytes;
  try {
    iv = base64ToBytes(sealed.iv);
    ciphertext = base64ToBytes(sealed.ciphertext);
  } catch {
    throw new RecordDecryptError(recordId, 'stored IV or ciphertext is not valid base64');
  }
  if (iv.length !== IV_BYTES) throw new RecordDecryptError(recordId, 'stored IV has the wrong length');
  if (ciphertext.length < GCM_TAG_BYTES) throw new RecordDecryptError(recordId, 'ciphertext is truncated');
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: recordAad(recordId, schemaVersion) },
      key,
      ciphertext,
    );
  } catch {
    throw new RecordDecryptError(recordId, 'authentication failed (damaged, altered or moved)');
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext)) as unknown;
  } catch {
    throw new RecordDecryptError(recordId, 'decrypted content is not valid JSON');
  }
}

/** One record as the vault-wide index sees it: its id and the IV of its current write. */
export interface RecordIndexEntry {
  id: string;
  iv: string;
}

const RECORD_INDEX_INFO = 'vault-record-index-v1';

/** HMAC key for the record index, derived from the DEK with HKDF so the DEK itself never signs anything. */
async function recordIndexKey(crypto: Crypto, dataKey: Uint8Array): Promise<CryptoKey> {
  if (!(dataKey instanceof Uint8Array) || dataKey.length !== DATA_KEY_BYTES) {
    throw new InvalidVaultInputError(`The data key must be ${DATA_KEY_BYTES} bytes.`);
  }
  const base = await crypto.subtle.importKey('raw', copyBytes(dataKey), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8(RECORD_INDEX_INFO) },
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  );
}

/** Sorted by id, fixed-position JSON: the same set of records always gives the same bytes. */
function recordIndexBytes(entries: readonly RecordIndexEntry[]): Bytes {
  const pairs = entries
    .map((e) => [e.id, e.iv] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return utf8(JSON.stringify(['mfa-vault-record-index', 1, pairs]));
}

/**
 * HMAC-SHA256 (base64) over every record's (id, IV). Each write gives a record a fresh IV, so putting back an
 * older copy of a record, or removing or adding a row outside the extension, no longer matches the tag.
 */
export async function recordIndexTag(
  crypto: Crypto,
  dataKey: Uint8Array,
  entries: readonly RecordIndexEntry[],
): Promise<string> {
  const key = await recordIndexKey(crypto, dataKey);
  return bytesToBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, recordIndexBytes(entries))));
}

/** Constant-time check of a stored tag; a malformed tag is simply not valid. */
export async function verifyRecordIndexTag(
  crypto: Crypto,
  dataKey: Uint8Array,
  entries: readonly RecordIndexEntry[],
  tag: unknown,
): Promise<boolean> {
  let tagBytes: Bytes;
  try {
    tagBytes = base64ToBytes(tag as string);
  } catch {
    return false;
  }
  const key = await recordIndexKey(crypto, dataKey);
  return crypto.subtle.verify('HMAC', key, tagBytes, recordIndexBytes(entries));
}
