import type { Settings } from '../messaging';
import type { KeyValueArea } from './deps';
import { UserFacingError } from './router';
import { normalizeSiteInput } from '../sites/binding';
import { accountAllowedOn } from './site-policy';

/** Whether the user turned on auto-submit for the site of this (top-frame) origin. */
export async function autoSubmitOn(area: KeyValueArea, topOrigin: string): Promise<boolean> {
  const { autoSubmitSites } = await readSettings(area);
  return (autoSubmitSites ?? []).length > 0 && accountAllowedOn(topOrigin, autoSubmitSites ?? []);
}

export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 15, clearClipboard: true, autoSubmitSites: [] };
const MAX_AUTO_SUBMIT_SITES = 50;
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
    autoSubmitSites: Array.isArray(raw.autoSubmitSites)
      ? raw.autoSubmitSites.filter((s): s is string => typeof s === 'string').slice(0, MAX_AUTO_SUBMIT_SITES)
      : [],
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
  if (patch.autoSubmitSites !== undefined) {
    if (!Array.isArray(patch.autoSubmitSites) || patch.autoSubmitSites.length > MAX_AUTO_SUBMIT_SITES) {
      throw new UserFacingError(
        'invalid-settings',
        `Auto-submit takes at most ${MAX_AUTO_SUBMIT_SITES} sites.`,
      );
    }
    const sites: string[] = [];
    for (const input of patch.autoSubmitSites) {
      const parsed = normalizeSiteInput(typeof input === 'string' ? input : '');
      if (!parsed.ok)
        throw new UserFacingError('invalid-settings', `"${String(input)}" is not a site: ${parsed.message}`);
      if (!sites.includes(parsed.site)) sites.push(parsed.site);
    }
    next.autoSubmitSites = sites;
  }
  await area.set({ [KEY]: next });
  return next;
}
