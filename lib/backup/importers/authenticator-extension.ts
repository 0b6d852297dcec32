/**
 * Backups of the "Authenticator" browser extension (authenticator.cc), JSON: an object keyed by each
 * entry's hash, values { account, issuer, secret, type, period, digits, algorithm, counter, encrypted,
 * hash, index, pinned }.
 *
 * - type: totp, hotp, battle (Battle.net: 8-digit TOTP), steam, hex (TOTP, secret in hex), hhex (HOTP, hex);
 *   the numeric form of the same list (1–6) is accepted too.
 * - algorithm: SHA1, SHA256, SHA512 (or 1–3); GOST variants are reported as unsupported.
 * - Secret prefixes: `blz-`/`bliz-` mark Battle.net and `stm-` Steam entries; a TOTP/HOTP secret that is
 *   hex and not base32 is read as hex (both as the extension reads its own backups).
 * - Entries still encrypted by the extension's own password (`encrypted: true`, `encData`, or the current
 *   `{ dataType: "EncOTPStorage", keyId, data, index }` records beside `{ dataType: "Key" }`) cannot be
 *   read: the user exports again after removing the password. Its otpauth text export is read by the
 *   otpauth-text importer.
 */
import { bytesToBase32 } from '../../otp/base32';
import { hexToBytes, isRecord } from '../../bytes';
import { importFailure, type ImportResult } from '../types';
import { AccountCollector, entryLabel, entryList, otpCandidate, stringOr } from './collect';
import type { Importer } from './importer';

const TYPES_BY_NUMBER = ['', 'totp', 'hotp', 'battle', 'steam', 'hex', 'hhex'];
const ALGORITHMS_BY_NUMBER = ['', 'SHA1', 'SHA256', 'SHA512'];
/** A record of the current encrypted backup: { dataType, keyId, data, index }. */
const ENCRYPTED_ENTRY = 'EncOTPStorage';

function typeName(value: unknown): string {
  if (typeof value === 'number') return TYPES_BY_NUMBER[value] ?? String(value);
  return stringOr(value, 'totp').toLowerCase();
}

function algorithm(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return 'SHA1';
  if (typeof value === 'number') return ALGORITHMS_BY_NUMBER[value] ?? String(value);
  return value;
}

function isEntry(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && ('secret' in value || 'encData' in value || value.dataType === ENCRYPTED_ENTRY);
}

/** Still sealed by the extension's own password (older `encrypted`/`encData` entries, current records). */
function isSealed(entry: Record<string, unknown>): boolean {
  return entry.encrypted === true || 'encData' in entry || entry.dataType === ENCRYPTED_ENTRY;
}

const BASE32 = /^[a-z2-7]+=*$/i;
const HEX = /^[0-9a-f]+$/i;

/**
 * The entry's type and secret as the extension itself reads them: a `blz-`/`bliz-` prefix makes a
 * Battle.net entry and `stm-` a Steam one (the prefix is not part of the secret), and a TOTP or HOTP
 * secret that is not base32 but is hex is taken as hex.
 */
function typeAndSecret(entry: Record<string, unknown>): { type: string; secret: unknown } {
  let type = typeName(entry.type);
  let secret = entry.secret;
  if (typeof secret !== 'string') return { type, secret };
  const battle = /^(blz|bliz)-(.*)$/is.exec(secret);
  const steam = /^stm-(.*)$/is.exec(secret);
  if (battle) [type, secret] = ['battle', battle[2]];
  else if (steam) [type, secret] = ['steam', steam[1]];
  const text = String(secret);
  if (!BASE32.test(text) && HEX.test(text)) {
    if (type === 'totp') type = 'hex';
    else if (type === 'hotp') type = 'hhex';
  }
  return { type, secret };
}

export const authenticatorExtensionImporter: Importer = {
  format: 'authenticator-extension',
  detect({ json }) {
    return isRecord(json) && Object.values(json).some(isEntry);
  },
  async read({ json }): Promise<ImportResult> {
    if (!isRecord(json))
      return importFailure('wrong-format', 'Not an Authenticator extension backup.', {
        reason: 'not-this-format',
        app: 'Authenticator',
      });
    const entries = entryList(Object.values(json).filter(isEntry), 'Authenticator', 'The backup', 'entries');
    if (!Array.isArray(entries)) return entries;
    if (entries.length > 0 && entries.every(isSealed)) {
      return importFailure(
        'wrong-format',
        'This Authenticator backup is encrypted with its own password. Remove the password in the ' +
          'Authenticator extension and export again, or use its otpauth text export.',
        { reason: 'app-password-encrypted', app: 'Authenticator' },
      );
    }
    entries.sort((a, b) => Number(a.index ?? 0) - Number(b.index ?? 0));
    const collector = new AccountCollector();
    entries.forEach((entry, position) => {
      const where = entryLabel(position, entry.issuer || entry.account);
      if (isSealed(entry)) {
        return collector.reject(where, { code: 'entry-encrypted' });
      }
      const { type, secret: stored } = typeAndSecret(entry);
      let secret = stored;
      if (type === 'hex' || type === 'hhex') {
        const bytes = hexToBytes(stored);
        if (!bytes || bytes.length === 0) return collector.reject(where, { code: 'secret-not-hex' });
        secret = bytesToBase32(bytes);
      }
      const kind = { totp: 'totp', hex: 'totp', battle: 'totp', hotp: 'hotp', hhex: 'hotp', steam: 'steam' }[
        type
      ];
      if (!kind) return collector.reject(where, { code: 'unsupported-type', detail: type.slice(0, 40) });
      collector.candidate(
        where,
        otpCandidate(kind, {
          issuer: stringOr(entry.issuer),
          account: stringOr(entry.account),
          secret,
          algorithm: algorithm(entry.algorithm),
          digits: type === 'battle' ? 8 : entry.digits,
          period: entry.period,
          counter: entry.counter,
        }),
      );
    });
    return { ok: true, ...collector.result() };
  },
};
