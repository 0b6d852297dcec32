import type { BackgroundDeps } from './deps';
import { readSettings } from './settings';
import { UserFacingError } from './router';

/** Starts an unlocked session: keeps the key in storage.session with a deadline and arms the alarm. */
export async function startSession(deps: BackgroundDeps, dek: Uint8Array): Promise<void> {
  const lockAt = await nextDeadline(deps);
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
  const lockAt = await nextDeadline(deps);
  await deps.session.extend(lockAt);
  await deps.scheduleLock(lockAt);
  return dek;
}

/** Forgets the key now (manual lock, alarm, screen lock, browser start). */
export async function lockNow(deps: BackgroundDeps): Promise<void> {
  await deps.session.clear();
  await deps.cancelLock();
}

async function nextDeadline(deps: BackgroundDeps): Promise<number> {
  const { autoLockMinutes } = await readSettings(deps.local);
  return deps.now() + autoLockMinutes * 60_000;
}
