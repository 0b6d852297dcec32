/**
 * Google Authenticator's "Transfer accounts" export: one `otpauth-migration://offline?data=...` URI per QR
 * code, decoded by lib/otp/migration.ts. A large export is split into several QR codes that share a batch
 * id; a missing one is reported (its accounts are not in the file), a repeated one is read once.
 */
import { decodeMigrationUri } from '../../otp/migration';
import { importFailure, type ImportResult } from '../types';
import { migrationEntrySkipCause, migrationSkipCause, type EntryPlace } from '../skip-reasons';
import { AccountCollector } from './collect';
import { contentLines, type Importer } from './importer';

const SCHEME = /^otpauth-migration:\/\//i;

export function isMigrationUri(line: string): boolean {
  return SCHEME.test(line);
}

/**
 * Adds the accounts of migration URIs (with their line numbers) to `collector`.
 *
 * Only a QR code whose content is identical to one already read is a repeat: current exports (payload
 * version 2) carry no batch id, so QR codes of separate exports share id 0 and their positions collide.
 * QR codes of one id and size are counted per position: with n of them at some position, at least n exports
 * are in the file, so each position with fewer is reported missing that many times. For a real batch id
 * (n = 1) that is exactly the positions not scanned.
 */
export function collectMigrationUris(
  lines: { line: number; text: string }[],
  collector: AccountCollector,
): void {
  const seenContent = new Set<string>();
  const batches = new Map<string, { size: number; counts: Map<number, number> }>();
  for (const { line, text } of lines) {
    if (collector.full) return;
    const result = decodeMigrationUri(text);
    if (!result.ok) {
      collector.reject({ kind: 'line', n: line }, migrationSkipCause(result.error.reason));
      continue;
    }
    const { batch } = result;
    const where: EntryPlace =
      batch.size > 1 ? { kind: 'qr', n: batch.index + 1, of: batch.size } : { kind: 'line', n: line };
    // why: what was decoded stands for the payload; fields it ignores cannot make two accounts differ.
    const content = JSON.stringify([batch, result.accounts, result.invalid]);
    if (seenContent.has(content)) {
      collector.reject({ kind: 'line', n: line }, { code: 'qr-repeated' });
      continue;
    }
    seenContent.add(content);
    const key = `${batch.id}/${batch.size}`;
    const group = batches.get(key) ?? { size: batch.size, counts: new Map<number, number>() };
    batches.set(key, group);
    group.counts.set(batch.index, (group.counts.get(batch.index) ?? 0) + 1);
    result.accounts.forEach((account) => collector.parsed(where, { ok: true, account }));
    for (const entry of result.invalid) {
      collector.reject({ ...where, account: entry.index + 1 }, migrationEntrySkipCause(entry.reason));
    }
  }
  for (const { size, counts } of batches.values()) {
    const exports = Math.max(...counts.values());
    const present = [...counts].reduce((sum, [index, count]) => sum + (index < size ? count : 0), 0);
    const missing = exports * size - present;
    if (missing <= 0) continue;
    // why: bounded by the QR codes actually present, not by a size a hostile payload claims.
    const names = [...Array(Math.min(size, counts.size + 20)).keys()].filter(
      (i) => (counts.get(i) ?? 0) < exports,
    );
    const shown = names.slice(0, 10).map((i) => i + 1);
    collector.reject(
      { kind: 'qr-export', of: size },
      {
        code: 'qr-missing',
        count: missing,
        detail: `${shown.join(', ')}${missing > shown.length ? ', …' : ''}`,
      },
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
      .forEach((l) => collector.reject({ kind: 'line', n: l.line }, { code: 'not-migration-link' }));
    if (collector.full)
      return importFailure('too-large', 'The export holds more than 10,000 accounts.', {
        reason: 'too-many-accounts',
        app: 'Google Authenticator',
      });
    return { ok: true, ...collector.result() };
  },
};
