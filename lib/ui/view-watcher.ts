/** The part of IntersectionObserver the watcher uses (injected, so tests can drive it). */
export interface IntersectionObserverLike {
  observe(target: Element): void;
  unobserve(target: Element): void;
  disconnect(): void;
}

export type IntersectionObserverFactory = (
  callback: (entries: ReadonlyArray<{ target: Element; isIntersecting: boolean }>) => void,
) => IntersectionObserverLike;

/** Tells elements when they enter or leave the visible part of the page, with one observer for all. */
export interface ViewWatcher {
  watch(element: Element, onChange: (inView: boolean) => void): () => void;
  disconnect(): void;
}

/**
 * One IntersectionObserver shared by every countdown of the list: a countdown out of view stops
 * following the clock, so a 1-second tick costs the same with 10 accounts as with 1,000.
 */
export function createViewWatcher(createObserver: IntersectionObserverFactory): ViewWatcher {
  const listeners = new Map<Element, (inView: boolean) => void>();
  const observer = createObserver((entries) => {
    for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
  });
  return {
    watch(element, onChange) {
      listeners.set(element, onChange);
      observer.observe(element);
      return () => {
        listeners.delete(element);
        observer.unobserve(element);
      };
    },
    disconnect() {
      listeners.clear();
      observer.disconnect();
    },
  };
}

/** The browser's observer, or null where there is none (then everything counts as in view). */
export function browserViewWatcher(): ViewWatcher | null {
  if (typeof IntersectionObserver !== 'function') return null;
  return createViewWatcher((callback) => new IntersectionObserver(callback));
}
