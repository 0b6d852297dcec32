/**
 * isFillTarget and isClickSafe with an injected layout (happy-dom has none): what a user could type into, and
 * when a click on our button or the field may be acted on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isClickSafe, isFillTarget, type Box, type LayoutSource } from '../../../lib/autofill/visibility';
import { openPage, styleLayout, type Page } from './happy-page';

let page: Page | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

function field(html: string): { input: HTMLInputElement; view: Window } {
  page = openPage(`<!doctype html><body>${html}</body>`);
  return { input: page.document.getElementById('f') as HTMLInputElement, view: page.view };
}

describe('isFillTarget', () => {
  it('accepts an ordinary text field', () => {
    const { input, view } = field('<input id="f">');
    expect(isFillTarget(input, view, styleLayout(view))).toBe(true);
  });

  it.each([
    ['hidden type', '<input id="f" type="hidden">'],
    ['disabled', '<input id="f" disabled>'],
    ['read-only', '<input id="f" readonly>'],
    ['the hidden attribute', '<input id="f" hidden>'],
    ['aria-hidden', '<input id="f" aria-hidden="true">'],
    ['display:none', '<input id="f" style="display:none">'],
    ['a display:none ancestor', '<div style="display:none"><p><input id="f"></p></div>'],
    ['visibility:hidden', '<input id="f" style="visibility:hidden">'],
    ['opacity 0', '<input id="f" style="opacity:0">'],
    [
      'opacity 0 through ancestors',
      '<div style="opacity:0.1"><div style="opacity:0.2"><input id="f"></div></div>',
    ],
    ['zero size', '<input id="f" style="width:0;height:0">'],
    ['1×1 pixel', '<input id="f" style="width:1px;height:1px">'],
    ['parked left of the page', '<div style="position:absolute;left:-10000px"><input id="f"></div>'],
    ['parked above the page', '<input id="f" style="position:absolute;top:-5000px">'],
  ])('rejects a field that is %s', (_name, html) => {
    const { input, view } = field(html);
    expect(isFillTarget(input, view, styleLayout(view))).toBe(false);
  });

  it('accepts a transparent one-time-code input laid over drawn digit boxes', () => {
    const { input, view } = field('<input id="f" autocomplete="one-time-code" style="opacity:0">');
    expect(isFillTarget(input, view, styleLayout(view))).toBe(true);
  });

  it('rejects a transparent one-time-code input taken out of the tab order (a honeypot)', () => {
    const { input, view } = field(
      '<input id="f" autocomplete="one-time-code" tabindex="-1" style="opacity:0">',
    );
    expect(isFillTarget(input, view, styleLayout(view))).toBe(false);
  });

  it('is not fooled by a detached field', () => {
    const { input, view } = field('<input id="f">');
    input.remove();
    expect(isFillTarget(input, view, styleLayout(view))).toBe(false);
  });
});

describe('isClickSafe', () => {
  const box: Box = { left: 100, top: 100, width: 120, height: 40 };

  /** A layout where everything sits at `box` and `top` is what a hit test at any point returns. */
  function layoutWith(
    view: Window,
    top: (root: Document | ShadowRoot) => Element | null,
    rect = box,
  ): LayoutSource {
    return styleLayout(view, { rect: () => rect, hitTest: (root) => top(root) });
  }

  it('accepts an uncovered, opaque, on-screen element', () => {
    const { input, view } = field('<input id="f">');
    expect(
      isClickSafe(
        input,
        view,
        undefined,
        layoutWith(view, () => input),
      ),
    ).toBe(true);
  });

  it('accepts a hit on a descendant of the element (a button with an icon)', () => {
    page = openPage('<!doctype html><body><button id="b"><span id="icon">★</span></button></body>');
    const button = page.document.getElementById('b') as HTMLElement;
    const icon = page.document.getElementById('icon') as HTMLElement;
    expect(
      isClickSafe(
        button,
        page.view,
        undefined,
        layoutWith(page.view, () => icon),
      ),
    ).toBe(true);
  });

  it('refuses when another element covers the point', () => {
    const { input, view } = field('<input id="f"><div id="overlay"></div>');
    const overlay = (page as Page).document.getElementById('overlay');
    expect(
      isClickSafe(
        input,
        view,
        undefined,
        layoutWith(view, () => overlay),
      ),
    ).toBe(false);
  });

  it('refuses when an ancestor makes it nearly transparent (opacity product below 0.7)', () => {
    const { input, view } = field(
      '<div style="opacity:0.9"><div style="opacity:0.7"><input id="f"></div></div>',
    );
    expect(
      isClickSafe(
        input,
        view,
        undefined,
        layoutWith(view, () => input),
      ),
    ).toBe(false);
  });

  it('accepts an opacity product at or above 0.7', () => {
    const { input, view } = field('<div style="opacity:0.8"><input id="f"></div>');
    expect(
      isClickSafe(
        input,
        view,
        undefined,
        layoutWith(view, () => input),
      ),
    ).toBe(true);
  });

  it('refuses an element off screen', () => {
    const { input, view } = field('<input id="f">');
    const offscreen = { left: 100, top: 2000, width: 120, height: 40 };
    expect(
      isClickSafe(
        input,
        view,
        undefined,
        layoutWith(view, () => input, offscreen),
      ),
    ).toBe(false);
  });

  it('refuses a click point outside the element', () => {
    const { input, view } = field('<input id="f">');
    expect(
      isClickSafe(
        input,
        view,
        { x: 10, y: 10 },
        layoutWith(view, () => input),
      ),
    ).toBe(false);
    expect(
      isClickSafe(
        input,
        view,
        { x: 110, y: 110 },
        layoutWith(view, () => input),
      ),
    ).toBe(true);
  });

  it('checks every shadow level: the button in its shadow root, then its host in the document', () => {
    page = openPage('<!doctype html><body><div id="host"></div><div id="cover"></div></body>');
    const doc = page.document;
    const host = doc.getElementById('host') as HTMLElement;
    const shadow = host.attachShadow({ mode: 'closed' });
    shadow.innerHTML = '<button id="b">Fill</button>';
    const button = shadow.getElementById('b') as HTMLElement;
    const cover = doc.getElementById('cover');

    const uncovered = layoutWith(page.view, (root) => (root === shadow ? button : host));
    expect(isClickSafe(button, page.view, undefined, uncovered)).toBe(true);
    const coveredInDocument = layoutWith(page.view, (root) => (root === shadow ? button : cover));
    expect(isClickSafe(button, page.view, undefined, coveredInDocument)).toBe(false);
  });

  it('refuses an element that is not rendered', () => {
    const { input, view } = field('<input id="f" style="visibility:hidden">');
    expect(
      isClickSafe(
        input,
        view,
        undefined,
        layoutWith(view, () => input),
      ),
    ).toBe(false);
  });
});
