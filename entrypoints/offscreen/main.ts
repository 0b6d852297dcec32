// Chrome only: the offscreen document the background opens to clear the clipboard (a service worker has
// no DOM to run the copy command in). It acts on one message from our own extension and nothing else.
import { browser } from 'wxt/browser';
import { OFFSCREEN_CLEAR_MESSAGE } from '../../lib/background/clipboard-clear';
import { overwriteClipboard } from '../../lib/ui/clipboard';

browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const m = message as { target?: unknown; type?: unknown } | null;
  if (sender.id !== browser.runtime.id || m?.target !== OFFSCREEN_CLEAR_MESSAGE.target) return undefined;
  if (m.type !== OFFSCREEN_CLEAR_MESSAGE.type) return undefined;
  sendResponse(overwriteClipboard(document));
  return undefined;
});
