/** Reads `?tabId=N` from the popup URL's query (tests open the popup as a tab aimed at another tab). */
export function tabIdFromSearch(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const tabId = Number(raw);
  return Number.isSafeInteger(tabId) ? tabId : undefined;
}

export interface TabsQuery {
  query(info: { active: boolean; lastFocusedWindow: boolean }): Promise<Array<{ id?: number }>>;
}

/** The tab the popup acts on: `?tabId=N` if given, else the active tab of the last-focused window. */
export async function resolveTabId(search: string, tabs: TabsQuery): Promise<number | undefined> {
  const fromUrl = tabIdFromSearch(search);
  if (fromUrl !== undefined) return fromUrl;
  try {
    const [active] = await tabs.query({ active: true, lastFocusedWindow: true });
    return active?.id;
  } catch {
    return undefined;
  }
}
