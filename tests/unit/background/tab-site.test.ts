import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../lib/background/router';
import { createHandlers } from '../../../lib/background/handlers';
import type { Reply } from '../../../lib/messaging';
import { fakeDeps } from './fakes';

const EXT_ID = 'abcdefghijklmnop';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;
const popup = { id: EXT_ID, url: `${EXT_ORIGIN}/popup.html` };

function tabSite(tabs: Record<number, string>, tabId: number, sender: object = popup) {
  const env = fakeDeps({ tabs });
  const route = createRouter(createHandlers(env.deps), { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN });
  return route({ type: 'tabSite', payload: { tabId } }, sender as never) as Promise<Reply<unknown>>;
}

describe('tabSite: where an account enrolled in this tab would be bound', () => {
  it.each([
    ['a single-owner console host', 'https://account.console.aliyun.com/mfa/bind', 'aliyun.com'],
    [
      'a tenant of a multi-tenant parent (the tenant host only)',
      'https://acme.service-now.com/login',
      'acme.service-now.com',
    ],
    ['a loopback page (host and port)', 'http://127.0.0.1:8765/account/mfa/bind', '127.0.0.1:8765'],
  ])('%s', async (_, url, site) => {
    const reply = await tabSite({ 7: url }, 7);
    expect(reply).toEqual({ ok: true, value: { origin: new URL(url).origin, suggestedSites: [site] } });
  });

  it.each([
    ['an extension page', 'chrome-extension://abcdefghijklmnop/popup.html'],
    ['a file', 'file:///home/alice/qr.html'],
    ['a tab that is gone', undefined],
  ])('suggests nothing for %s', async (_, url) => {
    const reply = await tabSite(url === undefined ? {} : { 7: url }, 7);
    expect(reply).toEqual({ ok: true, value: { origin: null, suggestedSites: [] } });
  });

  it('is refused to a content script', async () => {
    const page = 'https://account.console.aliyun.com/';
    const sender = {
      id: EXT_ID,
      url: page,
      origin: new URL(page).origin,
      tab: { id: 7, url: page },
      frameId: 0,
    };
    const reply = await tabSite({ 7: page }, 7, sender);
    expect(reply.ok).toBe(false);
  });
});
