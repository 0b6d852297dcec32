import { readImportRequest } from '../../../lib/backup/import-request';
import type { ImportRequest } from '../../../lib/messaging';

/** What the options page sends for `text`: the file read (and decrypted) in the page. */
export async function importRequestFor(text: string, password?: string): Promise<ImportRequest> {
  const read = await readImportRequest(text, { password, crypto: globalThis.crypto });
  if (!read.ok) throw new Error(`reading the file failed: ${read.error.code} ${read.error.message}`);
  return read.request;
}

/** The error code the options page's reader gives `text`, or null when it reads. */
export async function readErrorCode(text: string, password?: string): Promise<string | null> {
  const read = await readImportRequest(text, { password, crypto: globalThis.crypto });
  return read.ok ? null : read.error.code;
}
