// The popup's first screen before its app has loaded: a classic script in popup.html's <head> (classic
// scripts run as soon as they arrive; the app's module graph is evaluated tens of ms later). See
// lib/ui/first-screen.ts. It must stay small: everything here is loaded on every open.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import {
  FIRST_SCREEN_GLOBAL,
  prepareFirstScreen,
  startFirstReads,
  type FirstReadApi,
  type FirstScreenHandoff,
} from '../lib/ui/first-screen';
import { buildFirstScreen, buildFirstScreenFrame } from '../lib/ui/first-screen-dom';
import { START_KEYS } from '../lib/ui/snapshot-views';

/**
 * Resolves once the parser has made #app (or finished the page without one). Watching for the element
 * itself: the page's readystatechange comes only after the parser's last step, ~5 ms later at times.
 */
const appMade = () =>
  new Promise<void>((resolve) => {
    const done = () => {
      if (!document.getElementById('app') && document.readyState === 'loading') return;
      observer.disconnect();
      document.removeEventListener('readystatechange', done);
      resolve();
    };
    const observer = new MutationObserver(done);
    observer.observe(document, { childList: true, subtree: true });
    document.addEventListener('readystatechange', done);
  });

type ExtensionApi = FirstReadApi & {
  i18n: { getMessage(key: string, substitutions?: string | string[]): string; getUILanguage(): string };
};

export default defineUnlistedScript(() => {
  // why: the native API (promise-based in both browsers' MV3 pages); the polyfill would double this script.
  const scope = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = scope.browser ?? scope.chrome;
  if (!api?.storage?.session) return;
  const reads = startFirstReads(api, location.search, START_KEYS);
  // why: as the app's translator: a missing message shows its key, never an empty label.
  const t = (key: string, substitutions?: string | string[]) =>
    api.i18n.getMessage(key, substitutions) || key;
  // why: the page's name, language and direction before anything is drawn (the <title> holds __MSG_extName__
  // so the manifest's action title is localized; the page shows the real name).
  document.title = t('extName');
  document.documentElement.lang = api.i18n.getUILanguage();
  document.documentElement.dir = api.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';

  const draw = async (): Promise<boolean> => {
    // why: the header, actions and search do not depend on the reads: built while they are on their way.
    const frame = buildFirstScreenFrame(document, t);
    const [values, tab] = await Promise.all([reads.values, reads.tab]);
    const now = Date.now();
    const screen = await prepareFirstScreen(values, tab, api.storage.session, now, crypto.subtle);
    // why: the parser resumes after this script; #app is empty in the page, so once the parser has made
    // it, nothing of the page goes into it and the rows can be drawn there.
    if (document.readyState === 'loading' && !document.getElementById('app')) await appMade();
    const root = document.getElementById('app');
    if (!screen || handoff.claimed || !root) return false;
    root.replaceChildren(...buildFirstScreen(document, screen.list, now, t, frame));
    handoff.shown = screen;
    return true;
  };
  const handoff: FirstScreenHandoff = {
    reads,
    shown: null,
    // why: the app shows every failure itself; the first screen is only ever a head start.
    settled: Promise.resolve()
      .then(draw)
      .catch(() => false),
    claimed: false,
  };
  (window as unknown as Record<string, unknown>)[FIRST_SCREEN_GLOBAL] = handoff;
});
