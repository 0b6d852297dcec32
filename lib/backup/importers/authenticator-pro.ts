/**
 * Authenticator Pro / Stratum plain backup (`.authpro` without a password, or `.json`), as the app's
 * "Backup File Format" page describes it:
 *
 *   { Authenticators: [{ Type, Icon, Issuer, Username, Secret, Pin, Algorithm, Digits, Period, Counter,
 *     Ranking, CopyCount }], Categories, AuthenticatorCategories, CustomIcons }
 *
 * - Type: 1 HOTP, 2 TOTP, 3 Mobile-OTP, 4 Steam, 5 Yandex (the last two need a PIN and are reported).
 * - Algorithm: 0 SHA-1, 1 SHA-256, 2 SHA-512. Secrets are base32.
 * - The app's other plain backup, a URI list, is the otpauth text format. Encrypted backups start with
 *   the bytes "AUTHENTICATORPRO" and are read elsewhere.
 */
import { isRecord } from '../../bytes';
import { type ImportResult } from '../types';
import { AccountCollector, entryLabel, entryList, otpCandidate, stringOr } from './collect';
import type { Importer } from './importer';

const TYPES: Record<number, string> = { 1: 'hotp', 2: 'totp', 3: 'Mobile-OTP', 4: 'steam', 5: 'Yandex' };
const ALGORITHMS: Record<number, string> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' };

function algorithm(value: unknown): unknown {
  if (value === undefined || value === null) return 'SHA1';
  return typeof value === 'number' ? (ALGORITHMS[value] ?? `algorithm ${value}`) : value;
}

export const authenticatorProImporter: Importer = {
  format: 'authenticator-pro',
  detect({ json }) {
    return isRecord(json) && Array.isArray(json.Authenticators);
  },
  async read({ json }): Promise<ImportResult> {
    const list = entryList(
      isRecord(json) ? json.Authenticators : undefined,
      'Authenticator Pro',
      'The Authenticator Pro backup',
      'authenticators',
    );
    if (!Array.isArray(list)) return list;
    const collector = new AccountCollector();
    list.forEach((item, index) => {
      const where = entryLabel(index, isRecord(item) ? item.Issuer || item.Username : undefined);
      if (!isRecord(item)) return collector.reject(where, { code: 'not-an-entry' });
      const kind = typeof item.Type === 'number' ? TYPES[item.Type] : undefined;
      if (kind !== 'totp' && kind !== 'hotp' && kind !== 'steam') {
        return collector.reject(where, { code: 'unsupported-type', detail: kind ?? '' });
      }
      collector.candidate(
        where,
        otpCandidate(kind, {
          issuer: stringOr(item.Issuer),
          account: stringOr(item.Username),
          secret: item.Secret,
          algorithm: algorithm(item.Algorithm),
          digits: item.Digits,
          period: item.Period,
          counter: item.Counter,
        }),
      );
    });
    return { ok: true, ...collector.result() };
  },
};
