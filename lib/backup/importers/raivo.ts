/**
 * Raivo OTP's export (Settings → Export OTPs to ZIP archive): a password-protected ZIP holding
 * `raivo-otp-export.json`, which the user unzips and imports. The JSON is a list of
 *
 *   { kind: "TOTP" | "HOTP", issuer, account, secret (base32), algorithm, digits, timer, counter,
 *     pinned, iconType, iconValue }
 *
 * where Raivo writes every value as a string ("6", "30", "false"); numbers are accepted too.
 */
import { isRecord } from '../../bytes';
import { type ImportResult } from '../types';
import { AccountCollector, algorithmName, entryLabel, entryList, otpCandidate, stringOr } from './collect';
import type { Importer } from './importer';

/** "30" → 30; numbers as they are; anything else left for the validator to refuse. */
function decimal(value: unknown): unknown {
  return typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : value;
}

function isRaivoEntry(value: unknown): boolean {
  return isRecord(value) && 'kind' in value && 'secret' in value && ('timer' in value || 'iconType' in value);
}

export const raivoImporter: Importer = {
  format: 'raivo',
  detect({ json }) {
    return Array.isArray(json) && json.some(isRaivoEntry);
  },
  async read({ json }): Promise<ImportResult> {
    const entries = entryList(
      json,
      'Raivo OTP',
      'The Raivo OTP export',
      'entries',
      'The Raivo OTP export is not a list of entries.',
    );
    if (!Array.isArray(entries)) return entries;
    const collector = new AccountCollector();
    entries.forEach((entry, index) => {
      const where = entryLabel(index, isRecord(entry) ? entry.issuer || entry.account : undefined);
      if (!isRecord(entry)) return collector.reject(where, { code: 'not-an-entry' });
      const kind = stringOr(entry.kind, 'TOTP').toLowerCase();
      if (kind !== 'totp' && kind !== 'hotp') {
        return collector.reject(where, { code: 'unsupported-type', detail: kind.slice(0, 40) });
      }
      collector.candidate(
        where,
        otpCandidate(kind, {
          issuer: stringOr(entry.issuer),
          account: stringOr(entry.account),
          secret: entry.secret,
          algorithm: algorithmName(entry.algorithm),
          digits: decimal(entry.digits),
          period: decimal(entry.timer),
          counter: decimal(entry.counter),
        }),
      );
    });
    return { ok: true, ...collector.result() };
  },
};
