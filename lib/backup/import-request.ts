/**
 * Reads an import in the options page and turns it into the request the background plans and commits.
 * Parsing and decryption (scrypt, PBKDF2, the other apps' formats) run here, never in the background: the
 * file's password stays in the page, and the service worker (which cannot load code lazily) stays small.
 */
import { readImport } from './importers';
import type { ImportError, ImportRequest } from './types';

export type ReadImportRequest = { ok: true; request: ImportRequest } | { ok: false; error: ImportError };

/** Never throws for bad input: a failure comes back with the reader's error code and message. */
export async function readImportRequest(
  text: string,
  options: { password?: string; crypto: Crypto },
): Promise<ReadImportRequest> {
  const read = await readImport(text, options);
  if (!read.ok) return { ok: false, error: read.error };
  return { ok: true, request: { format: read.format, accounts: read.accounts, invalid: read.invalid } };
}
