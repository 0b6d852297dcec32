// Playwright fixtures shared by every e2e spec. Each project sets `browserKind`, so a spec written once runs
// in real Chromium and in real Firefox. Per test: a fresh server on its own port and a fresh browser profile.
//
//   test.use({ hosts: ['signin.aliyun.com'], serverHttps: true });
//   test('...', async ({ ext, server }) => { await ext.newPage(server.url('/login/x.html', { host: ... })) });
import { test as base, expect } from '@playwright/test';
import { launchBrowser, type BrowserKind, type ExtensionBrowser } from './browsers';
import { startServer, type TestServer } from './server';

export interface E2eOptions {
  browserKind: BrowserKind;
  /** Host names the browser resolves to 127.0.0.1. */
  hosts: string[];
  /** Start the test server's HTTPS listener too. */
  serverHttps: boolean;
  /** Firefox only: suspend the idle event page after this many ms (see LaunchOptions). */
  backgroundIdleTimeoutMs: number | undefined;
}

export interface E2eFixtures {
  server: TestServer;
  /** The browser with the built extension loaded, on a temporary profile. */
  ext: ExtensionBrowser;
}

export const test = base.extend<E2eFixtures & E2eOptions>({
  browserKind: ['chromium', { option: true }],
  hosts: [[], { option: true }],
  serverHttps: [false, { option: true }],
  backgroundIdleTimeoutMs: [undefined, { option: true }],
  server: async ({ serverHttps }, use) => {
    const server = await startServer({ https: serverHttps });
    try {
      await use(server);
    } finally {
      await server.close();
    }
  },
  ext: async ({ browserKind, hosts, backgroundIdleTimeoutMs }, use, testInfo) => {
    const ext = await launchBrowser(browserKind, { hosts, backgroundIdleTimeoutMs });
    try {
      await use(ext);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        // why: a screenshot of every open page is the quickest way to see why an e2e test failed.
        const pages = await ext.pages().catch(() => []);
        for (const [index, page] of pages.entries()) {
          const body = await page.screenshot().catch(() => undefined);
          if (body) await testInfo.attach(`page-${index}.png`, { body, contentType: 'image/png' });
        }
      }
      await ext.close();
    }
  },
});

export { expect };
