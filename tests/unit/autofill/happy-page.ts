/**
 * Test helpers: load markup or a fixture page into its own happy-dom window, and a layout source for it.
 * happy-dom has no layout engine (every rect is 0×0), so `styleLayout` derives boxes from computed style.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Window as HappyWindow } from 'happy-dom';
import type { Box, LayoutSource } from '../../../lib/autofill/visibility';

export const LOGIN_FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/pages/login/', import.meta.url));

export interface Page {
  view: Window & typeof globalThis;
  document: Document;
  close(): Promise<void>;
}

/** Opens `html` in a fresh window. Scripts run only when `scripts` is true (our own fixtures only). */
export function openPage(html: string, options: { url?: string; scripts?: boolean } = {}): Page {
  const happy = new HappyWindow({
    url: options.url ?? 'https://fixtures.test/',
    width: 1280,
    height: 800,
    settings: {
      enableJavaScriptEvaluation: options.scripts ?? false,
      suppressInsecureJavaScriptEnvironmentWarning: true,
    },
  });
  happy.document.write(html);
  // why: happy-dom's Window implements the DOM Window interface but is typed separately.
  const view = happy as unknown as Window & typeof globalThis;
  return {
    view,
    document: view.document,
    close: () => happy.happyDOM.close(),
  };
}

/** Waits until the page's scripts, frames and timers are done. */
export async function settlePage(page: Page): Promise<void> {
  await (page.view as unknown as HappyWindow).happyDOM.waitUntilComplete();
}

export function openFixture(file: string): Page {
  const html = readFileSync(`${LOGIN_FIXTURES_DIR}${file}`, 'utf8');
  return openPage(html, { url: `https://fixtures.test/login/${file}`, scripts: true });
}

function px(value: string): number | undefined {
  const n = Number.parseFloat(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Boxes from computed style: an element's width/height (default 160×32) at the left/top of its nearest
 * absolutely or fixed positioned ancestor-or-self (default 10,10). Enough to tell parked-off-page and
 * 1-pixel fields from normal ones. `hitTest` returns the element registered with `cover`, else the deepest
 * element under nothing: the tests decide what is on top.
 */
export function styleLayout(view: Window, overrides: Partial<LayoutSource> = {}): LayoutSource {
  const rect = (element: Element): Box => {
    const own = view.getComputedStyle(element);
    let left = 10;
    let top = 10;
    for (let el: Element | null = element; el; el = el.parentElement) {
      const s = view.getComputedStyle(el);
      if (s.position === 'absolute' || s.position === 'fixed') {
        left = px(s.left) ?? left;
        top = px(s.top) ?? top;
        break;
      }
    }
    return { left, top, width: px(own.width) ?? 160, height: px(own.height) ?? 32 };
  };
  return {
    rect,
    style: (element) => {
      const s = view.getComputedStyle(element);
      return { display: s.display, visibility: s.visibility, opacity: s.opacity };
    },
    viewport: () => ({ width: 1280, height: 800, scrollX: 0, scrollY: 0 }),
    hitTest: () => null,
    ...overrides,
  };
}
