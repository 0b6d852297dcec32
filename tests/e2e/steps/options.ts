// The options page in e2e specs: opening it unlocked, and reading a file it saves.
//
// How a saved file is read:
// - Chromium: Playwright's `download` event on the page; the file is read from the path Playwright saved it to.
// - Firefox (puppeteer over WebDriver BiDi has no download event): before the click, the page's
//   `URL.createObjectURL` is wrapped to stash the Blob's text and a capturing click listener records the
//   `<a download>` name and cancels the browser's save (which would otherwise write to the user's Downloads
//   folder). The page calls `URL.createObjectURL` through the global `URL` object, so the wrapper sees the
//   exact Blob the user would have saved.
import { readFileSync } from 'node:fs';
import type { Page as PlaywrightPage } from '@playwright/test';
import type { E2ePage, ExtensionBrowser } from '../harness/browsers';
import { tid } from './popup';

/** Opens options.html in a new tab and waits until it shows the unlocked vault. */
export async function openOptions(ext: ExtensionBrowser): Promise<E2ePage> {
  const options = await ext.newPage(`${ext.extensionBaseUrl}/options.html`);
  await options.waitForSelector(`${tid('options-app')}[data-state="unlocked"]`, { state: 'attached' });
  return options;
}

/** Clicks the button `testId` and returns the file the page saved (its name and text). */
export async function saveFile(
  options: E2ePage,
  testId: string,
): Promise<{ fileName: string; text: string }> {
  if (options.kind === 'chromium') {
    const raw = options.raw as PlaywrightPage;
    const [download] = await Promise.all([raw.waitForEvent('download'), options.click(tid(testId))]);
    return { fileName: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  }
  await options.evaluate(() => {
    const captured: { fileName: string; text: string }[] = [];
    const texts: Promise<string>[] = [];
    Object.assign(window, { __capturedDownloads: captured });
    const original = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (object: Blob | MediaSource) => {
      if (object instanceof Blob) texts.push(object.text());
      return original(object);
    };
    window.addEventListener(
      'click',
      (event) => {
        const anchor = event.target;
        if (!(anchor instanceof HTMLAnchorElement) || !anchor.download) return;
        event.preventDefault();
        const fileName = anchor.download;
        void texts.shift()?.then((text) => captured.push({ fileName, text }));
      },
      true,
    );
  });
  await options.click(tid(testId));
  await options.waitForFunction(
    () => ((window as unknown as { __capturedDownloads?: unknown[] }).__capturedDownloads ?? []).length > 0,
    undefined,
    { timeout: 30_000 },
  );
  const [file] = await options.evaluate(
    () =>
      (window as unknown as { __capturedDownloads: { fileName: string; text: string }[] })
        .__capturedDownloads,
  );
  if (!file) throw new Error('no download captured');
  return file;
}
