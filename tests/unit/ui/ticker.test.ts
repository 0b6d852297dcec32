import { describe, expect, it } from 'vitest';
import { createTicker, type IntervalTimers } from '../../../lib/ui/ticker';

function manualTimers() {
  const running = new Map<number, () => void>();
  let next = 1;
  const timers: IntervalTimers = {
    setInterval: (callback) => {
      running.set(next, callback);
      return next++;
    },
    clearInterval: (handle) => void running.delete(handle as number),
  };
  return { timers, running, fire: () => [...running.values()].forEach((callback) => callback()) };
}

describe('ticker', () => {
  it('runs one interval while someone listens, and none before or after', () => {
    const { timers, running } = manualTimers();
    const ticker = createTicker(() => 0, 1000, timers);
    expect(running.size).toBe(0);
    const stopA = ticker.subscribe(() => {});
    const stopB = ticker.subscribe(() => {});
    expect(running.size).toBe(1);
    stopA();
    expect(running.size).toBe(1);
    stopB();
    expect(running.size).toBe(0);
  });

  it('gives every listener the same time on a tick', () => {
    const { timers, fire } = manualTimers();
    let clock = 1000;
    const ticker = createTicker(() => clock++, 1000, timers);
    const seen: number[] = [];
    ticker.subscribe((now) => seen.push(now));
    ticker.subscribe((now) => seen.push(now));
    fire();
    expect(seen).toEqual([1000, 1000]);
  });

  it('lets a listener leave during a tick without skipping the others', () => {
    const { timers, fire } = manualTimers();
    const ticker = createTicker(() => 5, 1000, timers);
    const seen: string[] = [];
    const stopFirst = ticker.subscribe(() => {
      seen.push('first');
      stopFirst();
    });
    ticker.subscribe(() => seen.push('second'));
    fire();
    fire();
    expect(seen).toEqual(['first', 'second', 'second']);
  });

  it('reads the clock between ticks', () => {
    let clock = 42;
    const ticker = createTicker(() => clock, 1000, manualTimers().timers);
    clock = 43;
    expect(ticker.read()).toBe(43);
  });
});
