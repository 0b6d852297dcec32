/**
 * Saves text as a file from an extension page: a Blob, an object URL and a click on an `<a download>`.
 * No `downloads` permission is needed, and the file never passes through the background.
 */

/** The parts of the page this needs; main.tsx passes `document`, `URL` and `setTimeout`. */
export interface DownloadDeps {
  document: Document;
  /** `URL` itself (not bound methods), so a test can wrap `URL.createObjectURL` in the page. */
  url: Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'>;
  setTimeout: (callback: () => void, ms: number) => unknown;
}

/**
 * How long the object URL lives. why: Firefox starts reading the blob after `click()` returns; revoking at
 * once can cancel the download, and the text (an encrypted backup or a plain export) should not linger.
 */
export const OBJECT_URL_LIFETIME_MS = 60_000;

/** Characters no file system accepts in a name; control characters are dropped too. */
const UNSAFE_FILE_NAME_CHARACTERS = new Set([...'\\/:*?"<>|']);

function isControl(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

/** A file name the download attribute keeps as it is (the name itself comes from us, this is a guard). */
export function safeFileName(name: string, fallback = 'download.txt'): string {
  const cleaned = [...name]
    .filter((character) => !isControl(character))
    .map((character) => (UNSAFE_FILE_NAME_CHARACTERS.has(character) ? '-' : character))
    .join('')
    .trim()
    .slice(0, 120);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : fallback;
}

/** Starts the browser's download of `text` as `fileName`. */
export function downloadTextFile(deps: DownloadDeps, fileName: string, text: string, mimeType: string): void {
  const blob = new Blob([text], { type: mimeType });
  const href = deps.url.createObjectURL(blob);
  const anchor = deps.document.createElement('a');
  anchor.href = href;
  anchor.download = safeFileName(fileName);
  anchor.rel = 'noopener';
  anchor.hidden = true;
  // why: Firefox ignores a click on an anchor that is not in the document.
  deps.document.body.append(anchor);
  try {
    anchor.click();
  } finally {
    anchor.remove();
    deps.setTimeout(() => deps.url.revokeObjectURL(href), OBJECT_URL_LIFETIME_MS);
  }
}
