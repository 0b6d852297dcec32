import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AccountView, BrokenRecord } from '../../../lib/messaging';
import { filterAccounts } from '../../../lib/ui/filter-accounts';
import { earliestExpiry } from '../../../lib/ui/live-code';
import { sortAccounts } from '../../../lib/ui/sort-accounts';
import { createTicker } from '../../../lib/ui/ticker';
import { browserViewWatcher } from '../../../lib/ui/view-watcher';
import { useBoot, useServices } from '../services';
import { FIRST_PAINT_ROWS, MORE_ROWS } from '../../../lib/ui/list-rows';

export interface ListData {
  accounts: AccountView[];
  broken: BrokenRecord[];
  /** Only the first screen's rows (the snapshot's head and the tab's rows): the rest is read after painting. */
  partial?: true;
}

/** Minimum gap between two refetches triggered by expiring codes, in case clocks disagree. */
const REFETCH_GAP_MS = 1000;

export { FIRST_PAINT_ROWS, MORE_ROWS };

/** The tab the list is for: the one given, else the popup's tab (asked once). */
function useListTab(tabIdProp: number | undefined): () => Promise<number | undefined> {
  const { getTabId } = useServices();
  const boot = useBoot();
  const tabId = useRef<{ for: number | undefined; id: Promise<number | undefined> } | null>(null);
  return useCallback((): Promise<number | undefined> => {
    if (tabId.current?.for !== tabIdProp) tabId.current = null;
    tabId.current ??= {
      for: tabIdProp,
      id: tabIdProp !== undefined ? Promise.resolve(tabIdProp) : (boot?.tabId ?? getTabId()),
    };
    return tabId.current.id;
  }, [tabIdProp, getTabId, boot]);
}

/**
 * The accounts of the list and how they are shown: fetched (the first time from the popup's boot
 * request), fetched again once a shown code has expired, sorted, filtered by `query`, and cut to the rows
 * rendered so far (`more` adds some).
 */
export function useAccountList(tabIdProp: number | undefined, query: string) {
  const { send, now: clock } = useServices();
  const boot = useBoot();
  const ticker = useMemo(() => createTicker(clock), [clock]);
  const [viewWatcher] = useState(browserViewWatcher);
  useEffect(() => () => viewWatcher?.disconnect(), [viewWatcher]);
  // why: the rows the first-screen script drew are the first render's, so Preact adopts their elements.
  const [data, setData] = useState<ListData | null>(() =>
    tabIdProp === undefined ? (boot?.takeInitial() ?? null) : null,
  );
  const hadInitial = useRef(data !== null);
  const loaded = useRef(data !== null);
  const [loadError, setLoadError] = useState('');
  /** How many rows may render for `query`: a new query starts again from the first screenful. */
  const [limit, setLimit] = useState({ query, rows: FIRST_PAINT_ROWS });
  const currentTabId = useListTab(tabIdProp);
  const fetching = useRef(false);
  const fetchAgain = useRef(false);
  const lastFetchAt = useRef(0);

  const load = useCallback(async (): Promise<void> => {
    // why: a change made during a fetch must still be seen, so a call while busy queues one more fetch.
    if (fetching.current) {
      fetchAgain.current = true;
      return;
    }
    fetching.current = true;
    lastFetchAt.current = clock();
    // why: the popup asked for the list together with the vault state; the first list for its tab uses that.
    const asked = tabIdProp === undefined ? boot?.takeList() : null;
    try {
      let result: ListData;
      if (asked) {
        const reply = await asked;
        if (!reply.ok) throw reply.error;
        result = reply.value;
      } else {
        const tabId = await currentTabId();
        // why: the snapshot the background keeps current is read directly; the background answers without one.
        // A list's first load (after an unlock) reads the head only, as an open does; the rest after painting.
        const head = loaded.current ? null : await boot?.headList?.(tabId);
        result = head ?? (await boot?.localList?.(tabId)) ?? (await send('listAccounts', { tabId }));
      }
      loaded.current = true;
      setData(result);
      setLoadError('');
    } catch (failure) {
      // why: the error table loads only when there is an error to word.
      setLoadError((await import('../../../lib/ui/error-messages')).errorText(failure));
    } finally {
      fetching.current = false;
    }
    if (fetchAgain.current) {
      fetchAgain.current = false;
      await load();
    }
  }, [send, clock, currentTabId, tabIdProp, boot]);

  // why: a layout effect starts right after the first render; a plain effect would wait for a paint first.
  useLayoutEffect(() => {
    if (hadInitial.current) hadInitial.current = false;
    else void load();
  }, [load]);

  // why: the first screen came from the snapshot's head; every account (for search and scrolling) is read
  // once it has painted (an effect runs after the next frame), so that read never delays the first codes.
  const partial = data?.partial === true;
  useEffect(() => {
    if (partial) void load();
  }, [partial, load]);

  // Fresh codes once a shown code has expired (from the snapshot, else the background). The tick compares
  // one number; nothing re-renders unless the fetch brings new codes.
  const expiresAt = useMemo(() => earliestExpiry(data?.accounts ?? []), [data]);
  useEffect(() => {
    if (expiresAt === Number.POSITIVE_INFINITY) return;
    return ticker.subscribe((now) => {
      if (now >= expiresAt && now - lastFetchAt.current >= REFETCH_GAP_MS) void load();
    });
  }, [ticker, expiresAt, load]);

  const sorted = useMemo(() => sortAccounts(data?.accounts ?? []), [data]);
  const visible = useMemo(() => filterAccounts(sorted, query), [sorted, query]);
  const rowLimit = limit.query === query ? limit.rows : FIRST_PAINT_ROWS;
  const shown = useMemo(() => visible.slice(0, rowLimit), [visible, rowLimit]);
  /** Renders MORE_ROWS more rows of the current list (scrolled or focused near its end). */
  const more = useCallback(() => setLimit({ query, rows: rowLimit + MORE_ROWS }), [query, rowLimit]);

  return { data, loadError, load, currentTabId, ticker, viewWatcher, visible, shown, more };
}
