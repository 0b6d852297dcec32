// Steps about the extension's background (Chromium's service worker, Firefox's event page), observed from
// outside the extension through the harness's watchBackground().
import type { BackgroundWatch, ExtensionBrowser } from '../harness/browsers';

/**
 * Returns once the background is asleep (checked, not assumed). Chromium: the worker is stopped over CDP,
 * as Chrome does to an idle one. Firefox: it cannot be stopped from outside, so the browser must have been
 * launched with a short `backgroundIdleTimeoutMs` and this waits for Firefox to suspend the idle page.
 */
export async function backgroundAsleep(ext: ExtensionBrowser, watch: BackgroundWatch): Promise<void> {
  if (ext.kind === 'chromium' && !(await ext.stopServiceWorker())) {
    throw new Error('the service worker could not be stopped');
  }
  await watch.waitFor(false, 30_000);
}
