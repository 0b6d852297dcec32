/** The part of `navigator.clipboard` the popup uses. */
export interface ClipboardLike {
  writeText(text: string): Promise<void>;
}

/** How long a copied code stays on the clipboard when "clear clipboard" is on. */
export const CLIPBOARD_CLEAR_MS = 30_000;

/**
 * Copies `code`; with `clearLater`, asks the background to clear the clipboard after CLIPBOARD_CLEAR_MS.
 * why the background: the popup closes as soon as the user clicks into the page to paste, and its timers
 * die with it. A failure to schedule does not undo the copy.
 */
export async function copyCode(
  clipboard: ClipboardLike,
  code: string,
  options: { clearLater?: () => Promise<unknown> } = {},
): Promise<void> {
  await clipboard.writeText(code);
  await options.clearLater?.().catch(() => undefined);
}

export function createBrowserClipboard(clipboard: Pick<Clipboard, 'writeText'>): ClipboardLike {
  return { writeText: (text) => clipboard.writeText(text) };
}

/**
 * Replaces the clipboard's text with an empty string from an extension document that may not have focus
 * (Chrome's offscreen document, Firefox's background page): `navigator.clipboard` needs a focused document
 * there, the `copy` command with the clipboardWrite permission does not. Returns whether the browser ran it.
 *
 * The extension cannot read the clipboard (no clipboardRead permission, on purpose), so this clears whatever
 * the clipboard holds at that moment, which the setting's label says.
 */
export function overwriteClipboard(doc: Document): boolean {
  const onCopy = (event: ClipboardEvent) => {
    event.preventDefault();
    event.clipboardData?.setData('text/plain', '');
  };
  doc.addEventListener('copy', onCopy, true);
  try {
    return doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    doc.removeEventListener('copy', onCopy, true);
  }
}
