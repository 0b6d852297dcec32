/**
 * Instrumentation added to popup.html from outside (a Playwright init script, run before the popup's own
 * scripts); no component is changed and only the DOM is read, so it measures whatever the popup's internals
 * are. It records, in the page's own clock (performance.now(), 0 = navigation start of popup.html):
 *  - when the first and the first `firstScreen` `[data-testid="account-code"]` elements carry a non-empty
 *    `data-code` (MutationObserver), and when the list is complete (its `data-total` is `total`, every
 *    rendered row, `data-rendered`, carries a code), each followed by a forced style + layout; after the
 *    first screen and the complete list, the next frame and a task after it (the page could then handle
 *    input);
 *  - the last `submit` event of the page (the unlock form's), for unlock → codes;
 *  - every runtime.sendMessage round trip (type, start, end).
 */
export interface MessageTiming {
  type: string;
  start: number;
  end: number;
}

export interface ProbeOptions {
  /** Codes on the first screen (a 360×600 popup shows about 10 rows). */
  firstScreen: number;
  /** Rows of the whole list. */
  total: number;
}

export interface PopupProbe extends ProbeOptions {
  firstCodeAt: number | null;
  /** The first screen's codes in the DOM. */
  allCodesAt: number | null;
  /** …then style and layout forced: "first screen of live codes". */
  allCodesLaidOutAt: number | null;
  nextFrameAt: number | null;
  /** Every account in the list and its rendered rows' codes in the DOM, laid out, a frame and a task later. */
  allRowsAt: number | null;
  allRowsLaidOutAt: number | null;
  allRowsInteractiveAt: number | null;
  submitAt: number | null;
  messages: MessageTiming[];
}

/** Runs in the page before any popup script; must be self-contained (it is sent as source). */
export function installPopupProbe({ firstScreen, total }: ProbeOptions): void {
  const probe: PopupProbe = {
    firstScreen,
    total,
    firstCodeAt: null,
    allCodesAt: null,
    allCodesLaidOutAt: null,
    nextFrameAt: null,
    allRowsAt: null,
    allRowsLaidOutAt: null,
    allRowsInteractiveAt: null,
    submitAt: null,
    messages: [],
  };
  (window as unknown as { __benchProbe: PopupProbe }).__benchProbe = probe;

  const afterTasks = (done: (at: number) => void) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now());
    channel.port2.postMessage(0);
  };
  const afterNextFrame = (done: (at: number) => void) => requestAnimationFrame(() => afterTasks(done));

  // why: capture phase, so it runs before the form's own handler starts the unlock.
  document.addEventListener('submit', () => (probe.submitAt = performance.now()), true);

  // why: one native selector count per mutation batch; a loop in JS over 5,000 rows would slow the page.
  const withCode = '[data-testid="account-code"][data-code]:not([data-code=""])';
  const observer = new MutationObserver(() => {
    const count = document.querySelectorAll(withCode).length;
    if (count > 0 && probe.firstCodeAt === null) probe.firstCodeAt = performance.now();
    if (count >= firstScreen && probe.allCodesAt === null) {
      probe.allCodesAt = performance.now();
      // why: reading offsetHeight forces the style and layout work the browser would otherwise do before paint.
      void document.body.offsetHeight;
      probe.allCodesLaidOutAt = performance.now();
      afterNextFrame((at) => (probe.nextFrameAt = at));
    }
    // why: the popup renders rows on demand; the list is complete once it holds every account and the
    // rows it rendered carry their codes.
    const list = document.querySelector('[data-testid="account-list"]');
    const rendered = Number(list?.getAttribute('data-rendered'));
    const complete = list?.getAttribute('data-total') === String(total) && rendered > 0 && count >= rendered;
    if (complete && probe.allRowsAt === null) {
      probe.allRowsAt = performance.now();
      void document.body.offsetHeight;
      probe.allRowsLaidOutAt = performance.now();
      observer.disconnect();
      afterNextFrame((at) => (probe.allRowsInteractiveAt = at));
    }
  });
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-code', 'data-total', 'data-rendered'],
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
      const timing: MessageTiming = { type: String(message?.type ?? '?'), start: performance.now(), end: 0 };
      probe.messages.push(timing);
      return original.apply(runtime, args).then((reply) => {
        timing.end = performance.now();
        return reply;
      });
    };
  }
}
