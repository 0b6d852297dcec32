/**
 * 2FAS Authenticator backup (`.2fas`, JSON), from the format's public description:
 *
 *   { schemaVersion, services: [...], servicesEncrypted?, reference?, groups, appOrigin, ... }
 *
 * - Plain: `services` lists { name, secret, otp: { issuer, account, label, digits, period, algorithm,
 *   counter, tokenType: TOTP | HOTP | STEAM } }.
 * - Encrypted: `services` is empty and `servicesEncrypted` is "base64(ciphertext+tag):base64(salt):base64(iv)";
 *   key = PBKDF2-HMAC-SHA256(password UTF-8, salt, 10000 iterations, 256 bits); AES-256-GCM decrypts it to
 *   the JSON list of services. (`reference` is a known text under the same key; the GCM tag of the services
 *   already tells a wrong password, so it is not needed.)
 */
import { splitLabel } from '../../otp/label';
import { base64ToBytes, fromUtf8, isRecord, parseJson, utf8 } from '../bytes';
import { importFailure, MAX_IMPORT_ACCOUNTS, type ImportResult } from '../types';
import { AccountCollector, algorithmName, entryLabel, numberOr, stringOr } from './collect';
import type { Importer } from './importer';

/** Fixed by the format; not stored in the file. */
export const TWOFAS_PBKDF2_ITERATIONS = 10_000;
const IV_BYTES = 12;
const MAX_SALT_BYTES = 1024;

async function decryptServices(
  encrypted: string,
  password: string,
  crypto: Crypto,
): Promise<ImportResult | unknown[]> {
  const parts = encrypted.split(':');
  const [ciphertext, salt, iv] = parts.map((part) => base64ToBytes(part));
  if (parts.length !== 3 || !ciphertext || !salt || !iv) {
    return importFailure('corrupt', 'The 2FAS backup is damaged (servicesEncrypted is malformed).');
  }
  if (iv.length !== IV_BYTES || salt.length === 0 || salt.length > MAX_SALT_BYTES || ciphertext.length < 16) {
    return importFailure('corrupt', 'The 2FAS backup is damaged (bad salt, IV or data).');
  }
  const material = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: TWOFAS_PBKDF2_ITERATIONS },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, ciphertext);
  } catch {
    return importFailure('wrong-password', 'Wrong password for this 2FAS backup (or the file was changed).');
  }
  const text = fromUtf8(new Uint8Array(plaintext));
  const services = text === null ? undefined : parseJson(text);
  if (!Array.isArray(services))
    return importFailure('corrupt', 'The decrypted 2FAS backup is not a service list.');
  return services;
}

const KINDS: Record<string, 'totp' | 'hotp' | 'steam'> = { TOTP: 'totp', HOTP: 'hotp', STEAM: 'steam' };

function readServices(services: unknown[]): ImportResult {
  if (services.length > MAX_IMPORT_ACCOUNTS) {
    return importFailure('too-large', 'The 2FAS backup holds more than 10,000 services.');
  }
  const collector = new AccountCollector();
  services.forEach((service, index) => {
    const where = entryLabel(index, isRecord(service) ? service.name : undefined);
    if (!isRecord(service)) return collector.reject(where, 'not a 2FAS service');
    const otp = isRecord(service.otp) ? service.otp : {};
    const tokenType = stringOr(otp.tokenType, 'TOTP').toUpperCase();
    const kind = KINDS[tokenType];
    if (!kind)
      return collector.reject(where, `${tokenType} tokens are not supported (only TOTP, HOTP and Steam)`);
    const fromLabel = splitLabel(stringOr(otp.label), '');
    collector.candidate(where, {
      kind,
      issuer: stringOr(otp.issuer) || stringOr(service.name) || fromLabel.issuer,
      account: stringOr(otp.account) || fromLabel.account,
      secret: service.secret,
      algorithm: algorithmName(otp.algorithm),
      digits: numberOr(otp.digits, 6),
      period: numberOr(otp.period, 30),
      counter: kind === 'hotp' ? numberOr(otp.counter, 0) : 0,
    });
  });
  return { ok: true, ...collector.result() };
}

export const twofasImporter: Importer = {
  format: '2fas',
  detect({ json }) {
    return isRecord(json) && 'schemaVersion' in json && ('services' in json || 'servicesEncrypted' in json);
  },
  async read({ json }, { password, crypto }): Promise<ImportResult> {
    if (!isRecord(json)) return importFailure('wrong-format', 'Not a 2FAS backup.');
    const encrypted = json.servicesEncrypted;
    if (typeof encrypted === 'string' && encrypted !== '') {
      if (!password)
        return importFailure('password-required', 'This 2FAS backup is encrypted: enter its password.');
      const services = await decryptServices(encrypted, password, crypto);
      return Array.isArray(services) ? readServices(services) : (services as ImportResult);
    }
    if (!Array.isArray(json.services))
      return importFailure('corrupt', 'The 2FAS backup has no list of services.');
    return readServices(json.services as unknown[]);
  },
};
