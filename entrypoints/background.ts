import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter, originOf } from '../lib/background/router';
import { createHandlers } from '../lib/background/handlers';
import { createBrowserDeps, LOCK_ALARM } from '../lib/background/browser-deps';
import { lockNow } from '../lib/background/unlocked-key';
import { installSyncListeners, withSync } from '../lib/sync/background';
import { onLockAlarm } from '../lib/background/popup-snapshot';
import { runFillCommand, runScanCommand, SCAN_MENU_ID } from '../lib/background/commands';
import { restrictStorageToExtension } from '../lib/background/settings';
import { CLIPBOARD_ALARM, clearClipboard, type ClipboardClearEnv } from '../lib/background/clipboard-clear';

export default defineBackground(() => {
  // why: first thing, so content scripts lose storage.local before anything else runs (Chrome only).
  void restrictStorageToExtension(browser.storage.local);
  // why: every vault write (whoever makes it) arms the debounced sync alarm.
  const deps = withSync(createBrowserDeps(), browser);
  installSyncListeners(deps, browser);
  const route = createRouter(createHandlers(deps), {
    extensionId: browser.runtime.id,
    extensionOrigin: originOf(browser.runtime.getURL('/')) ?? '',
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const reply = route(message, sender);
    if (!reply) return undefined;
    // why: sendResponse + `return true` works in both browsers; a returned promise does not everywhere.
    void reply.then(sendResponse);
    return true;
  });

  // The deadline in storage.session is the real lock; the alarm only makes it happen without a use.
  browser.alarms.onAlarm.addListener((alarm) => {
    // why: the popup may have moved the deadline (opening it counts as use) without waking this worker.
    if (alarm.name === LOCK_ALARM) void onLockAlarm(deps);
    if (alarm.name === CLIPBOARD_ALARM) {
      void clearClipboard({
        offscreen: (browser as unknown as { offscreen?: ClipboardClearEnv['offscreen'] }).offscreen,
        sendMessage: (message) => browser.runtime.sendMessage(message),
        getURL: (path) => browser.runtime.getURL(path as '/offscreen.html'),
        document: typeof document === 'undefined' ? undefined : document,
      });
    }
  });
  browser.idle.onStateChanged.addListener((state) => {
    if (state === 'locked') void lockNow(deps);
  });
  browser.runtime.onStartup.addListener(() => void lockNow(deps));

  browser.commands.onCommand.addListener((command, tab) => {
    if (tab?.id === undefined) return;
    if (command === 'fill-code') void runFillCommand(deps, tab.id);
    if (command === 'scan-qr') void runScanCommand(deps, tab.id);
  });
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: SCAN_MENU_ID,
      title: browser.i18n.getMessage('commandScan'),
      contexts: ['page', 'image', 'frame'],
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === SCAN_MENU_ID && tab?.id !== undefined) void runScanCommand(deps, tab.id);
  });
});
