/**
 * The content script's lifetime: once its signal aborts (WXT's ctx on an extension update or reload), our
 * button is gone and nothing of ours runs any more: no mutation observer, no focus listener, no timer.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createContentController } from '../../../lib/content/controller';
import { BUTTON_TAG, createInlineButton } from '../../../lib/content/inline-button';
import { openPage, type Page } from '../autofill/happy-page';

let page: Page | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await page?.close();
  page = undefined;
});

const FIELD = '<label for="code">Authentication code</label><input id="code" autocomplete="one-time-code">';
// why: longer than the field watch's minimum interval between two detections (400 ms).
const AFTER_WATCH_INTERVAL_MS = 600;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup() {
  page = openPage('<!doctype html><body><main></main></body>');
  const { view, document: doc } = page;
  // why: happy-dom has no layout; give every element the box of an ordinary text field.
  vi.spyOn(view.Element.prototype, 'getBoundingClientRect').mockReturnValue({
    left: 10,
    top: 10,
    right: 170,
    bottom: 42,
    width: 160,
    height: 32,
    x: 10,
    y: 10,
  } as DOMRect);
  let clock = 10_000;
  Object.defineProperty(view.performance, 'now', { value: () => clock, configurable: true });
  const hellos: number[] = [];
  const controller = createContentController({
    doc,
    view,
    messenger: {
      contentHello: async (fieldCount) => {
        hellos.push(fieldCount);
        return { canFill: true };
      },
      requestFill: async () => ({ status: 'no-account' }),
    },
    t: (key) => key,
  });
  const lifetime = new AbortController();
  controller.start(lifetime.signal);
  const addField = () => {
    const box = doc.createElement('div');
    box.innerHTML = FIELD;
    doc.querySelector('main')!.replaceChildren(box);
    // why: past the controller's 3 s pause between two hellos without a button.
    clock += 5_000;
  };
  const buttons = () => doc.querySelectorAll(BUTTON_TAG).length;
  return { view, doc, hellos, lifetime, addField, buttons };
}

describe('content script lifetime', () => {
  it('while alive, a field added later is detected and gets our button', async () => {
    const s = setup();
    expect(s.hellos).toEqual([]);
    s.addField();
    await wait(AFTER_WATCH_INTERVAL_MS);
    expect(s.hellos).toEqual([1]);
    expect(s.buttons()).toBe(1);
  });

  it('after abort, the button is gone and neither a mutation nor a focus runs detection again', async () => {
    const s = setup();
    s.addField();
    await wait(AFTER_WATCH_INTERVAL_MS);
    expect(s.buttons()).toBe(1);

    s.lifetime.abort();
    expect(s.buttons()).toBe(0);

    s.addField();
    await wait(AFTER_WATCH_INTERVAL_MS);
    s.doc.getElementById('code')!.dispatchEvent(new s.view.FocusEvent('focusin', { bubbles: true }));
    await wait(10);
    expect(s.hellos).toEqual([1]);
    expect(s.buttons()).toBe(0);
  });

  it('a hello answered after abort creates no button', async () => {
    page = openPage('<!doctype html><body></body>');
    const { view, document: doc } = page;
    vi.spyOn(view.Element.prototype, 'getBoundingClientRect').mockReturnValue({
      left: 10,
      top: 10,
      width: 160,
      height: 32,
    } as DOMRect);
    let answer: (value: { canFill: boolean }) => void = () => {};
    const controller = createContentController({
      doc,
      view,
      messenger: {
        contentHello: () => new Promise((resolve) => (answer = resolve)),
        requestFill: async () => ({ status: 'no-account' }),
      },
      t: (key) => key,
    });
    doc.body.innerHTML = FIELD;
    const lifetime = new AbortController();
    controller.start(lifetime.signal);
    lifetime.abort();
    answer({ canFill: true });
    await wait(10);
    expect(doc.querySelectorAll(BUTTON_TAG).length).toBe(0);
  });
});

describe('inline button lifetime', () => {
  it('after abort it listens to nothing: no scroll/resize repositioning, no top-layer events, no timers', async () => {
    page = openPage('<!doctype html><body><input id="f"></body>');
    const { view, document: doc } = page;
    const added: [EventTarget, string][] = [];
    const active = new Set<string>();
    for (const target of [view, doc] as EventTarget[]) {
      const add = target.addEventListener.bind(target);
      vi.spyOn(target, 'addEventListener').mockImplementation((type, listener, options) => {
        added.push([target, type]);
        const key = `${target === view ? 'window' : 'document'}:${type}`;
        active.add(key);
        const signal = typeof options === 'object' ? options.signal : undefined;
        signal?.addEventListener('abort', () => active.delete(key));
        add(type, listener, options);
      });
    }
    const frames = vi.spyOn(view, 'requestAnimationFrame');
    const lifetime = new AbortController();
    const ui = createInlineButton({
      doc,
      view,
      title: 'Fill',
      onTrustedClick: () => {},
      signal: lifetime.signal,
    });
    ui.place(doc.getElementById('f') as HTMLElement);
    ui.say('filled');
    const choice = ui.choose([{ id: 'a', label: 'A' }]);
    expect([...active].sort()).toEqual([
      'document:fullscreenchange',
      'document:toggle',
      'window:resize',
      'window:scroll',
    ]);

    lifetime.abort();
    expect([...active]).toEqual([]);
    expect(ui.host.isConnected).toBe(false);
    expect(await choice).toBeNull();
    view.dispatchEvent(new view.Event('resize'));
    expect(frames).not.toHaveBeenCalled();
    expect(added.length).toBe(4);
  });
});
