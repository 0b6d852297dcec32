/**
 * Re-runs detection when the page changes (SPAs render the MFA step late), with a bounded cost:
 * - a mutation callback inspects at most a fixed number of added nodes and, once a scan is scheduled, none;
 * - mutations and focus requests are coalesced into one scan, after the page settles;
 * - scans are spaced by at least `intervalMs`, and by more when a scan was slow: detection never takes more
 *   than a fixed share of the page's main thread, whatever the page size or churn rate.
 */
export interface FieldWatchOptions {
  view: Window;
  root: Node;
  /** Minimum ms between two mutation-driven scans. */
  intervalMs: number;
  onChange(): void;
  /** Nodes we add ourselves (our button) must not trigger detection. */
  isOwnNode(node: Node): boolean;
  /** Ends the watch: the observer disconnects and a pending detection is dropped. */
  signal: AbortSignal;
}

export interface FieldWatch {
  /**
   * Asks for a scan soon (a focus: a field may have been revealed by a class change the observer ignores, or
   * the vault unlocked since). Runs in its own task as soon as the budget allows; requests in a burst are one.
   */
  request(): void;
}

/** Added nodes one mutation callback looks at before it just assumes a field may have come. */
export const MAX_NODES_PER_CALLBACK = 256;
/** Share of the main thread scans may take: after a scan of d ms, the next waits at least d / share. */
export const SCAN_BUDGET_SHARE = 0.1;
/** Pause after the last mutation before a mutation-driven scan (the page is still rendering). */
const SETTLE_MS = 50;

export function watchForFields({
  view,
  root,
  intervalMs,
  onChange,
  isOwnNode,
  signal,
}: FieldWatchOptions): FieldWatch {
  let timer: number | undefined;
  let due = Infinity;
  let lastRun = -Infinity;
  let lastCost = 0;
  const now = () => view.performance.now();
  // why: a slow scan (a huge page) pushes the next one further out, so scans stay under their share.
  const budgetGap = () => lastCost / SCAN_BUDGET_SHARE;

  const run = () => {
    timer = undefined;
    due = Infinity;
    if (signal.aborted) return;
    const start = now();
    lastRun = start;
    onChange();
    lastCost = Math.max(0, now() - start);
  };
  /** Schedules one scan no earlier than `earliest` (page clock); an earlier pending one is kept. */
  const schedule = (earliest: number) => {
    if (signal.aborted) return;
    const at = Math.max(earliest, lastRun + budgetGap());
    if (timer !== undefined) {
      if (due <= at) return;
      view.clearTimeout(timer);
    }
    due = at;
    timer = view.setTimeout(run, Math.max(0, at - now()));
  };

  if (signal.aborted) return { request: () => {} };
  const observer = new (view as Window & typeof globalThis).MutationObserver((records: MutationRecord[]) => {
    if (timer !== undefined) return;
    // why: only additions can bring a new field; attribute churn and our own button are ignored cheaply.
    let inspected = 0;
    let relevant = false;
    outer: for (let r = 0; r < records.length; r++) {
      const added = (records[r] as MutationRecord).addedNodes;
      for (let i = 0; i < added.length; i++) {
        if (++inspected > MAX_NODES_PER_CALLBACK) {
          relevant = true; // why: a flood of insertions is bounded work here; the scan decides
          break outer;
        }
        const node = added[i] as Node;
        if (node.nodeType === 1 && !isOwnNode(node)) {
          relevant = true;
          break outer;
        }
      }
    }
    if (!relevant) return;
    const t = now();
    schedule(Math.max(t + SETTLE_MS, lastRun + intervalMs));
  });
  observer.observe(root, { childList: true, subtree: true });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (timer !== undefined) view.clearTimeout(timer);
      timer = undefined;
    },
    { once: true },
  );
  return { request: () => schedule(now()) };
}
