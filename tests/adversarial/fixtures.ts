// The e2e fixtures, with one addition for mutation checks: ADVERSARIAL_EXTENSION_DIR_CHROMIUM /
// ADVERSARIAL_EXTENSION_DIR_FIREFOX point the browsers at another build (e.g. a copy of the sources with one
// defence disabled, built elsewhere), so "this test fails without the defence" is checked without touching
// the real sources or .output. Unset, this is exactly tests/e2e/harness/fixtures.
import { launchBrowser } from '../e2e/harness/browsers';
import { expect, test as e2eTest } from '../e2e/harness/fixtures';

export const test = e2eTest.extend({
  ext: async ({ browserKind, hosts }, use) => {
    const override =
      browserKind === 'chromium'
        ? process.env.ADVERSARIAL_EXTENSION_DIR_CHROMIUM
        : process.env.ADVERSARIAL_EXTENSION_DIR_FIREFOX;
    const ext = await launchBrowser(browserKind, { hosts, ...(override ? { extensionDir: override } : {}) });
    try {
      await use(ext);
    } finally {
      await ext.close();
    }
  },
});

export { expect };
