import type { Handler } from '../router';
import type { BackgroundDeps } from '../deps';
import { UserFacingError } from '../errors';
import { requireUnlocked } from '../unlocked-key';
import { readSyncState, SYNC_STATE_KEY } from '../../sync/state';
import { oneAtATime, syncEnv, type SyncPort } from '../../sync/background';
import { runSync } from '../../sync/engine';
import { enableSync } from '../../sync/enable';
import { assertPasswordShape } from '../password-rules';

function syncPort(deps: BackgroundDeps): SyncPort {
  if (!deps.sync) throw new UserFacingError('sync-unavailable', 'Sync is not available in this browser.');
  return deps.sync;
}

export function syncStatusHandler(deps: BackgroundDeps): Handler<'syncStatus'> {
  return {
    access: 'extension',
    async handle() {
      const dek = await requireUnlocked(deps);
      const state = await readSyncState(globalThis.crypto, deps.local, dek);
      return { enabled: state !== null, status: state?.status ?? null };
    },
  };
}

export function syncNowHandler(deps: BackgroundDeps): Handler<'syncNow'> {
  return {
    access: 'extension',
    async handle() {
      const dek = await requireUnlocked(deps);
      const sync = syncPort(deps);
      const status = await oneAtATime(() => runSync(syncEnv(deps, sync), dek));
      return { enabled: status !== null, status };
    },
  };
}

const ENABLE_ERRORS = {
  'wrong-password': 'wrong-password',
  'joined-wrong-password': 'sync-other-password',
  unavailable: 'sync-unavailable',
  'remote-invalid': 'sync-remote-invalid',
} as const;

export function syncEnableHandler(deps: BackgroundDeps): Handler<'syncEnable'> {
  return {
    access: 'extension',
    async handle({ password }) {
      assertPasswordShape(password);
      const dek = await requireUnlocked(deps);
      const sync = syncPort(deps);
      const env = { ...syncEnv(deps, sync), unlockLocal: (p: string) => deps.vault.unlock(p) };
      const outcome = await oneAtATime(() => enableSync(env, dek, password));
      if (!outcome.ok) throw new UserFacingError(ENABLE_ERRORS[outcome.reason], outcome.message);
      await sync.schedule();
      return { enabled: true, status: outcome.status, joined: outcome.joined };
    },
  };
}

export function syncDisableHandler(deps: BackgroundDeps): Handler<'syncDisable'> {
  return {
    access: 'extension',
    async handle() {
      await requireUnlocked(deps);
      // why: only this browser's state goes; the other browsers keep syncing through the area as it is.
      await deps.local.remove(SYNC_STATE_KEY);
      await deps.sync?.cancel();
      return { enabled: false, status: null };
    },
  };
}
