/**
 * The popup's first screen before its app has loaded. A small classic script in the popup's <head>
 * (entrypoints/first-screen.ts) starts the popup's first reads (the snapshot's head and the tab) the moment
 * the page starts, and, when the vault is unlocked, draws the list's first rows with live codes
 * (first-screen-dom.ts). The app (a module graph several times larger, evaluated tens of ms later) takes
 * the same reads over instead of asking again, and, when the rows were drawn, renders its first frame from
 * the same data, so Preact adopts the drawn elements rather than replacing them.
 *
 * Nothing here decides more than what the app would show: the same session checks (a passed deadline
 * shows nothing; the app then locks), the same snapshot parts, the same sort and the same codes.
 */
import type { FirstReads, FirstScreen, FirstTab } from './first-screen-handoff';
import { liveDeadline, periodEnd, viewsFromSnapshot, type CodeFn, type LocalArea } from './snapshot-views';
import { readTabRows, withTabRows } from './tab-rows';
import { tabIdFromSearch } from './tab-id';
import { subtleCodes } from '../otp/subtle-codes';
import {
  HEAD_KEY,
  SNAPSHOT_KEY,
  parseHead,
  parseIndex,
  type PopupSnapshot,
  type SnapshotAccount,
} from '../vault/popup-snapshot';

export type { FirstReads, FirstScreen, FirstScreenHandoff, FirstTab } from './first-screen-handoff';
export { FIRST_SCREEN_GLOBAL, claimFirstScreen } from './first-screen-handoff';

/** The slice of the extension API the first reads use (chrome.* / browser.* both fit). */
export interface FirstReadApi {
  storage: { session: Pick<LocalArea, 'get'> };
  tabs: {
    query(info: {
      active: boolean;
      lastFocusedWindow: boolean;
    }): Promise<Array<{ id?: number; url?: string }>>;
    get(tabId: number): Promise<{ url?: string }>;
  };
}

/**
 * Starts both reads at once. The tab comes from `?tabId=N` (tests aim the popup at another tab) or the
 * active tab of the last-focused window; one call gives its id and URL (no second `tabs.get`).
 */
export function startFirstReads(api: FirstReadApi, search: string, keys: string[]): FirstReads {
  const fromUrl = tabIdFromSearch(search);
  const values = api.storage.session.get(keys);
  const tab: Promise<FirstTab> =
    fromUrl !== undefined
      ? api.tabs.get(fromUrl).then(
          (found) => ({ id: fromUrl, url: found.url }),
          () => ({ id: fromUrl, url: undefined }),
        )
      : api.tabs.query({ active: true, lastFocusedWindow: true }).then(
          ([active]) => ({ id: active?.id, url: active?.url }),
          () => ({ id: undefined, url: undefined }),
        );
  return { values, tab };
}

/**
 * The first screen for these reads, or null when the app must decide (locked, deadline passed, no
 * snapshot yet, an empty vault, or a snapshot changed between two reads).
 */
export async function prepareFirstScreen(
  values: Record<string, unknown>,
  tab: FirstTab,
  session: Pick<LocalArea, 'get'>,
  now: number,
  subtle: SubtleCrypto,
): Promise<FirstScreen | null> {
  if (typeof liveDeadline(values, now) !== 'number') return null;
  const index = parseIndex(values[SNAPSHOT_KEY]);
  const head = index && parseHead(values[HEAD_KEY]);
  if (!index || !head) return null;
  const { rows, broken, backup, idleMs, count } = head;
  let snapshot: PopupSnapshot = { accounts: rows, broken, backup, idleMs, complete: rows.length === count };
  if (!snapshot.complete && /^https?:/u.test(tab.url ?? '')) {
    const tabRows = await readTabRows(session, tab.url, index.gen);
    if (!tabRows) return null;
    if (tabRows.length > 0) snapshot = withTabRows(snapshot, tabRows);
  }
  if (snapshot.accounts.length === 0) return null;
  const codeOf = await codesAhead(subtle, snapshot.accounts, now);
  const list = viewsFromSnapshot(snapshot, now, tab.url, codeOf);
  return { list, snapshot, tab, idleMs };
}

/**
 * Every code the first screen's views can read (a time-based row's code at `now` and at its period's end,
 * the next code), computed at once by WebCrypto: at most two head's worth of rows. The views look them up.
 */
async function codesAhead(
  subtle: SubtleCrypto,
  rows: readonly SnapshotAccount[],
  now: number,
): Promise<CodeFn> {
  const codes = new Map<string, string>();
  const timeBased = rows.filter((row) => row.kind !== 'hotp');
  await Promise.all(
    timeBased.map(async (row) => {
      const times = [now, periodEnd(row.period, now)];
      const found = await subtleCodes(subtle, { ...row, counter: 0 }, times);
      times.forEach((at, i) => codes.set(`${row.id} ${at}`, found[i]!));
    }),
  );
  return (account, at) => codes.get(`${account.id} ${at}`) ?? '';
}
