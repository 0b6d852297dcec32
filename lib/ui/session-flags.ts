/** The part of a `browser.storage` area the flags need. */
export interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Prefix of every key, so UI flags never collide with what the background keeps in the same area. */
export const SESSION_FLAG_PREFIX = 'uiFlag:';

/**
 * Yes/no flags kept in `storage.session` (cleared when the browser closes), e.g. "backup reminder
 * dismissed". A storage failure reads as "not set": the worst case is a reminder shown again.
 */
export function createSessionFlags(area: StorageAreaLike) {
  return {
    async get(name: string): Promise<boolean> {
      const key = SESSION_FLAG_PREFIX + name;
      try {
        return (await area.get(key))[key] === true;
      } catch {
        return false;
      }
    },
    async set(name: string): Promise<void> {
      await area.set({ [SESSION_FLAG_PREFIX + name]: true });
    },
  };
}
