// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveCode, LiveCountdown } from '../../../components/popup/accounts/LiveCode';
import { TickerContext, ViewWatcherContext } from '../../../components/hooks/use-tick-time';
import { createTicker } from '../../../lib/ui/ticker';
import type { ViewWatcher } from '../../../lib/ui/view-watcher';
import { account, NOW } from './harness';

const host = document.createElement('div');
afterEach(() => {
  void act(() => render(null, host));
});

/** A ticker driven by hand, and a view watcher whose reports the test makes. */
function setup() {
  let clock = NOW;
  let fire = () => {};
  let intervals = 0;
  const ticker = createTicker(() => clock, 1000, {
    setInterval: (callback) => {
      fire = callback;
      intervals += 1;
      return intervals;
    },
    clearInterval: () => {
      fire = () => {};
    },
  });
  const reports = new Map<Element, (inView: boolean) => void>();
  const watcher: ViewWatcher = {
    watch: (element, onChange) => {
      reports.set(element, onChange);
      return () => reports.delete(element);
    },
    disconnect: () => reports.clear(),
  };
  return {
    ticker,
    watcher,
    tick: (ms: number) =>
      act(() => {
        clock += ms;
        fire();
      }),
    report: (inView: boolean) =>
      act(() => {
        for (const onChange of reports.values()) onChange(inView);
      }),
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

const seconds = () => host.querySelector<HTMLElement>('[data-testid="countdown"]')?.dataset.seconds;
const code = () => host.querySelector<HTMLElement>('[data-testid="account-code"]')?.dataset.code;

describe('live code leaves', () => {
  it('count down on each tick, and roll over to the next code when the period ends', async () => {
    const { ticker, watcher, tick } = setup();
    const shown = account({ id: 'a', code: '111111', nextCode: '222222', validUntil: NOW + 2_000 });
    void act(() =>
      render(
        <TickerContext.Provider value={ticker}>
          <ViewWatcherContext.Provider value={watcher}>
            <LiveCode account={shown} hotpCode={undefined} />
            <LiveCountdown account={shown} />
          </ViewWatcherContext.Provider>
        </TickerContext.Provider>,
        host,
      ),
    );
    expect([code(), seconds()]).toEqual(['111111', '2']);
    await tick(1000);
    expect([code(), seconds()]).toEqual(['111111', '1']);
    await tick(1000);
    expect([code(), seconds()]).toEqual(['222222', '30']);
  });

  it('stop following the clock out of view, and catch up when back', async () => {
    const { ticker, watcher, tick, report, advance } = setup();
    const shown = account({ id: 'a', validUntil: NOW + 20_000 });
    void act(() =>
      render(
        <TickerContext.Provider value={ticker}>
          <ViewWatcherContext.Provider value={watcher}>
            <LiveCountdown account={shown} />
          </ViewWatcherContext.Provider>
        </TickerContext.Provider>,
        host,
      ),
    );
    expect(seconds()).toBe('20');
    await report(false);
    await tick(1000);
    expect(seconds()).toBe('20');
    advance(2000);
    await report(true);
    expect(seconds()).toBe('17');
  });

  it('say the code digit by digit to screen readers, and hide the grouped one from them', () => {
    const { ticker, watcher } = setup();
    const shown = account({ id: 'a', code: '123456', nextCode: '654321', validUntil: NOW + 2_000 });
    void act(() =>
      render(
        <TickerContext.Provider value={ticker}>
          <ViewWatcherContext.Provider value={watcher}>
            <LiveCode account={shown} hotpCode={undefined} />
          </ViewWatcherContext.Provider>
        </TickerContext.Provider>,
        host,
      ),
    );
    expect(host.querySelector('[data-testid="account-code"]')?.getAttribute('aria-hidden')).toBe('true');
    expect([...host.querySelectorAll('.sr-only')].map((e) => e.textContent)).toEqual([
      '1 2 3 4 5 6',
      '6 5 4 3 2 1',
    ]);
  });
});
