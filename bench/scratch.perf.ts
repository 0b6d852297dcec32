import { test, type Page } from '@playwright/test';
import { launchBrowser } from '../tests/e2e/harness/browsers';
import { startServer } from '../tests/e2e/harness/server';
import { PASSWORD, sendOk, timedSend } from './support/extension-page';

test('probe', async () => {
  const server = await startServer();
  const ext = await launchBrowser('chromium');
  try {
    const admin = await ext.openPopup();
    await admin.waitForSelector('[data-testid="app"]', { state: 'attached' });
    await sendOk(admin, 'createVault', { password: PASSWORD });
    const page = await ext.newPage(server.url('/enroll/aliyun-bind-mfa-en.html'));
    const raw = page.raw as Page;
    const session = await raw.context().newCDPSession(raw);
    const tabId = await ext.tabIdFor(page);
    const popup = await ext.openPopup(tabId);
    await popup.waitForSelector('[data-testid="app"]', { state: 'attached' });
    const shot = async (what: string) => {
      await page.bringToFront();
      await new Promise((r) => setTimeout(r, 1100));
      const r = await timedSend<{ sources: { dataUrl: string; screenshot: boolean }[] }>(popup, 'scanTab', {
        tabId,
        screenshot: true,
      });
      const s = r.reply.ok ? r.reply.value.sources.find((x) => x.screenshot) : undefined;
      const dims = s
        ? await popup.evaluate(async (u) => {
            const b = await createImageBitmap(await (await fetch(u)).blob());
            return [b.width, b.height];
          }, s.dataUrl)
        : null;
      console.log(
        what,
        dims,
        await page.evaluate(() => [innerWidth, innerHeight, outerWidth, outerHeight, devicePixelRatio]),
      );
    };
    await shot('default');
    await raw.setViewportSize({ width: 1280, height: 800 });
    await shot('setViewportSize');
    await session.send('Emulation.clearDeviceMetricsOverride');
    const { windowId } = await session.send('Browser.getWindowForTarget');
    await session.send('Browser.setWindowBounds', { windowId, bounds: { width: 1280, height: 800 } });
    await shot('window 1280x800');
    await session.send('Browser.setWindowBounds', { windowId, bounds: { width: 1280, height: 887 } });
    await shot('window 1280x887');
  } finally {
    await ext.close();
    await server.close();
  }
});
