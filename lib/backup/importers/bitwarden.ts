/**
 * Bitwarden's unencrypted JSON export: { encrypted: false, folders, items: [{ type, name, login: { username,
 * totp, ... } }] }. Only items with `login.totp` become accounts; passwords and everything else are ignored.
 *
 * `login.totp` is an otpauth:// URI, `steam://SECRET`, or a bare base32 secret (TOTP, SHA1, 6 digits, 30 s).
 * A missing issuer or account name is taken from the item's name and username. A password-protected export
 * (`encrypted: true, passwordProtected: true`) is opened by bitwarden-protected.ts and its content read here;
 * an account-restricted one (sealed with the account's own key) cannot be read anywhere else.
 */
import { parseOtpauthUri, validateAccountData } from '../../otp/uri';
import type { OtpParseResult } from '../../otp/types';
import { isRecord } from '../../bytes';
import { importFailure, type ImportResult } from '../types';
import { openProtectedExport } from './bitwarden-protected';
import { AccountCollector, entryLabel, stringOr } from './collect';
import type { Importer } from './importer';

/** Fields only Bitwarden's encrypted exports have (password-protected or account-restricted). */
const PROTECTED_MARKS = ['passwordProtected', 'encKeyValidation_DO_NOT_EDIT'];

export function readTotp(totp: string, name: string, username: string): OtpParseResult {
  const value = totp.trim();
  if (/^otpauth:\/\//i.test(value)) {
    const parsed = parseOtpauthUri(value);
    if (parsed.ok) {
      const { issuer, account } = parsed.account;
      return validateAccountData({
        ...parsed.account,
        issuer: issuer || name,
        account: account || username,
      });
    }
    if (parsed.error.reason !== 'bad-label') return parsed;
    // why: Bitwarden keeps the name on the item, so its URIs often have an empty label; use the item's.
    const labelled = value.replace(
      /^(otpauth:\/\/[^/?]*\/?)[^?]*/i,
      (_, head: string) =>
        `${head.endsWith('/') ? head : `${head}/`}${encodeURIComponent(name)}:${encodeURIComponent(username)}`,
    );
    return parseOtpauthUri(labelled);
  }
  const steam = /^steam:\/\//i.test(value);
  return validateAccountData({
    kind: steam ? 'steam' : 'totp',
    issuer: steam ? 'Steam' : name,
    account: username || (steam ? name : ''),
    secret: steam ? value.slice('steam://'.length) : value,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  });
}

export const bitwardenImporter: Importer = {
  format: 'bitwarden',
  detect({ json }) {
    if (!isRecord(json)) return false;
    // why: a password-protected export has no items, only its sealed `data`; it still needs its own message.
    return Array.isArray(json.items) || (json.encrypted === true && PROTECTED_MARKS.some((k) => k in json));
  },
  async read({ json }, context): Promise<ImportResult> {
    if (!isRecord(json))
      return importFailure('wrong-format', 'Not a Bitwarden export.', {
        reason: 'not-this-format',
        app: 'Bitwarden',
      });
    if (json.encrypted === true && json.passwordProtected === true) {
      const opened = await openProtectedExport(json, context);
      return opened.ok ? bitwardenImporter.read(opened.input, context) : opened;
    }
    if (json.encrypted === true) {
      return importFailure(
        'wrong-format',
        'This Bitwarden export is encrypted with your account key. Export the vault again as "JSON", or as ' +
          '"JSON (Encrypted)" with the "Password protected" type.',
        { reason: 'account-key-encrypted', app: 'Bitwarden' },
      );
    }
    if (!Array.isArray(json.items))
      return importFailure('corrupt', 'The Bitwarden export has no items.', {
        reason: 'no-account-list',
        app: 'Bitwarden',
      });
    const collector = new AccountCollector();
    for (const [index, item] of (json.items as unknown[]).entries()) {
      if (collector.full)
        return importFailure('too-large', 'The export holds more than 10,000 TOTP keys.', {
          reason: 'too-many-accounts',
          app: 'Bitwarden',
        });
      if (!isRecord(item) || !isRecord(item.login)) continue;
      const totp = item.login.totp;
      if (totp === undefined || totp === null || totp === '') continue;
      const name = stringOr(item.name);
      const where = entryLabel(index, name);
      if (typeof totp !== 'string') {
        collector.reject(where, { code: 'totp-not-text' });
        continue;
      }
      collector.parsed(where, readTotp(totp, name, stringOr(item.login.username)));
    }
    if (collector.full)
      return importFailure('too-large', 'The export holds more than 10,000 TOTP keys.', {
        reason: 'too-many-accounts',
        app: 'Bitwarden',
      });
    return { ok: true, ...collector.result() };
  },
};
