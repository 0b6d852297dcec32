// Clicking our inline fill button like a user: a real mouse click at its position. The button is a custom
// element with a closed shadow root, so tests can find its host but never reach inside it.
import type { Page as PlaywrightPage } from '@playwright/test';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import type { E2ePage } from '../harness/browsers';

export const BUTTON = 'mfa-autofill-button';

type Box = { x: number; y: number; width: number; height: number };

/** Bounding box of the button in main-frame coordinates, or null while there is none. */
export async function inlineButtonBox(page: E2ePage, frameSelector?: string): Promise<Box | null> {
  if (page.kind === 'chromium') {
    const raw = page.raw as PlaywrightPage;
    const scope = frameSelector ? raw.frameLocator(frameSelector) : raw;
    const locator = scope.locator(BUTTON).first();
    if ((await locator.count()) === 0) return null;
    return locator.boundingBox();
  }
  const raw = page.raw as PuppeteerPage;
  let frame = raw.mainFrame();
  if (frameSelector) {
    const handle = await raw.$(frameSelector);
    const inner = await handle?.contentFrame();
    if (!inner) return null;
    frame = inner;
  }
  const button = await frame.$(BUTTON);
  return (await button?.boundingBox()) ?? null;
}

export async function waitForInlineButton(
  page: E2ePage,
  frameSelector?: string,
  timeout = 10_000,
): Promise<Box> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const box = await inlineButtonBox(page, frameSelector).catch(() => null);
    if (box && box.width > 0) return box;
    if (Date.now() > deadline)
      throw new Error(`no inline button${frameSelector ? ` in ${frameSelector}` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Our button ignores clicks for this long after it appears or moves (lib/content/inline-button.ts). */
const APPEAR_GRACE_MS = 600;

/** A trusted click at the centre of the button, once it has been on screen long enough to accept one. */
export async function clickInlineButton(page: E2ePage, frameSelector?: string): Promise<void> {
  await waitForInlineButton(page, frameSelector);
  await new Promise((r) => setTimeout(r, APPEAR_GRACE_MS));
  const box = await waitForInlineButton(page, frameSelector);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  if (page.kind === 'chromium') await (page.raw as PlaywrightPage).mouse.click(x, y);
  else await (page.raw as PuppeteerPage).mouse.click(x, y);
}

/** How many button hosts exist in the page and its same-origin frames. */
export async function countInlineButtons(page: E2ePage): Promise<number> {
  return page.evaluate((tag) => {
    const count = (doc: Document): number =>
      doc.querySelectorAll(tag).length +
      Array.from(doc.querySelectorAll('iframe')).reduce((n, f) => {
        try {
          return n + (f.contentDocument ? count(f.contentDocument) : 0);
        } catch {
          return n;
        }
      }, 0);
    return count(document);
  }, BUTTON);
}
