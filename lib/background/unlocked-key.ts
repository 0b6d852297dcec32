import type { BackgroundDeps } from './deps';
import { adoptLegacySettings, readSettings } from './settings';
import { UserFacingError } from './errors';

/**
 * Starts an unlocked session: keeps the key in storage.session with a deadline and arms the alarm.
 * `newVault`: the vault was just created, so settings start from the defaults (see adoptLegacySettings).
 */
export async function startSession(
  deps: BackgroundDeps,
  dek: Uint8Array,
  options: { newVault?: boolean } = {},
): Promise<void> {
  await adoptLegacySettings(deps, dek, options);
  const lockAt = await nextDeadline(deps, dek);
  await deps.session.save(dek, lockAt);
  await deps.scheduleLock(lockAt);
}

/**
 * The data key when the vault is unlocked and its deadline has not passed; every use moves the
 * deadline (idle auto-lock). The deadline is checked here because alarms may be late or lost.
 */
export async function requireUnlocked(deps: BackgroundDeps): Promise<Uint8Array> {
  const dek = await deps.session.load();
  if (!dek) throw new UserFacingError('locked', 'The vault is locked. Unlock it with your master password.');
  const lockAt = await nextDeadline(deps, dek);
  await deps.session.extend(lockAt);
  await deps.scheduleLock(lockAt);
  return dek;
}

/** Forgets the key now (manual lock, alarm, screen lock, browser start). */
export async function lockNow(deps: BackgroundDeps): Promise<void> {
  await deps.session.clear();
  await deps.cancelLock();
}

/** why: the minutes come from the vault (readable only with the key), never from storage.local. */
async function nextDeadline(deps: BackgroundDeps, dek: Uint8Array): Promise<number> {
  const { autoLockMinutes } = await readSettings(deps, dek);
  return deps.now() + autoLockMinutes * 60_000;
}
