/**
 * Can we fill this field, and is it safe to act on a click here? Pure functions over the DOM; geometry and
 * computed style come from a `LayoutSource` so unit tests (happy-dom has no layout) can inject one.
 */
import { colorAlpha, hidingEffect } from './css-effects';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The subset of computed style the checks read. */
export interface StyleFacts {
  display: string;
  visibility: string;
  opacity: string;
  /** Visual effects that can hide an element without changing its opacity; absent means the initial value. */
  filter?: string;
  maskImage?: string;
  webkitMaskImage?: string;
  clipPath?: string;
  mixBlendMode?: string;
  contentVisibility?: string;
}

/** Where layout facts come from: the real window in browsers, a fake in unit tests. */
export interface LayoutSource {
  /** Border box in viewport coordinates (like `getBoundingClientRect`). */
  rect(element: Element): Box;
  style(element: Element): StyleFacts;
  viewport(): { width: number; height: number; scrollX: number; scrollY: number };
  /** Topmost element at a viewport point within `root` (retargeted to `root`'s tree, like the DOM does). */
  hitTest(root: Document | ShadowRoot, x: number, y: number): Element | null;
}

/** Layout facts read from a real window. */
export function windowLayout(view: Window): LayoutSource {
  return {
    rect: (element) => {
      const r = element.getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width, height: r.height };
    },
    style: (element) => {
      const s = view.getComputedStyle(element);
      return {
        display: s.display,
        visibility: s.visibility,
        opacity: s.opacity,
        filter: s.filter,
        maskImage: s.maskImage,
        webkitMaskImage: s.getPropertyValue('-webkit-mask-image'),
        clipPath: s.clipPath,
        mixBlendMode: s.mixBlendMode,
        contentVisibility: s.getPropertyValue('content-visibility'),
      };
    },
    viewport: () => ({
      width: view.innerWidth,
      height: view.innerHeight,
      scrollX: view.scrollX,
      scrollY: view.scrollY,
    }),
    hitTest: (root, x, y) => root.elementFromPoint(x, y),
  };
}

// why: a field smaller than this is a honeypot or an invisible proxy, never something a user types into.
const MIN_FIELD_SIZE_PX = 4;
// why: refuse clicks when an ancestor makes the field or the button nearly invisible.
const MIN_CLICK_OPACITY = 0.7;
const INVISIBLE_OPACITY = 0.05;
// why: bounded walks keep the cost per candidate constant on pathological pages.
const MAX_ANCESTOR_DEPTH = 64;

/** Parent element, crossing shadow-root boundaries to the host. */
function parentAcrossShadow(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  return isShadowRoot(root) ? root.host : null;
}

function isShadowRoot(node: Node): node is ShadowRoot {
  return node.nodeType === 11 && 'host' in node && (node as ShadowRoot).host !== undefined;
}

function parseOpacity(value: string): number {
  const n = Number.parseFloat(value);
  return Number.isFinite(n) ? n : 1;
}

interface RenderFacts {
  rendered: boolean;
  opacity: number;
}

/** Walks the element and its ancestors: is anything display:none / visibility:hidden, and the opacity product. */
function renderFacts(element: Element, layout: LayoutSource): RenderFacts {
  const own = layout.style(element);
  if (own.visibility === 'hidden' || own.visibility === 'collapse') return { rendered: false, opacity: 0 };
  let opacity = 1;
  let current: Element | null = element;
  for (let depth = 0; current && depth < MAX_ANCESTOR_DEPTH; depth++) {
    const style = current === element ? own : layout.style(current);
    if (style.display === 'none') return { rendered: false, opacity: 0 };
    opacity *= parseOpacity(style.opacity);
    current = parentAcrossShadow(current);
  }
  return { rendered: true, opacity };
}

function isOffPage(box: Box, layout: LayoutSource): boolean {
  const vp = layout.viewport();
  // why: left of / above the document start cannot be scrolled to; that is where honeypots are parked.
  return box.left + box.width + vp.scrollX <= 0 || box.top + box.height + vp.scrollY <= 0;
}

