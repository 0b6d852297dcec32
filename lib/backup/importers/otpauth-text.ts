/**
 * A plain text list of otpauth:// URIs, one per line (what many apps export, including the "Authenticator"
 * browser extension's text export). Blank lines and comment lines (# or //) are ignored; a line that is
 * not a usable link is reported with its number. otpauth-migration:// lines are accepted too.
 */
import { parseOtpauthUri } from '../../otp/uri';
import { importFailure, type ImportResult } from '../types';
import { AccountCollector } from './collect';
import { collectMigrationUris, isMigrationUri } from './google-migration';
import { contentLines, type Importer } from './importer';

const OTPAUTH = /^otpauth:\/\//i;

export const otpauthTextImporter: Importer = {
  format: 'otpauth-text',
  detect({ text, json }) {
    return json === undefined && /otpauth(-migration)?:\/\//i.test(text.slice(0, 64 * 1024));
  },
  async read({ text }): Promise<ImportResult> {
    const lines = contentLines(text);
    if (!lines.some((l) => OTPAUTH.test(l.text) || isMigrationUri(l.text))) {
      return importFailure('wrong-format', 'The text contains no otpauth:// links.', {
        reason: 'no-otpauth-links',
      });
    }
    const collector = new AccountCollector();
    const migrationLines: typeof lines = [];
    for (const { line, text: link } of lines) {
      if (collector.full) break;
      if (isMigrationUri(link)) migrationLines.push({ line, text: link });
      else if (OTPAUTH.test(link)) collector.parsed({ kind: 'line', n: line }, parseOtpauthUri(link));
      else collector.reject({ kind: 'line', n: line }, { code: 'not-otpauth-link' });
    }
    collectMigrationUris(migrationLines, collector);
    if (collector.full)
      return importFailure('too-large', 'The list holds more than 10,000 accounts.', {
        reason: 'too-many-accounts',
      });
    return { ok: true, ...collector.result() };
  },
};
