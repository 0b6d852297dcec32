import { browser } from 'wxt/browser';
import type { BackgroundDeps } from './deps';
import { openVaultDb } from '../vault/schema';
import { createVaultRepository } from '../vault/repository';
import type { VaultRepository } from '../vault/types';
import { createVaultSession } from '../vault/session';
import { createSettingsStore, type SettingsStore } from '../vault/settings-store';
import { CLIPBOARD_ALARM } from './clipboard-clear';
import { withPopupSnapshot } from './popup-snapshot';
import { fetchPackagedFile, loadPublicSuffixes, type PublicSuffixes } from '../sites/public-suffixes';

export const LOCK_ALARM = 'auto-lock';
/** The clock check's HEAD request gives up after this; the fill then uses our own clock. */
const SERVER_DATE_TIMEOUT_MS = 2_000;

/**
 * Vault writes one at a time across every extension context, through the Web Locks API (held by the browser,
 * not by this worker, and released if the worker dies mid-write); where it is missing, the repository's
 * optimistic retry still keeps the index consistent.
 */
function vaultWriteLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  // why: request() resolves with the task's own result; its typing wraps it in a second Promise.
  return locks ? (locks.request('mfa-vault-write', task) as Promise<unknown> as Promise<T>) : task();
}

/** The real browser behind the handlers' narrow interfaces. Holds no state of its own. */
export function createBrowserDeps(): BackgroundDeps {
  const now = () => Date.now();
  // why: a cached connection, not state: every wake-up opens it again and reads everything from IndexedDB.
  let database: ReturnType<typeof openVaultDb> | null = null;
  const db = () => (database ??= openVaultDb());
  let opened: Promise<VaultRepository> | null = null;
  const repo = () =>
    (opened ??= db().then((vaultDb) =>
      createVaultRepository(vaultDb, { crypto: globalThis.crypto, now, exclusive: vaultWriteLock }),
    ));
  let settingsOpened: Promise<SettingsStore> | null = null;
  const settings = () =>
    (settingsOpened ??= db().then((vaultDb) => createSettingsStore(vaultDb, globalThis.crypto)));
  // why: read at the first lookup of a wake, not at start (most wakes look nothing up); a failed read is
  // not kept, so the next lookup tries again.
  let suffixes: Promise<PublicSuffixes> | null = null;
  const packagedUrl = (path: string) => (browser.runtime.getURL as (path: string) => string)(`/${path}`);
  const publicSuffixes = () =>
    (suffixes ??= loadPublicSuffixes(fetchPackagedFile(packagedUrl)).catch((error: unknown) => {
      suffixes = null;
      throw error;
    }));
  // why: the one place every vault write passes, so the popup's snapshot cannot be forgotten by any path.
  return withPopupSnapshot({
    vault: {
      state: async () => (await repo()).state(),
      create: async (password) => (await repo()).create(password),
      unlock: async (password) => (await repo()).unlock(password),
      list: async (dek) => (await repo()).list(dek),
      add: async (dek, input) => (await repo()).add(dek, input),
      update: async (dek, id, patch) => (await repo()).update(dek, id, patch),
      replace: async (dek, id, input) => (await repo()).replace(dek, id, input),
      remove: async (id, dek) => (await repo()).remove(id, dek),
      reorder: async (ids) => (await repo()).reorder(ids),
      changePassword: async (oldPassword, newPassword) =>
        (await repo()).changePassword(oldPassword, newPassword),
      bumpHotpCounter: async (dek, id) => (await repo()).bumpHotpCounter(dek, id),
      addMany: async (dek, items) => (await repo()).addMany(dek, items),
      lastBackupAt: async () => (await repo()).lastBackupAt(),
      recordBackup: async (at) => (await repo()).recordBackup(at),
    },
    session: createVaultSession(browser.storage.session, now),
    settings: {
      read: async (dek) => (await settings()).read(dek),
      exists: async () => (await settings()).exists(),
      update: async (dek, change) => (await settings()).update(dek, change),
    },
    local: browser.storage.local,
    sessionArea: browser.storage.session,
    async openPopup() {
      try {
        await browser.action.openPopup();
        return true;
      } catch {
        return false;
      }
    },
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
    async scheduleClipboardClear(when) {
      await browser.alarms.create(CLIPBOARD_ALARM, { when });
    },
    async frameOrigins(tabId) {
      // why: read in our isolated world, which the page cannot redefine. `self.origin` is the document's
      // real origin: 'null' for a sandboxed document (CSP or iframe sandbox), where `location.origin` would
      // still name the host it was served from. Frame ids come from the browser; no webNavigation needed.
      const results = await browser.scripting.executeScript({
        target: { tabId, allFrames: true },
        func: () => self.origin,
      });
      return results.map((r) => {
        // why: Chromium (106+) and current Firefox name the document that ran the check; a browser that
        // gives none falls back to the content script's own origin check.
        const documentId = (r as { documentId?: unknown }).documentId;
        return {
          frameId: r.frameId,
          origin: typeof r.result === 'string' && r.result !== 'null' ? r.result : null,
          ...(typeof documentId === 'string' && documentId ? { documentId } : {}),
        };
      });
    },
    sendToFrame(tabId, frameId, message, documentId) {
      // why: pinned to the checked document, a message never reaches a page that navigated in since.
      return browser.tabs.sendMessage(tabId, message, documentId ? { frameId, documentId } : { frameId });
    },
    async captureVisibleTab(tabId) {
      const tab = await browser.tabs.get(tabId);
      return browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
    },
    async serverDate(origin) {
      const response = await fetch(`${origin}/`, {
        method: 'HEAD',
        credentials: 'omit',
        cache: 'no-store',
        // why: a redirect may lead to another origin; only the origin being filled is asked.
        redirect: 'manual',
        signal: AbortSignal.timeout(SERVER_DATE_TIMEOUT_MS),
      });
      return response.headers.get('date');
    },
    publicSuffixes,
    now,
  });
}
