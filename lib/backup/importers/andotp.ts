/**
 * andOTP's plain backup (Backups → Backup (plain), `otp_accounts.json`), as andOTP writes it: a JSON
 * array of entries
 *
 *   [{ secret (base32), issuer, label, digits, type: "TOTP" | "HOTP" | "STEAM", algorithm, period,
 *      counter (HOTP), thumbnail, last_used, used_frequency, tags }]
 *
 * Older backups have no `issuer`: the label is then the whole otpauth label ("Issuer:account"). Steam
 * entries are 5-character Steam accounts. Its encrypted backups are binary and read elsewhere.
 */
import { splitLabel } from '../../otp/label';
import { isRecord } from '../../bytes';
import { type ImportResult } from '../types';
import { AccountCollector, algorithmName, entryLabel, entryList, otpCandidate, stringOr } from './collect';
import type { Importer } from './importer';

function isAndOtpEntry(value: unknown): boolean {
  return isRecord(value) && 'secret' in value && 'label' in value && 'type' in value;
}

/** Issuer and account: the issuer field when present (a label repeating it as a prefix loses it). */
function names(entry: Record<string, unknown>): { issuer: string; account: string } {
  const label = stringOr(entry.label);
  const issuer = stringOr(entry.issuer).trim();
  if (issuer === '') return splitLabel(label, '');
  const prefix = `${issuer}:`;
  return {
    issuer,
    account: label.trimStart().startsWith(prefix) ? label.trimStart().slice(prefix.length) : label,
  };
}

export const andotpImporter: Importer = {
  format: 'andotp',
  detect({ json }) {
    return Array.isArray(json) && json.some(isAndOtpEntry);
  },
  async read({ json }): Promise<ImportResult> {
    const entries = entryList(
      json,
      'andOTP',
      'The andOTP backup',
      'entries',
      'The andOTP backup is not a list of entries.',
    );
    if (!Array.isArray(entries)) return entries;
    const collector = new AccountCollector();
    entries.forEach((entry, index) => {
      const named = isRecord(entry) ? names(entry) : { issuer: '', account: '' };
      const where = entryLabel(index, named.issuer || named.account);
      if (!isRecord(entry)) return collector.reject(where, { code: 'not-an-entry' });
      const type = stringOr(entry.type, 'TOTP').toLowerCase();
      if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
        return collector.reject(where, { code: 'unsupported-type', detail: type.slice(0, 40) });
      }
      collector.candidate(
        where,
        otpCandidate(type, {
          ...named,
          secret: entry.secret,
          algorithm: algorithmName(entry.algorithm),
          digits: entry.digits,
          period: entry.period,
          counter: entry.counter,
        }),
      );
    });
    return { ok: true, ...collector.result() };
  },
};
