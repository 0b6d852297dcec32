import { browser } from 'wxt/browser';
import type { BackgroundDeps } from './deps';
import { openVaultDb } from '../vault/schema';
import { createVaultRepository } from '../vault/repository';
import { createVaultSession } from '../vault/session';

export const LOCK_ALARM = 'auto-lock';

/** The real browser behind the handlers' narrow interfaces. Holds no state of its own. */
export function createBrowserDeps(): BackgroundDeps {
  const now = () => Date.now();
  return {
    vault: createVaultRepository(openVaultDb(), { crypto: globalThis.crypto, now }),
    session: createVaultSession(browser.storage.session, now),
    local: browser.storage.local,
    async tabUrl(tabId) {
      const tab = await browser.tabs.get(tabId);
      return tab.url;
    },
    async scheduleLock(when) {
      await browser.alarms.create(LOCK_ALARM, { when });
    },
    async cancelLock() {
      await browser.alarms.clear(LOCK_ALARM);
    },
    now,
  };
}
