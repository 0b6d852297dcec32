/**
 * Keeps the popup's snapshot (lib/vault/popup-snapshot) in step with the vault. `withPopupSnapshot` wraps the
 * deps once, where they are made: every vault write (whoever makes it: a handler, a command, an import, a
 * sync), an unlock and a settings change rewrite the snapshot before they return; a lock, an expired
 * deadline or a failed refresh removes it. Nothing is kept in this worker's memory.
 */
import type { BackgroundDeps, SessionPort, VaultPort } from './deps';
import { readSettings } from './settings';
import { hookVaultMethods } from './vault-write-hook';
import {
  SNAPSHOT_KEY,
  VAULT_MARKER_KEY,
  buildSnapshot,
  type PopupSnapshot,
  type VaultMarker,
} from '../vault/popup-snapshot';

/** The repository methods that change what the popup shows (everything that writes). */
const WRITES = [
  'add',
  'addMany',
  'update',
  'replace',
  'remove',
  'reorder',
  'changePassword',
  'bumpHotpCounter',
  'recordBackup',
] as const satisfies readonly (keyof VaultPort)[];

/** Reads the vault and stores a fresh snapshot; removes it when the vault is locked or the read fails. */
export async function writePopupSnapshot(
  deps: BackgroundDeps,
  dek?: Uint8Array,
): Promise<PopupSnapshot | null> {
  try {
    const key = dek ?? (await deps.session.load());
    if (!key) {
      await deps.sessionArea.remove(SNAPSHOT_KEY);
      return null;
    }
    const [{ accounts, broken }, lastBackupAt, settings] = await Promise.all([
      deps.vault.list(key),
      deps.vault.lastBackupAt(),
      readSettings(deps, key),
    ]);
    const snapshot = buildSnapshot(accounts, broken, lastBackupAt, settings.autoLockMinutes * 60_000);
    await deps.sessionArea.set({ [SNAPSHOT_KEY]: snapshot });
    // why: a lock that ran while the vault was read has already removed the snapshot; do not bring it back.
    if (!(await deps.session.load())) {
      await deps.sessionArea.remove(SNAPSHOT_KEY);
      return null;
    }
    return snapshot;
  } catch {
    // why: a stale snapshot would show codes of a changed vault; without one the popup asks the background.
    await deps.sessionArea.remove(SNAPSHOT_KEY).catch(() => undefined);
    return null;
  }
}

async function writeMarker(deps: BackgroundDeps, marker: VaultMarker): Promise<void> {
  try {
    const current = (await deps.local.get(VAULT_MARKER_KEY))[VAULT_MARKER_KEY];
    if (current !== marker) await deps.local.set({ [VAULT_MARKER_KEY]: marker });
  } catch {
    // why: the marker only saves the popup a round trip; the vault state stays the background's answer.
  }
}

/** The lock alarm fired: lock if the deadline passed, else arm it again for the later deadline the popup set. */
export async function onLockAlarm(deps: BackgroundDeps): Promise<void> {
  // why: load() is the check that forgets an expired key (and, hooked, its snapshot).
  const lockAt = (await deps.session.load()) ? await deps.session.lockAt() : null;
  if (lockAt === null) await deps.sessionArea.remove(SNAPSHOT_KEY);
  else await deps.scheduleLock(lockAt);
}

/**
 * Marks deps that already carry the hook, on the deps object itself: the background keeps no module-level
 * state between wake-ups, and a registry of hooked objects would be one.
 */
const HOOKED = Symbol('popupSnapshotHooked');

/**
 * The deps with the snapshot hook around every vault write, the session and the settings. Applied where the
 * deps are made and again by createHandlers (so handler tests run with it); a second call changes nothing.
 */
export function withPopupSnapshot(deps: BackgroundDeps): BackgroundDeps {
  if (Object.hasOwn(deps, HOOKED)) return deps;
  const raw = deps.vault;
  const hooked = Object.create(deps) as BackgroundDeps;
  const refresh = (dek?: Uint8Array) => writePopupSnapshot(hooked, dek);
  const vault = hookVaultMethods(raw, WRITES, async (write, args) => {
    // why: a worker stopped between the write and the refresh must not leave the old copy for the popup;
    // without a snapshot the popup asks the background, which reads the vault.
    await deps.sessionArea.remove(SNAPSHOT_KEY);
    try {
      return await write();
    } finally {
      // why: also after a failed write — a failure may come after part of the work (never trust the old copy).
      const dek = args.find((arg): arg is Uint8Array => arg instanceof Uint8Array);
      await refresh(dek);
    }
  });
  hooked.vault = vault;
  Object.defineProperty(hooked, HOOKED, { value: true });
  vault.state = async () => {
    const state = await raw.state();
    await writeMarker(deps, state);
    return state;
  };
  vault.create = async (password) => {
    const dek = await raw.create(password);
    await writeMarker(deps, 'initialized');
    return dek;
  };

  const session: SessionPort = {
    ...deps.session,
    async save(dek, lockAt) {
      await deps.session.save(dek, lockAt);
      await refresh(dek);
    },
    async load() {
      const dek = await deps.session.load();
      if (!dek) await deps.sessionArea.remove(SNAPSHOT_KEY);
      return dek;
    },
    async lockAt() {
      const at = await deps.session.lockAt();
      if (at === null) await deps.sessionArea.remove(SNAPSHOT_KEY);
      return at;
    },
    async clear() {
      await deps.session.clear();
      await deps.sessionArea.remove(SNAPSHOT_KEY);
    },
  };
  hooked.session = session;

  hooked.settings = {
    ...deps.settings,
    async update(dek, change) {
      const result = await deps.settings.update(dek, change);
      await refresh(dek);
      return result;
    },
  };
  return hooked;
}
