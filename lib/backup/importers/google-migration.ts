/**
 * Google Authenticator's "Transfer accounts" export: one `otpauth-migration://offline?data=...` URI per QR
 * code, decoded by lib/otp/migration.ts. A large export is split into several QR codes that share a batch
 * id; a missing one is reported (its accounts are not in the file), a repeated one is read once.
 */
import { decodeMigrationUri } from '../../otp/migration';
import { importFailure, type ImportResult } from '../types';
import { AccountCollector } from './collect';
import { contentLines, type Importer } from './importer';

const SCHEME = /^otpauth-migration:\/\//i;

export function isMigrationUri(line: string): boolean {
  return SCHEME.test(line);
}

/** Adds the accounts of migration URIs (with their line numbers) to `collector`. */
export function collectMigrationUris(
  lines: { line: number; text: string }[],
  collector: AccountCollector,
): void {
  const seen = new Map<number, { size: number; indexes: Set<number> }>();
  for (const { line, text } of lines) {
    if (collector.full) return;
    const result = decodeMigrationUri(text);
    if (!result.ok) {
      collector.reject(`line ${line}`, result.error.message);
      continue;
    }
    const { batch } = result;
    const group = seen.get(batch.id) ?? { size: batch.size, indexes: new Set<number>() };
    seen.set(batch.id, group);
    if (group.indexes.has(batch.index)) {
      collector.reject(
        `line ${line}`,
        `QR code ${batch.index + 1} of ${batch.size} appears twice; read once`,
      );
      continue;
    }
    group.indexes.add(batch.index);
    const where = batch.size > 1 ? `QR code ${batch.index + 1} of ${batch.size}` : `line ${line}`;
    result.accounts.forEach((account) => collector.parsed(where, { ok: true, account }));
    for (const entry of result.invalid) {
      collector.reject(`${where}, account ${entry.index + 1}`, `unusable account (${entry.reason})`);
    }
  }
  for (const { size, indexes } of seen.values()) {
    // why: bounded by the QR codes actually present, not by a size a hostile payload claims.
    const missing = size - indexes.size;
    if (missing <= 0) continue;
    const names = [...Array(Math.min(size, indexes.size + 20)).keys()].filter((i) => !indexes.has(i));
    const shown = names.slice(0, 10).map((i) => i + 1);
    collector.reject(
      `export of ${size} QR codes`,
      `${missing} QR code(s) missing (${shown.join(', ')}${missing > shown.length ? ', …' : ''}); scan them too`,
    );
  }
}

export const googleMigrationImporter: Importer = {
  format: 'google-migration',
  detect({ text, json }) {
    if (json !== undefined) return false;
    const lines = contentLines(text.slice(0, 4096));
    return lines.length > 0 && lines.every((l) => isMigrationUri(l.text));
  },
  async read({ text }): Promise<ImportResult> {
    const lines = contentLines(text);
    const collector = new AccountCollector();
    collectMigrationUris(
      lines.filter((l) => isMigrationUri(l.text)),
      collector,
    );
    lines
      .filter((l) => !isMigrationUri(l.text))
      .forEach((l) => collector.reject(`line ${l.line}`, 'not an otpauth-migration:// link'));
    if (collector.full) return importFailure('too-large', 'The export holds more than 10,000 accounts.');
    return { ok: true, ...collector.result() };
  },
};
