import { createContext, type RefObject } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { Ticker } from '../../lib/ui/ticker';
import type { ViewWatcher } from '../../lib/ui/view-watcher';

/** The screen's one 1-second clock (lib/ui/ticker.ts); AccountList provides it. */
export const TickerContext = createContext<Ticker | null>(null);

/** Says which elements are in view (lib/ui/view-watcher.ts); null: treat everything as in view. */
export const ViewWatcherContext = createContext<ViewWatcher | null>(null);

export function useTicker(): Ticker {
  const ticker = useContext(TickerContext);
  if (!ticker) throw new Error('TickerContext is missing: render inside a TickerContext.Provider.');
  return ticker;
}

/**
 * The time of the latest tick, for a leaf that shows something time-dependent. The component re-renders
 * on a tick only when `shownAt(now)` changes (the seconds left, the code on display), so a tick costs one
 * small render per countdown, and none for the rest of the row.
 *
 * With `visibleWhen`, the leaf follows the clock only while that element is in view, and catches up the
 * moment it comes back: purely visual leaves (countdown rings) out of view cost nothing per tick.
 */
export function useTickTime(
  shownAt: (now: number) => string | number | boolean,
  visibleWhen?: RefObject<Element>,
): number {
  const ticker = useTicker();
  const watcher = useContext(ViewWatcherContext);
  const latest = useRef<number | null>(null);
  latest.current ??= ticker.read();
  const shownAtRef = useRef(shownAt);
  shownAtRef.current = shownAt;
  const shown = useRef<string | number | boolean>('');
  shown.current = shownAt(latest.current);
  const [, setRenders] = useState(0);

  useEffect(() => {
    const onTick = (now: number) => {
      latest.current = now;
      if (shownAtRef.current(now) !== shown.current) setRenders((count) => count + 1);
    };
    let unsubscribe: (() => void) | null = null;
    const follow = (inView: boolean) => {
      if (inView && !unsubscribe) {
        onTick(ticker.read());
        unsubscribe = ticker.subscribe(onTick);
      } else if (!inView && unsubscribe) {
        unsubscribe();
        unsubscribe = null;
      }
    };
    // In view until the watcher says otherwise (its first report comes after the first layout).
    follow(true);
    const element = visibleWhen?.current;
    const unwatch = element && watcher ? watcher.watch(element, follow) : null;
    return () => {
      unwatch?.();
      unsubscribe?.();
    };
  }, [ticker, watcher, visibleWhen]);
  return latest.current;
}
