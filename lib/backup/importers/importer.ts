import type { ImportFormat, ImportResult } from '../types';

/** The file once: its text, and its JSON value when it parses (undefined otherwise). */
export interface ImportInput {
  text: string;
  json: unknown;
}

export interface ImportContext {
  /** For encrypted files; absent until the user is asked. */
  password?: string;
  crypto: Crypto;
}

/** Every import format has this shape, one per file, registered in importers/index.ts. */
export interface Importer {
  format: ImportFormat;
  /** Cheap structural check: does this file claim to be this format? */
  detect(input: ImportInput): boolean;
  /** Reads the accounts; never throws for any input. */
  read(input: ImportInput, context: ImportContext): Promise<ImportResult>;
}

// why: barcode scanners (zbarimg and tools built on it) print each code as `QR-Code:<content>`.
const SCANNER_PREFIX = /^QR-?Code:\s*/i;

/**
 * Non-empty lines that are not comments (# or //), with their 1-based line numbers; a scanner's
 * `QR-Code:` prefix is removed.
 */
export function contentLines(text: string): { line: number; text: string }[] {
  const lines: { line: number; text: string }[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const trimmed = raw.trim().replace(SCANNER_PREFIX, '');
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('//')) return;
    lines.push({ line: index + 1, text: trimmed });
  });
  return lines;
}
