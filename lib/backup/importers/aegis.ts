/**
 * Aegis Authenticator vault export (JSON), written from Aegis' published vault description (vault.md in the Aegis repository):
 *
 *   { version: 1, header: { slots, params }, db }
 *
 * - Plain: `slots` and `params` are null and `db` is the content object.
 * - Encrypted: `db` is base64 AES-256-GCM ciphertext of the content (tag in `header.params.tag`, nonce in
 *   `header.params.nonce`, both hex) under a random master key. Each password slot (type 1) holds the master
 *   key wrapped with AES-256-GCM (`key`, `key_params.nonce`, `key_params.tag`, hex) under
 *   scrypt(password UTF-8, salt, N=n, r, p, 32 bytes). Biometric (2) and raw (0) slots are skipped.
 * - Content: { version, entries: [{ type, name, issuer, info: { secret, algo, digits, period, counter } }] }.
 *   Types totp, hotp and steam import; yandex and motp are reported as unsupported.
 */
import { scrypt, scryptParamsProblem } from '../scrypt';
import {
  base64ToBytes,
  concatBytes,
  hexToBytes,
  isRecord,
  parseJsonBytes,
  utf8,
  type Bytes,
} from '../../bytes';
import {
  AES_GCM_IV_BYTES,
  AES_GCM_TAG_BYTES,
  AES_KEY_BYTES,
  aesGcmOpen,
  importAesGcmKey,
} from '../../crypto/aes-gcm';
import { importFailure, type ImportResult } from '../types';
import { AccountCollector, algorithmName, entryLabel, entryList, otpCandidate, stringOr } from './collect';
import type { Importer } from './importer';

const PASSWORD_SLOT = 1;
// why: each password slot costs one scrypt run; a file listing hundreds must not turn into minutes of work.
const MAX_PASSWORD_SLOTS_TRIED = 4;
const NONCE_BYTES = AES_GCM_IV_BYTES;
const TAG_BYTES = AES_GCM_TAG_BYTES;
const KEY_BYTES = AES_KEY_BYTES;

/** Aegis keeps the GCM tag apart from the ciphertext; WebCrypto wants it appended. */
async function openWithTag(crypto: Crypto, key: Uint8Array, nonce: Bytes, ciphertext: Bytes, tag: Bytes) {
  return aesGcmOpen(crypto, await importAesGcmKey(crypto, key), nonce, concatBytes(ciphertext, tag));
}

interface PasswordSlot {
  key: Bytes;
  nonce: Bytes;
  tag: Bytes;
  salt: Bytes;
  params: { N: number; r: number; p: number };
}

function readPasswordSlot(slot: unknown): PasswordSlot | string {
  if (!isRecord(slot) || !isRecord(slot.key_params)) return 'malformed slot';
  const key = hexToBytes(slot.key);
  const nonce = hexToBytes(slot.key_params.nonce);
  const tag = hexToBytes(slot.key_params.tag);
  const salt = hexToBytes(slot.salt);
  if (!key || key.length !== KEY_BYTES || !nonce || nonce.length !== NONCE_BYTES) return 'malformed slot';
  if (!tag || tag.length !== TAG_BYTES || !salt || salt.length === 0 || salt.length > 1024)
    return 'malformed slot';
  const params = { N: slot.n as number, r: slot.r as number, p: slot.p as number };
  const problem = scryptParamsProblem(params);
  return problem ?? { key, nonce, tag, salt, params };
}

