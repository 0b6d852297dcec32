import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AccountView, BrokenRecord } from '../../../lib/messaging';
import { errorText } from '../../../lib/ui/error-messages';
import { filterAccounts } from '../../../lib/ui/filter-accounts';
import { earliestExpiry } from '../../../lib/ui/live-code';
import { sortAccounts } from '../../../lib/ui/sort-accounts';
import { createTicker } from '../../../lib/ui/ticker';
import { browserViewWatcher } from '../../../lib/ui/view-watcher';
import { useBoot, useServices } from '../services';

export interface ListData {
  accounts: AccountView[];
  broken: BrokenRecord[];
  /** Only the first screen's rows (the snapshot's head and the tab's rows): the rest is read after painting. */
  partial?: true;
}

/** Minimum gap between two refetches triggered by expiring codes, in case clocks disagree. */
const REFETCH_GAP_MS = 1000;

/**
 * A list renders its first FIRST_PAINT_ROWS rows (what a 360×600 popup shows, plus a couple), lets them
 * paint, then renders the rest CHUNK_ROWS at a time, one task each, so the first screenful never waits for
 * the other rows and no later task blocks input for long. Search filters every account, rendered or not.
 */
export const FIRST_PAINT_ROWS = 12;
export const CHUNK_ROWS = 150;

/** Runs `callback` after the next paint (a frame, then a task), or soon where there are no frames. */
function afterNextPaint(callback: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (typeof requestAnimationFrame !== 'function') {
    timer = setTimeout(callback, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(callback, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

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
 * request), fetched again once a shown code has expired, sorted, filtered by `query`, and cut to the first
 * screenful until that has painted.
 */
export function useAccountList(tabIdProp: number | undefined, query: string) {
  const { send, now: clock } = useServices();
  const boot = useBoot();
  const ticker = useMemo(() => createTicker(clock), [clock]);
  const [viewWatcher] = useState(browserViewWatcher);
  useEffect(() => () => viewWatcher?.disconnect(), [viewWatcher]);
  const [data, setData] = useState<ListData | null>(null);
  const [loadError, setLoadError] = useState('');
  /** How many rows may render: FIRST_PAINT_ROWS until those have painted, then growing by CHUNK_ROWS. */
  const [rowLimit, setRowLimit] = useState(FIRST_PAINT_ROWS);
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
        result = (await boot?.localList?.(tabId)) ?? (await send('listAccounts', { tabId }));
      }
      setData(result);
      setLoadError('');
    } catch (failure) {
      setLoadError(errorText(failure));
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
    void load();
  }, [load]);

  // why: the first screen came from the snapshot's head; every account (for search and scrolling) is read
  // once it has painted, so that read never delays the first codes.
  const partial = data?.partial === true;
  useEffect(() => (partial ? afterNextPaint(() => void load()) : undefined), [partial, load]);

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
  const total = sorted.length;
  useEffect(() => {
    if (total <= rowLimit) return;
    // why: the first chunk waits for the first screen's paint; later ones only yield to input between tasks.
    if (rowLimit === FIRST_PAINT_ROWS) return afterNextPaint(() => setRowLimit(rowLimit + CHUNK_ROWS));
    const timer = setTimeout(() => setRowLimit(rowLimit + CHUNK_ROWS), 0);
    return () => clearTimeout(timer);
  }, [total, rowLimit]);
  const shown = useMemo(
    () => (visible.length <= rowLimit ? visible : visible.slice(0, rowLimit)),
    [visible, rowLimit],
  );

  return { data, loadError, load, currentTabId, ticker, viewWatcher, visible, shown };
}
