/**
 * Can we fill this field, and is it safe to act on a click here? Pure functions over the DOM; geometry and
 * computed style come from a `LayoutSource` so unit tests (happy-dom has no layout) can inject one.
 */

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
      return { display: s.display, visibility: s.visibility, opacity: s.opacity };
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
// why: DESIGN §3 — refuse clicks when an ancestor makes the field or the button nearly invisible.
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
  return isTopmostAt(element, x, y, layout);
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
