import type { BackgroundDeps } from './deps';
import { UserFacingError } from './errors';
import { accountAllowedOn } from '../sites/binding';
import { checkSettingsPatch, parseSettings, type Settings } from '../settings';

/**
 * Settings live sealed in the vault (lib/vault/settings-store), read and written only with the data key.
 * why: Chrome exposes storage.local to content scripts by default (and Firefox always does), so a script
 * running on any page could otherwise stretch auto-lock to a day or turn on auto-submit for its site.
 */

/** Where versions before the vault-held settings kept them; read once on unlock, then deleted. */
export const LEGACY_SETTINGS_KEY = 'settings';

/** Whether the (top-frame) origin is on one of the user's per-site lists; every list is empty by default. */
async function listedOn(
  deps: BackgroundDeps,
  dek: Uint8Array,
  list: 'autoSubmitSites' | 'appendCodeSites',
  topOrigin: string,
): Promise<boolean> {
  const sites = (await readSettings(deps, dek))[list] ?? [];
  return sites.length > 0 && accountAllowedOn(topOrigin, sites, await deps.publicSuffixes());
}

/** Whether the user turned on auto-submit for the site of this (top-frame) origin. */
export const autoSubmitOn = (deps: BackgroundDeps, dek: Uint8Array, topOrigin: string) =>
  listedOn(deps, dek, 'autoSubmitSites', topOrigin);

/** Whether the user asked for the code to be appended to the password field on this (top-frame) site. */
export const appendCodeOn = (deps: BackgroundDeps, dek: Uint8Array, topOrigin: string) =>
  listedOn(deps, dek, 'appendCodeSites', topOrigin);

/**
 * The stored settings. Without the Public Suffix List (its file unreadable) the site lists read as empty:
 * nothing is auto-submitted or appended, and the rest of the settings still apply.
 */
export async function readSettings(deps: BackgroundDeps, dek: Uint8Array): Promise<Settings> {
  const suffixes = await deps.publicSuffixes().catch(() => null);
  return parseSettings(await deps.settings.read(dek), suffixes);
}

/** Validates a partial update from the popup or options page and stores the merged result. */
export async function writeSettings(
  deps: BackgroundDeps,
  dek: Uint8Array,
  patch: Partial<Settings>,
): Promise<Settings> {
  // why: required here (throws when unreadable): a merge without it would drop the stored site lists.
  const suffixes = await deps.publicSuffixes();
  const checked = checkSettingsPatch(patch, suffixes);
  if (!checked.ok) throw new UserFacingError('invalid-settings', checked.message);
  return deps.settings.update(dek, (current) => ({ ...parseSettings(current, suffixes), ...checked.value }));
}

/**
 * Runs at every unlock. The first time (no settings row in the vault yet), the settings an older version
 * kept in storage.local are validated and moved into the vault; a new vault starts from the defaults
 * instead (whatever storage.local holds then was not written by us). Later, anything found under the old
 * key is only deleted: a value a content script writes there is never read again.
 */
export async function adoptLegacySettings(
  deps: BackgroundDeps,
  dek: Uint8Array,
  { newVault = false }: { newVault?: boolean } = {},
): Promise<void> {
  try {
    if (!(await deps.settings.exists())) {
      const legacy = newVault ? {} : (await deps.local.get(LEGACY_SETTINGS_KEY))[LEGACY_SETTINGS_KEY];
      const suffixes = await deps.publicSuffixes();
      const adopted = parseSettings(legacy, suffixes);
      await deps.settings.update(dek, (current) =>
        current === null ? adopted : parseSettings(current, suffixes),
      );
    }
    await deps.local.remove(LEGACY_SETTINGS_KEY);
  } catch {
    // why: a vault from a newer build refuses writes; it keeps its own settings and unlocking must still work.
  }
}

/**
 * Chrome lets content scripts read and write storage.local unless told otherwise; this tells it, at every
 * background start (the level is not persisted across browser restarts). Firefox has no such switch for
 * storage.local (only storage.session), which is why settings live in the vault. Never throws.
 */
export async function restrictStorageToExtension(area: object): Promise<boolean> {
  const { setAccessLevel } = area as {
    setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
  };
  if (typeof setAccessLevel !== 'function') return false;
  try {
    await setAccessLevel.call(area, { accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch {
    return false;
  }
}
