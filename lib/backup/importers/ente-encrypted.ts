/**
 * Ente Auth's encrypted export, as Ente documents it (auth/migration/export):
 *
 *   { version: 1, kdfParams: { memLimit, opsLimit, salt }, encryptedData, encryptionNonce }
 *
 * key = libsodium crypto_pwhash: Argon2id v1.3 over the password's UTF-8 bytes and the base64 `salt`, with
 * memLimit bytes (memLimit / 1024 KiB), opsLimit passes, 1 lane, 32 bytes. `encryptedData` (base64) is one
 * message of a libsodium secretstream (XChaCha20-Poly1305) whose header is `encryptionNonce` (base64, 24
 * bytes), tagged FINAL. The plaintext is otpauth:// URIs, one per line, read by the otpauth list reader.
 *
 * Ente derives with its "sensitive" strength (1 GiB × 4 passes, or less memory and more passes on small
 * devices); anything beyond that is refused before deriving. The Argon2 and ChaCha code loads only here.
 */
import { base64ToBytes, fromUtf8, isRecord, utf8 } from '../../bytes';
import { argon2id, argon2ParamsProblem } from '../argon2';
import { importFailure, type ImportResult } from '../types';
import type { Importer } from './importer';
import { otpauthTextImporter } from './otpauth-text';

const SALT_BYTES = 16;
const HEADER_BYTES = 24;

export const enteEncryptedImporter: Importer = {
  format: 'ente-encrypted',
  detect({ json }) {
    return isRecord(json) && isRecord(json.kdfParams) && 'encryptedData' in json && 'encryptionNonce' in json;
  },
  async read({ json }, { password, crypto }): Promise<ImportResult> {
    if (!isRecord(json) || !isRecord(json.kdfParams))
      return importFailure('wrong-format', 'Not an Ente Auth export.', {
        reason: 'not-this-format',
        app: 'Ente Auth',
      });
    if (json.version !== 1) {
      return importFailure(
        'wrong-format',
        `Ente Auth export version ${String(json.version)} is not supported.`,
        {
          reason: 'unsupported-version',
          app: 'Ente Auth',
          detail: String(json.version),
        },
      );
    }
    const { memLimit, opsLimit } = json.kdfParams;
    const salt = base64ToBytes(json.kdfParams.salt);
    const header = base64ToBytes(json.encryptionNonce);
    const sealed = base64ToBytes(json.encryptedData);
    if (!salt || salt.length !== SALT_BYTES || !header || header.length !== HEADER_BYTES || !sealed) {
      return importFailure('corrupt', 'The Ente Auth export is damaged (bad salt, nonce or data).', {
        reason: 'damaged',
        app: 'Ente Auth',
      });
    }
    if (typeof memLimit !== 'number' || !Number.isSafeInteger(memLimit) || memLimit < 0) {
      return importFailure('corrupt', 'The Ente Auth export is damaged (bad memory limit).', {
        reason: 'damaged',
        app: 'Ente Auth',
      });
    }
    // why: libsodium turns its byte limit into whole KiB by rounding down.
    const params = { memoryKiB: Math.floor(memLimit / 1024), iterations: opsLimit as number, parallelism: 1 };
    const problem = argon2ParamsProblem(params);
    if (problem !== null) {
      return importFailure('corrupt', `The Ente Auth export's key settings are refused: ${problem}.`, {
        reason: 'key-settings-refused',
        app: 'Ente Auth',
      });
    }
    if (!password) {
      return importFailure('password-required', 'This Ente Auth export is encrypted: enter its password.', {
        reason: 'password-required',
        app: 'Ente Auth',
      });
    }
    const key = await argon2id(utf8(password), salt, params, 32);
    const { secretstreamPullFirst, SECRETSTREAM_TAG_FINAL } = await import('../secretstream');
    const opened = secretstreamPullFirst(key, header, sealed);
    key.fill(0);
    if (!opened) {
      return importFailure(
        'wrong-password',
        'Wrong password for this Ente Auth export, or the file was changed.',
        { reason: 'wrong-password', app: 'Ente Auth' },
      );
    }
    const text = fromUtf8(opened.plaintext);
    if (opened.tag !== SECRETSTREAM_TAG_FINAL || text === null) {
      return importFailure('corrupt', 'The Ente Auth export is cut short or damaged.', {
        reason: 'cut-short',
        app: 'Ente Auth',
      });
    }
    if (text.trim() === '') return { ok: true, accounts: [], invalid: [] };
    return otpauthTextImporter.read({ text, json: undefined }, { crypto });
  },
};
