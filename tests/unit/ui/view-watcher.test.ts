import { describe, expect, it } from 'vitest';
import { createViewWatcher, type IntersectionObserverFactory } from '../../../lib/ui/view-watcher';

function fakeObserver() {
  let report: Parameters<IntersectionObserverFactory>[0] = () => {};
  const observed = new Set<Element>();
  const factory: IntersectionObserverFactory = (callback) => {
    report = callback;
    return {
      observe: (target) => void observed.add(target),
      unobserve: (target) => void observed.delete(target),
      disconnect: () => observed.clear(),
    };
  };
  return {
    factory,
    observed,
    report: (target: Element, isIntersecting: boolean) => report([{ target, isIntersecting }]),
  };
}

describe('view watcher', () => {
  it('tells each watched element when it enters or leaves the view, until it is unwatched', () => {
    const { factory, observed, report } = fakeObserver();
    const watcher = createViewWatcher(factory);
    const a = {} as Element;
    const b = {} as Element;
    const seen: string[] = [];
    const unwatchA = watcher.watch(a, (inView) => seen.push(`a:${inView}`));
    watcher.watch(b, (inView) => seen.push(`b:${inView}`));
    report(a, false);
    report(b, true);
    unwatchA();
    report(a, true);
    expect(seen).toEqual(['a:false', 'b:true']);
    expect([...observed]).toEqual([b]);
  });
});
