/**
 * isFillTarget and isClickSafe with an injected layout (happy-dom has none): what a user could type into, and
 * when a click on our button or the field may be acted on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { colorAlpha, filterHides, hidingEffect } from '../../../lib/autofill/css-effects';
import {
  hostStyleChanges,
  HOST_INITIAL_STYLE,
  isClickSafe,
  isFillTarget,
  otherTopLayerElement,
  pseudoDecorations,
  type Box,
  type LayoutSource,
  type StyleFacts,
} from '../../../lib/autofill/visibility';
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

describe('effects that hide an element while its opacity stays 1', () => {
  it.each([
    ['filter: opacity(0)', { filter: 'opacity(0)' }, 'filter'],
    ['filter: opacity(50%)', { filter: 'opacity(50%)' }, 'filter'],
    ['filter: brightness(0)', { filter: 'brightness(0)' }, 'filter'],
    ['filter: brightness(20) (washed out)', { filter: 'brightness(20)' }, 'filter'],
    ['filter: contrast(0)', { filter: 'contrast(0)' }, 'filter'],
    ['filter: blur(30px)', { filter: 'blur(30px)' }, 'filter'],
    ['filter: invert(0.5) (flat grey)', { filter: 'invert(0.5)' }, 'filter'],
    ['an SVG filter', { filter: 'url("#hide")' }, 'filter'],
    ['a transparent mask', { maskImage: 'linear-gradient(transparent, transparent)' }, 'mask-image'],
    ['a -webkit-mask', { webkitMaskImage: 'url("data:image/png;base64,AAAA")' }, 'mask-image'],
    ['clip-path', { clipPath: 'inset(50%)' }, 'clip-path'],
    ['mix-blend-mode', { mixBlendMode: 'multiply' }, 'mix-blend-mode'],
    ['content-visibility: hidden', { contentVisibility: 'hidden' }, 'content-visibility'],
  ] as [string, Partial<StyleFacts>, string][])('names %s', (_name, style, effect) => {
    expect(hidingEffect(style)).toBe(effect);
  });

  it.each([
    ['no effects', {}],
    ['initial values', { filter: 'none', maskImage: 'none', clipPath: 'none', mixBlendMode: 'normal' }],
    ['a drop shadow (nested parentheses)', { filter: 'drop-shadow(rgb(0, 0, 0) 1px 1px 2px)' }],
    ['a slight blur', { filter: 'blur(1px)' }],
    ['grayscale and hue-rotate', { filter: 'grayscale(1) hue-rotate(90deg)' }],
    ['opacity(0.9)', { filter: 'opacity(0.9)' }],
    ['content-visibility: auto', { contentVisibility: 'auto' }],
  ] as [string, Partial<StyleFacts>][])('accepts %s', (_name, style) => {
    expect(hidingEffect(style)).toBeNull();
  });

  it('reads every function of a filter list', () => {
    expect(filterHides('grayscale(1) opacity(0)')).toBe(true);
    expect(filterHides('drop-shadow(rgba(0, 0, 0, 0.5) 0px 1px 2px) brightness(1.1)')).toBe(false);
    expect(filterHides('something-new(1)')).toBe(true);
    expect(filterHides('opacity(0')).toBe(true);
  });

  it('isClickSafe refuses a field whose ancestor is hidden by filter:opacity(0)', () => {
    page = openPage('<!doctype html><body><form id="form"><input id="f"></form></body>');
    const input = page.document.getElementById('f') as HTMLInputElement;
    const form = page.document.getElementById('form');
    const base = styleLayout(page.view);
    const layout = (filter: string): LayoutSource =>
      styleLayout(page!.view, {
        rect: () => ({ left: 100, top: 100, width: 120, height: 40 }),
        hitTest: () => input,
        style: (el) => (el === form ? { ...base.style(el), filter } : base.style(el)),
      });
    expect(isClickSafe(input, page.view, undefined, layout('none'))).toBe(true);
    expect(isClickSafe(input, page.view, undefined, layout('opacity(0)'))).toBe(false);
  });
});

describe('our button host keeps its initial style', () => {
  it('reports nothing when every property is at its initial value, or unknown to the browser', () => {
    const values: Record<string, string> = { ...HOST_INITIAL_STYLE, zoom: '' };
    expect(hostStyleChanges((p) => values[p] ?? '')).toEqual([]);
  });

  it.each([
    ['filter', 'opacity(0)'],
    ['mask-image', 'linear-gradient(transparent, transparent)'],
    ['-webkit-mask-image', 'linear-gradient(transparent, transparent)'],
    ['clip-path', 'inset(50%)'],
    ['transform', 'matrix(0, 0, 0, 0, 0, 0)'],
    ['scale', '0'],
    ['translate', '-4000px'],
    ['mix-blend-mode', 'screen'],
    ['visibility', 'hidden'],
    ['opacity', '0.99'],
    ['content-visibility', 'hidden'],
    ['backdrop-filter', 'blur(4px)'],
  ])('reports %s: %s', (property, value) => {
    const values: Record<string, string> = { ...HOST_INITIAL_STYLE, [property]: value };
    expect(hostStyleChanges((p) => values[p] ?? '')).toEqual([property]);
  });

  it('finds content drawn with ::before/::after and a painted ::backdrop', () => {
    const clean = { content: 'none', 'background-image': 'none', 'backdrop-filter': 'none' };
    const read =
      (over: Record<string, Record<string, string>>) =>
      (pseudo: string, property: string): string =>
        over[pseudo]?.[property] ??
        (property === 'background-color' ? 'rgba(0, 0, 0, 0)' : (clean as Record<string, string>)[property]!);
    expect(pseudoDecorations(read({}))).toEqual([]);
    expect(pseudoDecorations(read({ '::before': { content: 'normal' } }))).toEqual([]);
    expect(pseudoDecorations(read({ '::after': { content: '"Continue"' } }))).toEqual(['::after']);
    expect(pseudoDecorations(read({ '::backdrop': { 'background-color': 'rgb(255, 255, 255)' } }))).toEqual([
      '::backdrop',
    ]);
    expect(pseudoDecorations(read({ '::backdrop': { 'background-image': 'url("decoy.png")' } }))).toEqual([
      '::backdrop',
    ]);
  });

  it('reads the alpha of computed colors', () => {
    expect(colorAlpha('transparent')).toBe(0);
    expect(colorAlpha('rgba(0, 0, 0, 0)')).toBe(0);
    expect(colorAlpha('rgb(0 0 0 / 0.5)')).toBe(0.5);
    expect(colorAlpha('rgb(255, 255, 255)')).toBe(1);
    expect(colorAlpha('color(srgb 1 1 1 / 10%)')).toBeCloseTo(0.1);
    expect(colorAlpha('weird')).toBe(1);
  });
});

describe('otherTopLayerElement', () => {
  // why: happy-dom knows neither popovers nor :modal; a marker attribute stands in for the pseudo-classes.
  const OPEN = ['[data-open]'];

  it('finds another open top-layer element, but not our own', () => {
    page = openPage('<!doctype html><body><div id="own" data-open></div><div id="other"></div></body>');
    const doc = page.document;
    const own = doc.getElementById('own') as HTMLElement;
    expect(otherTopLayerElement(doc, own, OPEN)).toBeNull();
    doc.getElementById('other')!.setAttribute('data-open', '');
    expect(otherTopLayerElement(doc, own, OPEN)).toBe(doc.getElementById('other'));
  });

  it('looks inside open shadow roots, nested', () => {
    page = openPage('<!doctype html><body><div id="own" data-open></div><div id="a"></div></body>');
    const doc = page.document;
    const outer = doc.getElementById('a')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<div id="b"></div>';
    const inner = outer.getElementById('b')!.attachShadow({ mode: 'open' });
    inner.innerHTML = '<div id="decoy" data-open></div>';
    expect(otherTopLayerElement(doc, doc.getElementById('own')!, OPEN)).toBe(inner.getElementById('decoy'));
  });

  it('says it cannot tell on a page too large to scan', () => {
    page = openPage('<!doctype html><body><div id="own"></div><div id="a"></div></body>');
    const doc = page.document;
    const huge = new Array(200_001).fill({ shadowRoot: null });
    const scope = { querySelectorAll: (s: string) => (s === '*' ? huge : []) };
    const fakeDoc = { documentElement: doc.documentElement, fullscreenElement: null, ...scope };
    expect(otherTopLayerElement(fakeDoc as unknown as Document, doc.getElementById('own')!, OPEN)).toBe(
      'unknown',
    );
  });
});
