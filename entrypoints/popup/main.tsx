import { render } from 'preact';
import { browser } from 'wxt/browser';
import { App } from '../../components/popup/App';
import type { PopupServices } from '../../components/popup/services';
import { createSend } from '../../lib/ui/api';
import { createSessionFlags } from '../../lib/ui/session-flags';
import { claimFirstScreen, type FirstScreenHandoff } from '../../lib/ui/first-screen-handoff';
import './style.css';

const services: PopupServices = {
  send: createSend(browser),
  // why: the clipboard code loads with the first copy, not with every open.
  clipboard: {
    writeText: async (text) =>
      (await import('../../lib/ui/clipboard')).createBrowserClipboard(navigator.clipboard).writeText(text),
  },
  now: () => Date.now(),
  // why: the first-screen script asked for the tab already (the boot uses that); this is the fallback.
  getTabId: async () => (await import('../../lib/ui/tab-id')).resolveTabId(location.search, browser.tabs),
  // why: jsQR and the Public Suffix List stay out of the popup's first load; they come with the first scan.
  loadScanKit: () => import('../../lib/ui/browser-scan-kit').then((module) => module.createBrowserScanKit()),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  openOptionsPage: () => browser.runtime.openOptionsPage(),
  permissions: {
    contains: (permissions) => browser.permissions.contains(permissions),
    request: (permissions) => browser.permissions.request(permissions),
  },
  sessionFlags: createSessionFlags(browser.storage.session),
  local: {
    session: browser.storage.session,
    local: browser.storage.local,
    tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
    now: () => Date.now(),
  },
};

const root = document.getElementById('app');
// why: the first-screen script's reads are the app's too, and the rows it drew are its first render's, so
// the app renders once that script is done (a few ms; it gives up waiting after FIRST_SCREEN_WAIT_MS).
const start = (firstScreen: FirstScreenHandoff | null) =>
  root && render(<App services={{ ...services, firstScreen }} />, root);
// why: whatever happens to the handoff, the app renders.
claimFirstScreen(window).then(start, () => start(null));
