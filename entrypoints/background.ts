import { browser } from 'wxt/browser';
import { createRouter, originOf } from '@/lib/background/router';
import { createHandlers } from '@/lib/background/handlers';
import { createBrowserDeps, LOCK_ALARM } from '@/lib/background/browser-deps';
import { lockNow } from '@/lib/background/unlocked-key';

export default defineBackground(() => {
  const deps = createBrowserDeps();
  const route = createRouter(createHandlers(deps), {
    extensionId: browser.runtime.id,
    extensionOrigin: originOf(browser.runtime.getURL('/')) ?? '',
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const reply = route(message, sender);
    if (!reply) return undefined;
    // why: sendResponse + `return true` works in both browsers; a returned promise does not everywhere.
    void reply.then(sendResponse);
    return true;
  });

  // The deadline in storage.session is the real lock; the alarm only makes it happen without a use.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === LOCK_ALARM) void deps.session.load();
  });
  browser.idle.onStateChanged.addListener((state) => {
    if (state === 'locked') void lockNow(deps);
  });
  browser.runtime.onStartup.addListener(() => void lockNow(deps));
});
