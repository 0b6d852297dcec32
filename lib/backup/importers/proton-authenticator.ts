/**
 * Proton Authenticator's export (Settings → Export), JSON as its open-source common library writes it:
 *
 *   { version: 1, entries: [{ id, content: { uri, entry_type: "Totp" | "Steam", name }, note }] }
 *
 * `uri` is an otpauth:// URI (TOTP) or `steam://SECRET` (Steam); `name` is the entry's display name and
 * fills an account name the URI lacks. An otpauth URI on a Steam entry is read as Steam. Notes are ignored.
 */
import { validateAccountData } from '../../otp/uri';
import { isRecord } from '../../bytes';
import { type ImportResult } from '../types';
import { readTotp } from './bitwarden';
import { AccountCollector, entryLabel, entryList, stringOr } from './collect';
import type { Importer } from './importer';

function isProtonEntry(value: unknown): boolean {
  return isRecord(value) && isRecord(value.content) && 'uri' in value.content;
}

export const protonAuthenticatorImporter: Importer = {
  format: 'proton-authenticator',
  detect({ json }) {
    return isRecord(json) && Array.isArray(json.entries) && (json.entries as unknown[]).some(isProtonEntry);
  },
  async read({ json }): Promise<ImportResult> {
    const entries = entryList(
      isRecord(json) ? json.entries : undefined,
      'Proton Authenticator',
      'The Proton Authenticator export',
      'entries',
    );
    if (!Array.isArray(entries)) return entries;
    const collector = new AccountCollector();
    entries.forEach((entry, index) => {
      const content = isRecord(entry) && isRecord(entry.content) ? entry.content : null;
      const name = stringOr(content?.name);
      const where = entryLabel(index, name);
      if (!content) return collector.reject(where, { code: 'not-an-entry' });
      const uri = stringOr(content.uri).trim();
      if (!/^(otpauth|steam):\/\//i.test(uri)) {
        return collector.reject(where, { code: 'no-otp-link' });
      }
      const type = stringOr(content.entry_type, 'Totp').toLowerCase();
      if (type !== 'totp' && type !== 'steam') {
        return collector.reject(where, { code: 'unsupported-type', detail: type.slice(0, 40) });
      }
      const parsed = readTotp(uri, '', name);
      collector.parsed(
        where,
        type === 'steam' && parsed.ok ? validateAccountData({ ...parsed.account, kind: 'steam' }) : parsed,
      );
    });
    return { ok: true, ...collector.result() };
  },
};
