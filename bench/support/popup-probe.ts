/**
 * Instrumentation added to popup.html from outside (a Playwright init script, run before the popup's own
 * scripts); no component is changed. It records, in the page's own clock (performance.now(), 0 = navigation
 * start of popup.html):
 *  - when the first and when all `expected` `[data-testid="account-code"][data-code]` elements carry a code
 *    (MutationObserver), then the same moment after a forced style + layout, then the next frame;
 *  - every runtime.sendMessage round trip (type, start, end, and when the tasks it triggered settled);
 *  - every setInterval tick: its callback plus the Preact render it scheduled (a microtask queued after the
 *    callback runs after Preact's), and the forced layout after it;
 * and lets the bench move the popup's clock (`Date.now`) forward to make codes expire on demand.
 */
export interface MessageTiming {
  type: string;
  start: number;
  end: number;
  /** A task queued when the reply arrived: the popup's continuation and its render ran before it. */
  settled: number | null;
}

export interface TickTiming {
  start: number;
  /** After the callback and the render microtasks it queued. */
  rendered: number;
  /** After forcing style and layout. */
  laidOut: number;
}

export interface PopupProbe {
  expected: number;
  firstCodeAt: number | null;
  allCodesAt: number | null;
  allCodesLaidOutAt: number | null;
  nextFrameAt: number | null;
  messages: MessageTiming[];
  ticks: TickTiming[];
  shiftClock(ms: number): void;
}

/** Runs in the page before any popup script; must be self-contained (it is sent as source). */
export function installPopupProbe(expected: number): void {
  let clockOffset = 0;
  const probe: PopupProbe = {
    expected,
    firstCodeAt: null,
    allCodesAt: null,
    allCodesLaidOutAt: null,
    nextFrameAt: null,
    messages: [],
    ticks: [],
    shiftClock: (ms) => {
      clockOffset = ms;
    },
  };
  (window as unknown as { __benchProbe: PopupProbe }).__benchProbe = probe;

  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + clockOffset;

  const afterTasks = (done: (at: number) => void) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now());
    channel.port2.postMessage(0);
  };

  const selector = '[data-testid="account-code"]';
  const observer = new MutationObserver(() => {
    let withCode = 0;
    for (const element of document.querySelectorAll(selector))
      if (element.getAttribute('data-code')) withCode++;
    if (withCode > 0 && probe.firstCodeAt === null) probe.firstCodeAt = performance.now();
    if (withCode < expected) return;
    probe.allCodesAt = performance.now();
    observer.disconnect();
    // why: reading offsetHeight forces the style and layout work the browser would otherwise do before paint.
    void document.body.offsetHeight;
    probe.allCodesLaidOutAt = performance.now();
    requestAnimationFrame(() => afterTasks((at) => (probe.nextFrameAt = at)));
  });
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-code'],
  });

  type Runtime = { sendMessage: (...args: unknown[]) => Promise<unknown> };
  const g = globalThis as unknown as { browser?: { runtime?: Runtime }; chrome?: { runtime?: Runtime } };
  const wrapped = new Set<Runtime>();
  for (const runtime of [g.chrome?.runtime, g.browser?.runtime]) {
    if (!runtime || wrapped.has(runtime)) continue;
    wrapped.add(runtime);
    const original = runtime.sendMessage;
    runtime.sendMessage = (...args: unknown[]) => {
      const message = args[0] as { type?: unknown } | undefined;
      const timing: MessageTiming = {
        type: String(message?.type ?? '?'),
        start: performance.now(),
        end: 0,
        settled: null,
      };
      probe.messages.push(timing);
      return original.apply(runtime, args).then((reply) => {
        timing.end = performance.now();
        afterTasks((at) => (timing.settled = at));
        return reply;
      });
    };
  }

  const originalSetInterval = window.setInterval.bind(window);
  window.setInterval = ((handler: unknown, timeout?: number, ...rest: unknown[]) => {
    if (typeof handler !== 'function') return originalSetInterval(handler as string, timeout, ...rest);
    const timed = (...args: unknown[]) => {
      const start = performance.now();
      (handler as (...a: unknown[]) => void)(...args);
      queueMicrotask(() => {
        const rendered = performance.now();
        void document.body.offsetHeight;
        probe.ticks.push({ start, rendered, laidOut: performance.now() });
      });
    };
    return originalSetInterval(timed, timeout, ...rest);
  }) as typeof window.setInterval;
}
