// Checks of the e2e harness itself (server, host mapping, popup targeting, restart/kill, HTTPS), so a
// failing product spec can be trusted to fail because of the product.
import { expect, test } from './harness/fixtures';

interface TabsApi {
  tabs: { get(id: number): Promise<{ url?: string }> };
}

test.describe('e2e harness', () => {
  test.describe('with a real host name mapped to loopback', () => {
    test.use({ hosts: ['signin.aliyun.com'] });

    test('serves a fixture under that name and records the form the page submits', async ({
      ext,
      server,
    }) => {
      const page = await ext.newPage(server.url('/smoke/otp.html', { host: 'signin.aliyun.com' }));

      expect(await page.evaluate(() => location.hostname)).toBe('signin.aliyun.com');
      await page.fill('#otp', '123456');
      await page.click('button[type="submit"]');
      await page.waitForSelector('#submitted');

      expect(server.submissions).toHaveLength(1);
      expect(server.submissions[0]?.fields).toEqual({ otp: '123456' });
      expect(server.submissions[0]?.host).toBe(`signin.aliyun.com:${server.port}`);
    });

    test('opens the popup aimed at the tab of a given page', async ({ ext, server }) => {
      const page = await ext.newPage(server.url('/smoke/otp.html', { host: 'signin.aliyun.com' }));

      const tabId = await ext.tabIdFor(page);
      const popup = await ext.openPopup(page);

      expect(popup.url()).toBe(`${ext.extensionBaseUrl}/popup.html?tabId=${tabId}`);
      await popup.reload();
      const targetUrl = await popup.evaluate(async (id) => {
        const api = ((globalThis as unknown as { browser?: TabsApi }).browser ??
          (globalThis as unknown as { chrome: TabsApi }).chrome) as TabsApi;
        return (await api.tabs.get(id)).url;
      }, tabId);
      expect(targetUrl).toBe(page.url());
    });
  });

  test('keeps extension IndexedDB data across a restart and a SIGKILL', async ({ ext }) => {
    const countVisits = async () => {
      const popup = await ext.openPopup();
      return popup.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const request = indexedDB.open('e2e-harness-probe', 1);
            request.onupgradeneeded = () => request.result.createObjectStore('visits');
            request.onerror = () => reject(request.error);
            request.onsuccess = () => {
              const transaction = request.result.transaction('visits', 'readwrite', { durability: 'strict' });
              const store = transaction.objectStore('visits');
              const read = store.get('count');
              let count = 0;
              read.onsuccess = () => {
                count = ((read.result as number | undefined) ?? 0) + 1;
                store.put(count, 'count');
              };
              transaction.oncomplete = () => resolve(count);
              transaction.onerror = () => reject(transaction.error);
            };
          }),
      );
    };

    expect(await countVisits()).toBe(1);
    await ext.restart();
    expect(await countVisits()).toBe(2);
    await ext.kill();
    await ext.restart();
    expect(await countVisits()).toBe(3);
  });

  test('stops the background service worker where the browser allows it', async ({ ext, browserKind }) => {
    expect(await ext.stopServiceWorker()).toBe(browserKind === 'chromium');
    // The extension still works afterwards: its pages open and reach the extension API.
    const popup = await ext.openPopup();
    expect(await popup.evaluate(() => location.protocol)).toMatch(/^(chrome|moz)-extension:$/);
  });

  test.describe('over HTTPS with a throwaway certificate', () => {
    test.use({ hosts: ['github.com'], serverHttps: true });

    test('loads an HSTS-preloaded host name from the local server', async ({ ext, server }) => {
      const url = server.url('/smoke/otp.html', { host: 'github.com', https: true });
      const page = await ext.newPage(url);

      expect(page.url()).toBe(url);
      expect(await page.textContent('h1')).toBe('Two-step verification');
      expect(server.requests.some((r) => r.secure && r.url === '/smoke/otp.html')).toBe(true);
    });
  });
});
