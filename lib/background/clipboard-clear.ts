import { overwriteClipboard } from '../ui/clipboard';

export const CLIPBOARD_ALARM = 'clear-clipboard';
/** The Chrome offscreen document (entrypoints/offscreen) that clears the clipboard. */
export const OFFSCREEN_PATH = '/offscreen.html';
export const OFFSCREEN_CLEAR_MESSAGE = { target: 'offscreen', type: 'clearClipboard' } as const;

/** What clearing needs from the browser, narrowed so tests can pass fakes. */
export interface ClipboardClearEnv {
  /** Chrome: `chrome.offscreen`; absent in Firefox. */
  offscreen?: {
    createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
    closeDocument(): Promise<void>;
  };
  sendMessage(message: unknown): Promise<unknown>;
  getURL(path: string): string;
  /** The background page's document (Firefox event page); absent in a service worker. */
  document?: Document;
}

/**
 * Empties the clipboard when the alarm set after a copy fires. Chrome's service worker has no DOM, so an
 * offscreen document (reason CLIPBOARD) does it and is closed again; Firefox's background page does it
 * itself. Returns whether the browser ran the clear. Never throws.
 */
export async function clearClipboard(env: ClipboardClearEnv): Promise<boolean> {
  if (!env.offscreen) return env.document ? overwriteClipboard(env.document) : false;
  try {
    await env.offscreen
      .createDocument({
        url: env.getURL(OFFSCREEN_PATH),
        reasons: ['CLIPBOARD'],
        justification: 'Clear a copied MFA code from the clipboard after 30 seconds.',
      })
      // why: only one offscreen document may exist; one left over from a clear cut short is reused.
      .catch(() => undefined);
    return (await env.sendMessage(OFFSCREEN_CLEAR_MESSAGE)) === true;
  } catch {
    return false;
  } finally {
    await env.offscreen.closeDocument().catch(() => undefined);
  }
}
