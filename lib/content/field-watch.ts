/**
 * Re-runs detection when the page changes (SPAs render the MFA step late), with a bounded cost: mutations
 * only mark the page dirty, and detection runs at most once per interval, after the page settles.
 */
export interface FieldWatchOptions {
  view: Window;
  root: Node;
  /** Minimum ms between two detections. */
  intervalMs: number;
  onChange(): void;
  /** Nodes we add ourselves (our button) must not trigger detection. */
  isOwnNode(node: Node): boolean;
  /** Ends the watch: the observer disconnects and a pending detection is dropped. */
  signal: AbortSignal;
}

export function watchForFields({
  view,
  root,
  intervalMs,
  onChange,
  isOwnNode,
  signal,
}: FieldWatchOptions): void {
  if (signal.aborted) return;
  let timer: number | undefined;
  let lastRun = 0;
  const run = () => {
    timer = undefined;
    lastRun = view.performance.now();
    onChange();
  };
  const observer = new (view as Window & typeof globalThis).MutationObserver((records: MutationRecord[]) => {
    if (timer !== undefined) return;
    // why: only additions can bring a new field; attribute churn and our own button are ignored cheaply.
    const relevant = records.some((r) =>
      Array.from(r.addedNodes).some((n: Node) => n.nodeType === 1 && !isOwnNode(n)),
    );
    if (!relevant) return;
    const wait = Math.max(50, intervalMs - (view.performance.now() - lastRun));
    timer = view.setTimeout(run, wait);
  });
  observer.observe(root, { childList: true, subtree: true });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (timer !== undefined) view.clearTimeout(timer);
    },
    { once: true },
  );
}
