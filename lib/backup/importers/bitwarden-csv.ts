/**
 * Bitwarden's CSV export, as Bitwarden documents it for import and export. The first row names the columns:
 *
 *   folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp
 *
 * (an organisation export starts with `collections` instead of `folder,favorite`). Fields follow RFC 4180:
 * quoted when they hold a comma, quote or line break, a quote doubled inside. Only `login` rows with a
 * `login_totp` become accounts, read like the JSON export's `login.totp` (otpauth URI, `steam://SECRET` or a
 * bare base32 secret); passwords and everything else are ignored.
 */
import { importFailure, type ImportResult } from '../types';
import { readTotp } from './bitwarden';
import { AccountCollector, entryLabel } from './collect';
import type { Importer } from './importer';

const REQUIRED_COLUMNS = ['type', 'name', 'login_username', 'login_totp'];

/** Rows of RFC 4180 CSV; a quote left open at the end makes the file damaged (null). */
export function parseCsv(text: string): string[][] | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) return null;
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The header's column names, lower case, when the first line looks like Bitwarden's. */
function bitwardenColumns(text: string): string[] | null {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  const columns = firstLine.split(',').map((c) => c.trim().toLowerCase());
  return REQUIRED_COLUMNS.every((c) => columns.includes(c)) ? columns : null;
}

export const bitwardenCsvImporter: Importer = {
  format: 'bitwarden-csv',
  detect({ text, json }) {
    return json === undefined && bitwardenColumns(text.slice(0, 4096)) !== null;
  },
  async read({ text }): Promise<ImportResult> {
    const columns = bitwardenColumns(text);
    const rows = parseCsv(text.replace(/^\uFEFF/, ''));
    if (!columns || !rows) {
      return importFailure('corrupt', 'The Bitwarden CSV export is damaged (a quoted field is not closed).', {
        reason: 'damaged',
        app: 'Bitwarden',
      });
    }
    const column = (row: string[], name: string) => row[columns.indexOf(name)] ?? '';
    const collector = new AccountCollector();
    rows.slice(1).forEach((row, index) => {
      if (collector.full) return;
      if (row.length === 1 && row[0]!.trim() === '') return;
      const name = column(row, 'name');
      // why: the row number a spreadsheet shows (the header is row 1).
      const where = entryLabel(index + 1, name, 'row');
      // why: a row with fewer fields than the header was cut short (or the file was); do not guess.
      if (row.length < columns.length) return collector.reject(where, { code: 'row-incomplete' });
      const totp = column(row, 'login_totp').trim();
      if (totp === '' || column(row, 'type').trim().toLowerCase() !== 'login') return;
      collector.parsed(where, readTotp(totp, name, column(row, 'login_username')));
    });
    if (collector.full)
      return importFailure('too-large', 'The export holds more than 10,000 TOTP keys.', {
        reason: 'too-many-accounts',
        app: 'Bitwarden',
      });
    return { ok: true, ...collector.result() };
  },
};