/**
 * Is `input` something a user could type into right now: enabled, editable, rendered, of a real size, on the
 * page, not transparent, not a honeypot (aria-hidden, or tabindex=-1 and parked off-page)?
 */
export function isFillTarget(
  input: HTMLInputElement,
  view: Window,
  layout: LayoutSource = windowLayout(view),
): boolean {
  if (!input.isConnected || input.type === 'hidden' || input.disabled || input.readOnly) return false;
  if (input.getAttribute('aria-hidden') === 'true' || input.hidden) return false;
  const box = layout.rect(input);
  const offPage = isOffPage(box, layout);
  if (offPage) return false;
  if (box.width < MIN_FIELD_SIZE_PX || box.height < MIN_FIELD_SIZE_PX) return false;
  const facts = renderFacts(input, layout);
  if (!facts.rendered) return false;
  if (facts.opacity < INVISIBLE_OPACITY) {
    // why: some code widgets lay one transparent real input over drawn digit boxes (autocomplete=one-time-code);
    // a honeypot does not advertise itself as the one-time-code field.
    const overlay =
      input.autocomplete.toLowerCase().includes('one-time-code') && input.getAttribute('tabindex') !== '-1';
    if (!overlay) return false;
  }
  return true;
}

/**
 * May a click on `element` (our inline button, or the field it serves) be acted on: on screen, not nearly
 * transparent through any ancestor, and not covered — the topmost element at `point` (default: its centre) is
 * the element or inside it, at every shadow-root level up to the document.
 */
export function isClickSafe(
  element: Element,
  view: Window,
  point?: { x: number; y: number },
  layout: LayoutSource = windowLayout(view),
): boolean {
  if (!element.isConnected) return false;
  const box = layout.rect(element);
  if (box.width < MIN_FIELD_SIZE_PX || box.height < MIN_FIELD_SIZE_PX) return false;
  const x = point?.x ?? box.left + box.width / 2;
  const y = point?.y ?? box.top + box.height / 2;
  if (x < box.left || x > box.left + box.width || y < box.top || y > box.top + box.height) return false;
  const vp = layout.viewport();
  if (x < 0 || y < 0 || x >= vp.width || y >= vp.height) return false;
  const facts = renderFacts(element, layout);
  if (!facts.rendered || facts.opacity < MIN_CLICK_OPACITY) return false;
  if (hiddenByEffect(element, layout)) return false;
  return isTopmostAt(element, x, y, layout);
}

/**
 * Does the element or an ancestor (up to the document element) carry a visual effect that can make it
 * invisible while computed opacity stays 1? `filter: opacity(0)`, a transparent mask, a clip, a blend mode.
 */
function hiddenByEffect(element: Element, layout: LayoutSource): boolean {
  let current: Element | null = element;
  for (let depth = 0; current && depth < MAX_ANCESTOR_DEPTH; depth++) {
    if (hidingEffect(layout.style(current)) !== null) return true;
    current = parentAcrossShadow(current);
  }
  return false;
}

/** The values our button host must compute to; any other value means page script restyled it. */
export const HOST_INITIAL_STYLE: Readonly<Record<string, string>> = {
  opacity: '1',
  visibility: 'visible',
  display: 'block',
  filter: 'none',
  'backdrop-filter': 'none',
  'mask-image': 'none',
  '-webkit-mask-image': 'none',
  'clip-path': 'none',
  clip: 'auto',
  transform: 'none',
  translate: 'none',
  scale: 'none',
  rotate: 'none',
  'offset-path': 'none',
  'mix-blend-mode': 'normal',
  'content-visibility': 'visible',
  'pointer-events': 'auto',
  zoom: '1',
};

/**
 * The properties of our host's computed style that are not at their expected value. `read` returns a
 * property's computed value, or '' where the browser does not know the property (which is not a change).
 */
