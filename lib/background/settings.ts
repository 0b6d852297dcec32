import type { Settings } from '../messaging';
import type { KeyValueArea } from './deps';
import { UserFacingError } from './router';

export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 15, clearClipboard: true };
const KEY = 'settings';

/** Reads settings from storage.local, falling back field by field to the defaults. */
export async function readSettings(area: KeyValueArea): Promise<Settings> {
  const stored = (await area.get(KEY))[KEY];
  const raw = typeof stored === 'object' && stored !== null ? (stored as Partial<Settings>) : {};
  return {
    autoLockMinutes: isValidMinutes(raw.autoLockMinutes)
      ? raw.autoLockMinutes
      : DEFAULT_SETTINGS.autoLockMinutes,
    clearClipboard:
      typeof raw.clearClipboard === 'boolean' ? raw.clearClipboard : DEFAULT_SETTINGS.clearClipboard,
  };
}

function isValidMinutes(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 1440;
}

/** Validates a partial update from the popup and stores the merged result. */
export async function writeSettings(area: KeyValueArea, patch: Partial<Settings>): Promise<Settings> {
  const current = await readSettings(area);
  const next: Settings = { ...current };
  if (patch.autoLockMinutes !== undefined) {
    if (!isValidMinutes(patch.autoLockMinutes)) {
      throw new UserFacingError(
        'invalid-settings',
        'Auto-lock must be a whole number of minutes from 1 to 1440.',
      );
    }
    next.autoLockMinutes = patch.autoLockMinutes;
  }
  if (patch.clearClipboard !== undefined) {
    if (typeof patch.clearClipboard !== 'boolean') {
      throw new UserFacingError('invalid-settings', 'Clear clipboard must be on or off.');
    }
    next.clearClipboard = patch.clearClipboard;
  }
  await area.set({ [KEY]: next });
  return next;
}
