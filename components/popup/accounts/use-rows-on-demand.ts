import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import type * as ListWatch from './list-watch';

type Chunk = typeof ListWatch;
/** The chunk once loaded: later renders watch again at once, with no moment without the arrow keys. */
let loaded: Chunk | undefined;

/**
 * The list's arrow keys, and while `list` shows fewer rows than it has, more rows (`more`) as its end
 * nears the view or focus reaches its last row (list-watch.ts, loaded after the first screen). Rows may
 * differ in height (a Fill button, an open menu or editor), so nothing is computed from heights: the watch
 * is set up again after each render that added rows, and an observer's first report says whether the new
 * end is still near. A layout effect: the watch changes in the same step as the rows, so an event right after
 * a render (focus in the new last row, once a search is cleared) never meets the previous render's watch.
 */
export function useRowsOnDemand(list: RefObject<Element>, rendered: number, total: number, more: () => void) {
  useLayoutEffect(() => {
    const rows = list.current;
    if (!rows) return;
    const watch = (chunk: Chunk) => (loaded = chunk).watchList(rows, rendered < total ? more : null);
    if (loaded) return watch(loaded);
    const undo = import('./list-watch').then(watch);
    // why: undone a microtask later at worst, before any event or observer report could call `more`.
    return () => void undo.then((stop) => stop());
  }, [list, rendered, total, more]);
}
