/**
 * 2FAS Authenticator backup (`.2fas`, JSON), from the format's public description:
 *
 *   { schemaVersion, services: [...], servicesEncrypted?, reference?, groups, appOrigin, ... }
 *
 * - Plain: `services` lists { name, secret, otp: { issuer, account, label, link, digits, period, algorithm,
 *   counter, tokenType: TOTP | HOTP | STEAM } }. Newer exports may leave account and label empty and keep
 *   the name only in `link` (an otpauth URI).
 * - Encrypted: `services` is empty and `servicesEncrypted` is "base64(ciphertext+tag):base64(salt):base64(iv)";
 *   key = PBKDF2-HMAC-SHA256(password UTF-8, salt, 10000 iterations, 256 bits); AES-256-GCM decrypts it to
 *   the JSON list of services. (`reference` is a known text under the same key; the GCM tag of the services
 *   already tells a wrong password, so it is not needed.)
 */
import { splitLabel } from '../../otp/label';
import { parseOtpauthUri } from '../../otp/uri';
import { base64ToBytes, isRecord, parseJsonBytes } from '../../bytes';
import { AES_GCM_IV_BYTES, AES_GCM_TAG_BYTES, aesGcmOpen } from '../../crypto/aes-gcm';
import { deriveAesGcmKey, passwordBytes } from '../../crypto/pbkdf2';
import { importFailure, type ImportResult } from '../types';
import { AccountCollector, algorithmName, entryLabel, entryList, otpCandidate, stringOr } from './collect';
import type { Importer } from './importer';

/** Fixed by the format; not stored in the file. */
export const TWOFAS_PBKDF2_ITERATIONS = 10_000;
const MAX_SALT_BYTES = 1024;

async function decryptServices(
  encrypted: string,
  password: string,
  crypto: Crypto,
): Promise<ImportResult | unknown[]> {
  const parts = encrypted.split(':');
  const [ciphertext, salt, iv] = parts.map((part) => base64ToBytes(part));
  if (parts.length !== 3 || !ciphertext || !salt || !iv) {
    return importFailure('corrupt', 'The 2FAS backup is damaged (servicesEncrypted is malformed).', {
      reason: 'damaged',
      app: '2FAS',
    });
  }
  if (
    iv.length !== AES_GCM_IV_BYTES ||
    salt.length === 0 ||
    salt.length > MAX_SALT_BYTES ||
    ciphertext.length < AES_GCM_TAG_BYTES
  ) {
    return importFailure('corrupt', 'The 2FAS backup is damaged (bad salt, IV or data).', {
      reason: 'damaged',
      app: '2FAS',
    });
  }
  // why: 2FAS derives from the password as typed; normalising it could turn a right password wrong.
  const key = await deriveAesGcmKey(
    crypto,
    passwordBytes(password, 'as-typed'),
    salt,
    TWOFAS_PBKDF2_ITERATIONS,
  );
  const plaintext = await aesGcmOpen(crypto, key, iv, ciphertext);
  if (!plaintext) {
    return importFailure('wrong-password', 'Wrong password for this 2FAS backup (or the file was changed).', {
      reason: 'wrong-password',
      app: '2FAS',
    });
  }
  const services = parseJsonBytes(plaintext);
  if (!Array.isArray(services))
    return importFailure('corrupt', 'The decrypted 2FAS backup is not a service list.', {
      reason: 'no-account-list',
      app: '2FAS',
    });
  return services;
}

/**
 * Issuer and account from `otp.link`, the otpauth URI a service was added from: newer exports leave
 * `otp.account` and `otp.label` empty and keep the name only there. Names only; the secret and parameters
 * come from the service's own fields.
 */
function namesFromLink(link: unknown): { issuer: string; account: string } {
  if (typeof link !== 'string' || !/^otpauth:\/\//i.test(link.trim())) return { issuer: '', account: '' };
  const parsed = parseOtpauthUri(link.trim());
  return parsed.ok
    ? { issuer: parsed.account.issuer, account: parsed.account.account }
    : { issuer: '', account: '' };
}

const KINDS: Record<string, 'totp' | 'hotp' | 'steam'> = { TOTP: 'totp', HOTP: 'hotp', STEAM: 'steam' };

function readServices(list: unknown[]): ImportResult {
  const services = entryList(list, '2FAS', 'The 2FAS backup', 'services');
  if (!Array.isArray(services)) return services;
  const collector = new AccountCollector();
  services.forEach((service, index) => {
    const where = entryLabel(index, isRecord(service) ? service.name : undefined);
    if (!isRecord(service)) return collector.reject(where, { code: 'not-an-entry' });
    const otp = isRecord(service.otp) ? service.otp : {};
    const tokenType = stringOr(otp.tokenType, 'TOTP').toUpperCase();
    const kind = KINDS[tokenType];
    if (!kind) return collector.reject(where, { code: 'unsupported-type', detail: tokenType.slice(0, 40) });
    const fromLabel = splitLabel(stringOr(otp.label), '');
    const fromLink = namesFromLink(otp.link);
    const account = stringOr(otp.account) || fromLabel.account || fromLink.account;
    // why: a service with no issuer is named after its account; that name is not an issuer.
    const name = stringOr(service.name) === account ? '' : stringOr(service.name);
    collector.candidate(
      where,
      otpCandidate(kind, {
        ...otp,
        issuer: stringOr(otp.issuer) || name || fromLabel.issuer || fromLink.issuer,
        account,
        secret: service.secret,
        algorithm: algorithmName(otp.algorithm),
      }),
    );
  });
  return { ok: true, ...collector.result() };
}

export const twofasImporter: Importer = {
  format: '2fas',
  detect({ json }) {
    return isRecord(json) && 'schemaVersion' in json && ('services' in json || 'servicesEncrypted' in json);
  },
  async read({ json }, { password, crypto }): Promise<ImportResult> {
    if (!isRecord(json))
      return importFailure('wrong-format', 'Not a 2FAS backup.', { reason: 'not-this-format', app: '2FAS' });
    const encrypted = json.servicesEncrypted;
    if (typeof encrypted === 'string' && encrypted !== '') {
      if (!password)
        return importFailure('password-required', 'This 2FAS backup is encrypted: enter its password.', {
          reason: 'password-required',
          app: '2FAS',
        });
      const services = await decryptServices(encrypted, password, crypto);
      return Array.isArray(services) ? readServices(services) : (services as ImportResult);
    }
    if (!Array.isArray(json.services))
      return importFailure('corrupt', 'The 2FAS backup has no list of services.', {
        reason: 'no-account-list',
        app: '2FAS',
      });
    return readServices(json.services as unknown[]);
  },
};
