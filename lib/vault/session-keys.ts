/**
 * Where the unlocked session lives in `storage.session`. Apart from session.ts (which wraps and unwraps the
 * key) so the popup can name these keys without loading the vault's crypto.
 */
import { SNAPSHOT_KEY, TOUCH_KEY } from './popup-snapshot';

export const SESSION_STORAGE_KEY = 'vaultSession';

/** Everything that lives and dies with the unlocked key: the key, the popup's snapshot, the popup's touch. */
export const UNLOCKED_STATE_KEYS = [SESSION_STORAGE_KEY, SNAPSHOT_KEY, TOUCH_KEY];
