/**
 * The field watch's cost is bounded: bursts of mutations are coalesced into a few scans, one callback looks at
 * a bounded number of nodes, slow scans push the next one out (a share of the main thread), and focus
 * requests are coalesced too. Driven by a fake clock, timers and MutationObserver, so counts are exact.
 */
import { describe, expect, it } from 'vitest';
import { MAX_NODES_PER_CALLBACK, SCAN_BUDGET_SHARE, watchForFields } from '../../../lib/content/field-watch';

const INTERVAL_MS = 400;

function fakeWorld() {
  let clock = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let callback: ((records: MutationRecord[]) => void) | undefined;
  let observing = false;
  const view = {
    performance: { now: () => clock },
    setTimeout: (fn: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: clock + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout: (id: number) => void timers.delete(id),
    MutationObserver: class {
      constructor(cb: (records: MutationRecord[]) => void) {
        callback = cb;
      }
      observe() {
        observing = true;
      }
      disconnect() {
        observing = false;
      }
    },
  } as unknown as Window;
  /** Advances the clock to `to`, firing due timers in order. */
  const advance = (to: number) => {
    for (;;) {
      const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > to) break;
      timers.delete(next[0]);
      clock = Math.max(clock, next[1].at);
      next[1].fn();
    }
    clock = to;
  };
  const element = { nodeType: 1 } as Node;
  const text = { nodeType: 3 } as Node;
  const record = (nodes: Node[]) => ({ addedNodes: nodes }) as unknown as MutationRecord;
  const mutate = (records: MutationRecord[]) => {
    if (observing) callback?.(records);
  };
  return {
    view,
    advance,
    mutate,
    record,
    element,
    text,
    now: () => clock,
    setClock: (t: number) => (clock = t),
    pending: () => timers.size,
  };
}

function start(
  world: ReturnType<typeof fakeWorld>,
  scanCost = 0,
  isOwnNode: (n: Node) => boolean = () => false,
) {
  const scans: number[] = [];
  const lifetime = new AbortController();
  const watch = watchForFields({
    view: world.view,
    root: {} as Node,
    intervalMs: INTERVAL_MS,
    onChange: () => {
      scans.push(world.now());
      world.setClock(world.now() + scanCost);
    },
    isOwnNode,
    signal: lifetime.signal,
  });
  return { scans, watch, lifetime };
}

describe('field watch: bounded cost', () => {
  it('a burst of 1,000 mutations, one every 2 ms, triggers a bounded number of scans', () => {
    const world = fakeWorld();
    const { scans } = start(world);
    for (let i = 0; i < 1000; i++) {
      world.advance(i * 2);
      world.mutate([world.record([world.element])]);
    }
    world.advance(2000 + 1000);
    // 2 s of churn: at most one scan per interval, plus the one after the page settles.
    expect(scans.length).toBeGreaterThanOrEqual(1);
    expect(scans.length).toBeLessThanOrEqual(Math.ceil(2000 / INTERVAL_MS) + 1);
    for (let i = 1; i < scans.length; i++) {
      expect((scans[i] as number) - (scans[i - 1] as number)).toBeGreaterThanOrEqual(INTERVAL_MS);
    }
  });

  it('a page adding 2,000 inputs over 2,000 mutations (4 per animation frame): never two scans in one frame', () => {
    const world = fakeWorld();
    const { scans } = start(world, 2);
    const FRAME_MS = 1000 / 60;
    for (let i = 0; i < 2000; i++) {
      world.advance(i * (FRAME_MS / 4));
      world.mutate([world.record([world.element])]);
    }
    const churnMs = 2000 * (FRAME_MS / 4);
    world.advance(churnMs + 2000);
    const frames = scans.map((t) => Math.floor(t / FRAME_MS));
    expect(new Set(frames).size).toBe(frames.length);
    // why: far fewer than one per frame: at most one per interval, plus the one after the page settles.
    expect(scans.length).toBeGreaterThanOrEqual(1);
    expect(scans.length).toBeLessThanOrEqual(Math.ceil(churnMs / INTERVAL_MS) + 1);
  });

  it('1,000 mutations within one task are one scan', () => {
    const world = fakeWorld();
    const { scans } = start(world);
    for (let i = 0; i < 1000; i++) world.mutate([world.record([world.element])]);
    world.advance(5000);
    expect(scans.length).toBe(1);
  });

  it('one callback looks at a bounded number of added nodes, and at none once a scan is scheduled', () => {
    const world = fakeWorld();
    let looked = 0;
    const { scans } = start(world, 0, () => {
      looked++;
      return true; // everything is "ours": the callback cannot stop early on a relevant node
    });
    const flood = Array.from({ length: 10_000 }, () => world.record([world.element]));
    world.mutate(flood);
    expect(looked).toBeLessThanOrEqual(MAX_NODES_PER_CALLBACK);
    // why: past the bound it schedules a scan rather than reading on.
    expect(world.pending()).toBe(1);
    looked = 0;
    world.mutate(flood);
    expect(looked).toBe(0);
    world.advance(1000);
    expect(scans.length).toBe(1);
  });

  it('text-only additions and our own nodes schedule nothing', () => {
    const world = fakeWorld();
    const own = { nodeType: 1, own: true } as unknown as Node;
    const { scans } = start(world, 0, (n) => (n as unknown as { own?: boolean }).own === true);
    world.mutate([world.record([world.text, own, world.text])]);
    world.advance(5000);
    expect(scans.length).toBe(0);
  });

  it('a slow scan pushes the next one out: scans stay within their share of the main thread', () => {
    const world = fakeWorld();
    const cost = 100; // ms per scan (a huge page on a slow machine)
    const { scans } = start(world, cost);
    for (let t = 0; t < 10_000; t += 5) {
      world.advance(t);
      world.mutate([world.record([world.element])]);
    }
    world.advance(20_000);
    const busy = scans.length * cost;
    expect(busy / 10_000).toBeLessThanOrEqual(SCAN_BUDGET_SHARE + 0.02);
    for (let i = 1; i < scans.length; i++) {
      expect((scans[i] as number) - (scans[i - 1] as number)).toBeGreaterThanOrEqual(
        cost / SCAN_BUDGET_SHARE,
      );
    }
  });

  it('focus requests run promptly, coalesced, and within the budget', () => {
    const world = fakeWorld();
    const { scans, watch } = start(world, 5);
    for (let i = 0; i < 100; i++) watch.request();
    world.advance(0);
    expect(scans).toEqual([0]);
    // 100 focus changes over one second (tabbing through a big form): at most one scan per 5 / share ms.
    for (let t = 10; t <= 1000; t += 10) {
      world.advance(t);
      watch.request();
    }
    world.advance(2000);
    expect(scans.length).toBeLessThanOrEqual(Math.ceil(1000 / (5 / SCAN_BUDGET_SHARE)) + 2);
    expect(scans.length).toBeGreaterThan(1);
  });

  it('after abort, nothing is scheduled or run', () => {
    const world = fakeWorld();
    const { scans, watch, lifetime } = start(world);
    world.mutate([world.record([world.element])]);
    lifetime.abort();
    watch.request();
    world.mutate([world.record([world.element])]);
    world.advance(5000);
    expect(scans.length).toBe(0);
    expect(world.pending()).toBe(0);
  });
});