/** The master key from the first password slot `password` opens; an ImportResult failure otherwise. */
async function unlockMasterKey(
  slots: unknown[],
  password: string,
  crypto: Crypto,
): Promise<Uint8Array | Extract<ImportResult, { ok: false }>> {
  const passwordSlots = slots.filter((s) => isRecord(s) && s.type === PASSWORD_SLOT);
  if (passwordSlots.length === 0) {
    return importFailure(
      'wrong-format',
      'This Aegis vault has no password slot (biometric only). Export it again with a password.',
      { reason: 'no-password-slot', app: 'Aegis' },
    );
  }
  for (const raw of passwordSlots.slice(0, MAX_PASSWORD_SLOTS_TRIED)) {
    const slot = readPasswordSlot(raw);
    if (typeof slot === 'string') {
      return importFailure('corrupt', `The Aegis vault's password slot is unusable: ${slot}.`, {
        reason: 'key-settings-refused',
        app: 'Aegis',
      });
    }
    const derived = await scrypt(utf8(password), slot.salt, slot.params, KEY_BYTES);
    const masterKey = await openWithTag(crypto, derived, slot.nonce, slot.key, slot.tag);
    if (masterKey && masterKey.length === KEY_BYTES) return masterKey;
  }
  return importFailure('wrong-password', 'Wrong password for this Aegis vault.', {
    reason: 'wrong-password',
    app: 'Aegis',
  });
}

function readEntries(content: unknown): ImportResult {
  const entries = entryList(
    isRecord(content) ? content.entries : undefined,
    'Aegis',
    'The Aegis vault',
    'entries',
  );
  if (!Array.isArray(entries)) return entries;
  const collector = new AccountCollector();
  entries.forEach((entry, index) => {
    const where = entryLabel(index, isRecord(entry) ? (entry.issuer ?? entry.name) : undefined);
    if (!isRecord(entry) || !isRecord(entry.info)) return collector.reject(where, { code: 'not-an-entry' });
    const type = stringOr(entry.type).toLowerCase();
    if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
      return collector.reject(where, { code: 'unsupported-type', detail: type.slice(0, 40) });
    }
    const { info } = entry;
    collector.candidate(
      where,
      // why: Aegis keeps secret, digits, period and counter under the names EntryFields uses.
      otpCandidate(type, {
        ...info,
        issuer: stringOr(entry.issuer),
        account: stringOr(entry.name),
        algorithm: algorithmName(info.algo),
      }),
    );
  });
  return { ok: true, ...collector.result() };
}

export const aegisImporter: Importer = {
  format: 'aegis',
  detect({ json }) {
    return isRecord(json) && typeof json.version === 'number' && isRecord(json.header) && 'db' in json;
  },
  async read({ json }, { password, crypto }): Promise<ImportResult> {
    if (!isRecord(json) || !isRecord(json.header))
      return importFailure('wrong-format', 'Not an Aegis vault.', {
        reason: 'not-this-format',
        app: 'Aegis',
      });
    if (json.version !== 1) {
      return importFailure('wrong-format', `Aegis vault format ${String(json.version)} is not supported.`, {
        reason: 'unsupported-version',
        app: 'Aegis',
        detail: String(json.version),
      });
    }
    const { header, db } = json;
    if (isRecord(db)) return readEntries(db);
    if (typeof db !== 'string' || !Array.isArray(header.slots) || !isRecord(header.params)) {
      return importFailure('corrupt', 'The Aegis vault is incomplete.', { reason: 'damaged', app: 'Aegis' });
    }
    if (!password)
      return importFailure('password-required', 'This Aegis vault is encrypted: enter its password.', {
        reason: 'password-required',
        app: 'Aegis',
      });
    const nonce = hexToBytes(header.params.nonce);
    const tag = hexToBytes(header.params.tag);
    const ciphertext = base64ToBytes(db);
    if (!nonce || nonce.length !== NONCE_BYTES || !tag || tag.length !== TAG_BYTES || !ciphertext) {
      return importFailure('corrupt', 'The Aegis vault is damaged (bad nonce, tag or data).', {
        reason: 'damaged',
        app: 'Aegis',
      });
    }
    const masterKey = await unlockMasterKey(header.slots as unknown[], password, crypto);
    if (!(masterKey instanceof Uint8Array)) return masterKey;
    const plaintext = await openWithTag(crypto, masterKey, nonce, ciphertext, tag);
    masterKey.fill(0);
    if (!plaintext) {
      return importFailure('corrupt', 'The Aegis vault is damaged: its content does not match its key.', {
        reason: 'damaged',
        app: 'Aegis',
      });
    }
    return readEntries(parseJsonBytes(plaintext));
  },
};
