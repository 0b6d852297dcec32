/**
 * Sync in the background: when it runs and with what. Nothing is kept in this worker between wake-ups:
 * a run is asked for by an alarm (debounced after vault writes, and every few minutes), by a change of the
 * sync area (another browser wrote), or by the options page; each run reads everything it needs again.
 * Runs only while the vault is unlocked, and never moves the auto-lock deadline (it is not a use).
 */
import type { browser as realBrowser } from 'wxt/browser';

type Browser = typeof realBrowser;
import type { BackgroundDeps } from '../background/deps';
import { hookVaultMethods } from '../background/vault-write-hook';
import { runSync, type SyncArea, type SyncEnv } from './engine';
import { rewrapSyncSlot } from './enable';
import { isSyncKey } from './format';
import type { SyncStatus } from './state';

export const SYNC_ALARM = 'sync-run';
/** After a vault write: long enough to gather a burst of edits (Chrome's alarms wait 30 s at least anyway). */
const DEBOUNCE_MINUTES = 0.5;
const PERIOD_MINUTES = 5;

export interface SyncPort {
  area: SyncArea;
  /** (Re)arms the sync alarm: a run after the debounce delay, then periodically. */
  schedule(): Promise<void>;
  cancel(): Promise<void>;
}

const WRITES = ['add', 'addMany', 'update', 'replace', 'remove', 'bumpHotpCounter', 'unlock'] as const;

/**
 * Gives `deps` storage.sync and a vault whose every write (and unlock) arms the sync alarm. Changes `deps`
 * in place and returns it: the same object stays the one other hooks (the popup snapshot) know as hooked.
 */
export function withSync(deps: BackgroundDeps, browser: Browser): BackgroundDeps {
  const sync: SyncPort = {
    area: {
      get: (keys) => browser.storage.sync.get(keys),
      set: (items) => browser.storage.sync.set(items),
      remove: (keys) => browser.storage.sync.remove(keys),
    },
    async schedule() {
      await browser.alarms.create(SYNC_ALARM, {
        delayInMinutes: DEBOUNCE_MINUTES,
        periodInMinutes: PERIOD_MINUTES,
      });
    },
    async cancel() {
      await browser.alarms.clear(SYNC_ALARM);
    },
  };
  const raw = deps.vault;
  const vault = hookVaultMethods(raw, WRITES, async (write) => {
    const result = await write();
    // why: a write must not fail because the alarm could not be armed; the periodic run catches up.
    await sync.schedule().catch(() => undefined);
    return result;
  });
  vault.changePassword = async (oldPassword, newPassword) => {
    await raw.changePassword(oldPassword, newPassword);
    // why: the password change has happened; the synced slot follows it, or waits for the next change.
    const dek = await deps.session.load().catch(() => null);
    if (dek) {
      await oneAtATime(() => rewrapSyncSlot(syncEnv(deps, sync), dek, newPassword)).catch(() => undefined);
    }
  };
  deps.vault = vault;
  deps.sync = sync;
  return deps;
}

export function syncEnv(deps: BackgroundDeps, sync: SyncPort): SyncEnv {
  return {
    crypto: globalThis.crypto,
    now: () => deps.now(),
    vault: deps.vault,
    area: sync.area,
    local: deps.local,
  };
}

/** One run at a time across the extension's contexts (an alarm and a sync-area change may coincide). */
export function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request('mfa-sync-run', task) as Promise<unknown> as Promise<T>) : task();
}

/** A run the user did not ask for: only while unlocked (the key is not looked up through a "use"). */
export async function runSyncInBackground(deps: BackgroundDeps): Promise<SyncStatus | null> {
  const sync = deps.sync;
  if (!sync) return null;
  const dek = await deps.session.load();
  if (!dek) return null;
  const status = await oneAtATime(() => runSync(syncEnv(deps, sync), dek));
  // why: sync was turned off (or its state is gone): stop waking up for it.
  if (status === null) await sync.cancel();
  return status;
}

/** Registers the background's listeners (synchronously, at the worker's start, so wake-ups reach them). */
export function installSyncListeners(deps: BackgroundDeps, browser: Browser): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void runSyncInBackground(deps).catch(() => undefined);
  });
  // why: the sync area's own event, not storage.onChanged: a listener there wakes this worker for every
  // write to any area, including the popup's storage.session writes on each open.
  browser.storage.sync.onChanged.addListener((changes) => {
    if (!Object.keys(changes).some(isSyncKey)) return;
    void runSyncInBackground(deps).catch(() => undefined);
  });
}
