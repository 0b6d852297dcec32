/** Called with the time (epoch ms) of each tick. */
export type TickListener = (now: number) => void;

/**
 * One 1-second clock for a whole screen. Only the small components that show time (countdowns, codes)
 * subscribe, so a tick re-renders those leaves and never the list or its rows.
 */
export interface Ticker {
  /** The time now, read from the clock (for a first render or a click between ticks). */
  read(): number;
  /** Adds a listener; returns its removal. The interval runs only while someone listens. */
  subscribe(listener: TickListener): () => void;
}

export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const windowTimers: IntervalTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export function createTicker(
  clock: () => number,
  intervalMs = 1000,
  timers: IntervalTimers = windowTimers,
): Ticker {
  const listeners = new Set<TickListener>();
  let handle: unknown = null;

  function tick() {
    const now = clock();
    // why: a listener may unsubscribe (its row unmounts) while the tick is delivered; iterate a copy.
    for (const listener of [...listeners]) listener(now);
  }

  return {
    read: clock,
    subscribe(listener) {
      listeners.add(listener);
      handle ??= timers.setInterval(tick, intervalMs);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && handle !== null) {
          timers.clearInterval(handle);
          handle = null;
        }
      };
    },
  };
}
