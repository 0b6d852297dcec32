import { h, type Component, type FunctionComponent } from 'preact';

function shallowEqual(a: object, b: object): boolean {
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => (a as Record<string, unknown>)[key] === (b as Record<string, unknown>)[key]);
}

/**
 * Renders `Inner` again only when a prop changed (shallow, by identity), like React's `memo`. Written out
 * because preact/compat would also install React-compatibility hooks that change how events behave.
 */
export function memo<P extends object>(Inner: FunctionComponent<P>): FunctionComponent<P> {
  function Memo(this: Component<P>, props: P) {
    // why: Preact gives a function component a component instance as `this`; its props are the old ones here.
    this.shouldComponentUpdate = (next: P) => !shallowEqual(this.props, next);
    return h(Inner, props);
  }
  Memo.displayName = `Memo(${Inner.displayName ?? Inner.name})`;
  return Memo;
}
