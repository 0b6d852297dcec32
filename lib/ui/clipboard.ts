/** The part of `navigator.clipboard` the popup uses; `readText` may be refused without clipboardRead. */
export interface ClipboardLike {
  writeText(text: string): Promise<void>;
  readText?(): Promise<string>;
}

export const CLIPBOARD_CLEAR_MS = 30_000;

export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
}

/**
 * Copies `code`, and when `clearAfterMs` is set, schedules a best-effort clear.
 *
 * Limits (by design, documented for the user in the settings hint):
 * - The timer lives in the popup: if the popup closes first (it does when the user clicks into the page
 *   to paste), nothing is cleared. A background/offscreen-document timer would be needed for a guarantee.
 * - It clears only when it can read the clipboard back and it still holds our code, so text the user copied
 *   since is never wiped. Reading needs the `clipboardRead` permission (see createBrowserClipboard); when
 *   reading is refused, the clipboard is left alone.
 */
export async function copyCode(
  clipboard: ClipboardLike,
  code: string,
  options: { clearAfterMs?: number; scheduler?: Scheduler } = {},
): Promise<void> {
  await clipboard.writeText(code);
  const { clearAfterMs, scheduler = globalThis } = options;
  if (!clearAfterMs) return;
  scheduler.setTimeout(() => {
    void clearIfStillOurs(clipboard, code);
  }, clearAfterMs);
}

/** Clears the clipboard only if it can be read and still holds `code`. Never throws. */
export async function clearIfStillOurs(clipboard: ClipboardLike, code: string): Promise<boolean> {
  try {
    if (!clipboard.readText) return false;
    const current = await clipboard.readText();
    if (current !== code) return false;
    await clipboard.writeText('');
    return true;
  } catch {
    return false;
  }
}

interface PermissionsLike {
  query(descriptor: { name: string }): Promise<{ state: string }>;
}

/**
 * The popup's clipboard. Reading back (to check the code is still there) is attempted only when the
 * browser says `clipboard-read` is already granted: without it Chrome may show a permission prompt and
 * Firefox a "Paste" button 30 s after the copy, which is worse than not clearing.
 */
export function createBrowserClipboard(
  clipboard: Pick<Clipboard, 'writeText' | 'readText'>,
  permissions: PermissionsLike | undefined,
): ClipboardLike {
  return {
    writeText: (text) => clipboard.writeText(text),
    async readText() {
      const status = await permissions?.query({ name: 'clipboard-read' });
      if (status?.state !== 'granted') throw new Error('Reading the clipboard is not permitted.');
      return clipboard.readText();
    },
  };
}