export function hostStyleChanges(read: (property: string) => string): string[] {
  return Object.entries(HOST_INITIAL_STYLE)
    .filter(([property, expected]) => {
      const value = read(property).trim();
      return value !== '' && value !== 'initial' && value !== expected;
    })
    .map(([property]) => property);
}

/**
 * Has page CSS drawn something with our host's pseudo-elements? `::before`/`::after` content would paint
 * inside our top-layer box (possibly over the button), and a styled `::backdrop` would paint over the whole
 * page just under our button, hiding the field; both can be `pointer-events: none`.
 */
export function pseudoDecorations(
  read: (pseudo: '::before' | '::after' | '::backdrop', property: string) => string,
): string[] {
  const found: string[] = [];
  for (const pseudo of ['::before', '::after'] as const) {
    const content = read(pseudo, 'content').trim();
    if (content !== '' && content !== 'none' && content !== 'normal') found.push(pseudo);
  }
  const image = read('::backdrop', 'background-image').trim();
  const backdropFilter = read('::backdrop', 'backdrop-filter').trim();
  const color = read('::backdrop', 'background-color').trim();
  if (
    (image !== '' && image !== 'none' && image !== 'initial') ||
    (backdropFilter !== '' && backdropFilter !== 'none') ||
    colorAlpha(color) > 0.02
  ) {
    found.push('::backdrop');
  }
  return found;
}

const TOP_LAYER_SELECTORS = [':popover-open', 'dialog:modal', ':modal', ':fullscreen'];
// why: a click-time walk over every element to find open shadow roots; bounded so a huge page costs at most
// this many steps. Past it we cannot tell, so the caller refuses.
export const MAX_TOP_LAYER_SCAN = 200_000;

/**
 * Another element in the top layer (an open popover, a modal dialog, a fullscreen element, an active view
 * transition) besides `own`, in the document or any open shadow root — a later one paints over ours even
 * when it is `pointer-events: none`, which hit testing cannot see. Returns the element, `'unknown'` when the
 * page is too large to scan, or null.
 */
export function otherTopLayerElement(
  doc: Document,
  own: Element,
  selectors: readonly string[] = TOP_LAYER_SELECTORS,
): Element | 'unknown' | null {
  const root = doc.documentElement;
  if (!root) return null;
  if (matchesSafely(root, ':active-view-transition')) return root;
  if (doc.fullscreenElement && doc.fullscreenElement !== own) return doc.fullscreenElement;
  const roots: (Document | ShadowRoot)[] = [doc];
  let scanned = 0;
  for (let i = 0; i < roots.length; i++) {
    const scope = roots[i]!;
    for (const selector of selectors) {
      for (const element of selectSafely(scope, selector)) if (element !== own) return element;
    }
    for (const element of Array.from(scope.querySelectorAll('*'))) {
      if (++scanned > MAX_TOP_LAYER_SCAN) return 'unknown';
      if (element.shadowRoot && element !== own) roots.push(element.shadowRoot);
    }
  }
  return null;
}

function selectSafely(scope: Document | ShadowRoot, selector: string): Element[] {
  try {
    return Array.from(scope.querySelectorAll(selector));
  } catch {
    return []; // a pseudo-class this browser does not know matches nothing here
  }
}

function matchesSafely(element: Element, selector: string): boolean {
  try {
    return element.matches(selector);
  } catch {
    return false;
  }
}

/** Hit-tests each tree from the element's own root out to the document; each must land on the expected node. */
function isTopmostAt(element: Element, x: number, y: number, layout: LayoutSource): boolean {
  let expected: Element = element;
  for (let depth = 0; depth < MAX_ANCESTOR_DEPTH; depth++) {
    const root = expected.getRootNode();
    if (!isShadowRoot(root) && root.nodeType !== 9) return false; // detached subtree
    const hit = layout.hitTest(root as Document | ShadowRoot, x, y);
    if (!hit || !(hit === expected || expected.contains(hit))) return false;
    if (!isShadowRoot(root)) return true;
    expected = root.host;
  }
  return false;
}
