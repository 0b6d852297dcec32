import type { BackgroundDeps } from './deps';
import { originOf } from './router';

/** Origin of the page in a tab, or null for missing tabs and non-web pages. */
export async function originOfTab(deps: BackgroundDeps, tabId: number | undefined): Promise<string | null> {
  if (tabId === undefined || !Number.isInteger(tabId) || tabId < 0) return null;
  const url = await deps.tabUrl(tabId).catch(() => undefined);
  const origin = originOf(url);
  return origin && /^https?:/.test(origin) ? origin : null;
}
