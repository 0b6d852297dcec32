/**
 * The inline button's own click gate, in happy-dom: only trusted clicks, not right after it appeared or
 * moved, not after page script touched its host, not while IntersectionObserver v2 says it is hidden, and
 * keyboard activation only right after the user's own Enter/Space on the focused button.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canProveVisibility, createInlineButton, MOVE_GRACE_MS } from '../../../lib/content/inline-button';
import { openPage, type Page } from '../autofill/happy-page';

let page: Page | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await page?.close();
  page = undefined;
});

type Entry = { isVisible: boolean };

interface Setup {
  host: HTMLElement;
  button: HTMLButtonElement;
  clicks: { x: number; y: number }[];
  refusals: string[];
  tick(ms: number): void;
  /** Delivers an IntersectionObserver v2 entry (only with `iov2`). */
  report(entry: Entry): void;
}

function setup(options: { iov2?: boolean } = {}): Setup {
  page = openPage('<!doctype html><body><input id="f"></body>');
  const view = page.view;
  let clock = 1_000;
  Object.defineProperty(view.performance, 'now', { value: () => clock, configurable: true });
  // why: the shadow root is closed; the test keeps a handle on it the way only our own code has one.
  let root: ShadowRoot | null = null;
  const attach = view.Element.prototype.attachShadow;
  vi.spyOn(view.Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
    root = attach.call(this, init);
    return root;
  });
  let callback: ((entries: Entry[]) => void) | null = null;
  if (options.iov2) {
    class FakeIO {
      trackVisibility = true;
      constructor(cb: (entries: Entry[]) => void) {
        callback = cb;
      }
      observe() {}
      disconnect() {}
    }
    Object.defineProperty(FakeIO.prototype, 'trackVisibility', { value: true });
    Object.defineProperty(view, 'IntersectionObserver', { value: FakeIO, configurable: true });
  } else {
    Object.defineProperty(view, 'IntersectionObserver', {
      value: class {
        observe() {}
        disconnect() {}
      },
      configurable: true,
    });
  }
  const clicks: { x: number; y: number }[] = [];
  const refusals: string[] = [];
  const ui = createInlineButton({
    doc: page.document,
    view,
    title: 'Fill',
    onTrustedClick: (point) => clicks.push(point),
    onRefused: (reason) => refusals.push(reason),
    signal: new AbortController().signal,
  });
  ui.place(page.document.getElementById('f') as HTMLElement);
  const button = (root as ShadowRoot | null)!.querySelector('button.fill') as HTMLButtonElement;
  return {
    host: ui.host,
    button,
    clicks,
    refusals,
    tick: (ms) => {
      clock += ms;
    },
    report: (entry) => callback?.([entry]),
  };
}

function trusted<T extends Event>(event: T): T {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

function mouseClick(s: Setup, options: { trusted?: boolean } = {}): void {
  const event = new page!.view.MouseEvent('click', {
    bubbles: true,
    composed: true,
    detail: 1,
    clientX: 7,
    clientY: 9,
  });
  s.button.dispatchEvent(options.trusted === false ? event : trusted(event));
}

function keyboardClick(s: Setup, key: string | null, options: { trustedKey?: boolean } = {}): void {
  if (key) {
    const down = new page!.view.KeyboardEvent('keydown', { key, bubbles: true, composed: true });
    s.button.dispatchEvent(options.trustedKey === false ? down : trusted(down));
  }
  s.button.dispatchEvent(
    trusted(new page!.view.MouseEvent('click', { bubbles: true, composed: true, detail: 0 })),
  );
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('inline button click gate', () => {
  it('reports a trusted click after the grace period, with its pointer position', () => {
    const s = setup();
    mouseClick(s);
    expect(s.clicks).toEqual([]);
    s.tick(MOVE_GRACE_MS + 1);
    mouseClick(s, { trusted: false });
    expect(s.clicks).toEqual([]);
    mouseClick(s);
    expect(s.refusals).toEqual([]);
    expect(s.clicks).toEqual([{ x: 7, y: 9 }]);
  });

  it('accepts Enter/Space only while our button has focus, right after the user pressed the key on it', () => {
    const s = setup();
    s.tick(MOVE_GRACE_MS + 1);
    keyboardClick(s, null);
    expect(s.clicks, 'no key press seen').toEqual([]);
    keyboardClick(s, 'Enter');
    expect(s.clicks, 'button not focused').toEqual([]);
    s.button.focus();
    s.tick(5_000);
    keyboardClick(s, 'Enter', { trustedKey: false });
    expect(s.clicks, 'key press from page script').toEqual([]);
    keyboardClick(s, 'Enter');
    expect(s.clicks).toHaveLength(1);
    keyboardClick(s, ' ');
    expect(s.clicks).toHaveLength(2);
    s.tick(5_000);
    keyboardClick(s, null);
    expect(s.clicks, 'key press too long ago').toHaveLength(2);
  });

  it('undoes page script restyling its host and refuses clicks for the grace period after', async () => {
    const s = setup();
    s.tick(MOVE_GRACE_MS + 1);
    const before = s.host.getAttribute('style');
    s.host.style.setProperty('filter', 'opacity(0)', 'important');
    s.host.setAttribute('class', 'x');
    await flush();
    expect(s.host.getAttribute('style')).toBe(before);
    expect(s.host.hasAttribute('class')).toBe(false);
    mouseClick(s);
    expect(s.clicks).toEqual([]);
    expect(s.refusals).toEqual(['tampered']);
    s.tick(MOVE_GRACE_MS + 1);
    mouseClick(s);
    expect(s.clicks).toHaveLength(1);
  });

  it('refuses a click when the host was moved elsewhere in the page, and puts it back', () => {
    const s = setup();
    s.tick(MOVE_GRACE_MS + 1);
    const parent = s.host.parentNode;
    const faded = page!.document.createElement('div');
    page!.document.body.append(faded);
    faded.append(s.host);
    mouseClick(s);
    expect(s.refusals).toEqual(['tampered']);
    expect(s.host.parentNode).toBe(parent);
  });

  it('with IntersectionObserver v2, accepts only once the browser has reported it visible for a while', () => {
    const s = setup({ iov2: true });
    s.tick(MOVE_GRACE_MS + 1);
    mouseClick(s);
    expect(s.refusals).toEqual(['not-visible']);
    s.report({ isVisible: true });
    mouseClick(s);
    expect(s.clicks, 'visible only just now').toEqual([]);
    s.tick(MOVE_GRACE_MS + 1);
    mouseClick(s);
    expect(s.clicks).toHaveLength(1);
    s.report({ isVisible: false });
    mouseClick(s);
    expect(s.clicks).toHaveLength(1);
    expect(s.refusals.at(-1)).toBe('not-visible');
  });
});

describe('canProveVisibility', () => {
  const view = (top: boolean, trackVisibility: boolean): Window => {
    const self = {};
    class IO {}
    if (trackVisibility) Object.defineProperty(IO.prototype, 'trackVisibility', { value: false });
    return { self, top: top ? self : {}, IntersectionObserver: IO } as unknown as Window;
  };

  it('the top frame always can; a subframe only with IntersectionObserver v2', () => {
    expect(canProveVisibility(view(true, false))).toBe(true);
    expect(canProveVisibility(view(false, true))).toBe(true);
    expect(canProveVisibility(view(false, false))).toBe(false);
  });
});
