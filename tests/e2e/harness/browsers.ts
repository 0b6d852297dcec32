// One driver API over real Chromium and real Firefox, so e2e specs are written once.
//
//   const ext = await launchBrowser('chromium' | 'firefox', { hosts: ['signin.aliyun.com'] });
//   const page = await ext.newPage(server.url('/smoke/otp.html', { host: 'signin.aliyun.com' }));
//   const popup = await ext.openPopup(page);          // popup.html?tabId=N targets the page's tab
//   await popup.waitForSelector('[data-testid="app"]');
//   await ext.restart();                              // same profile; old page objects are gone
//   await ext.close();
//
// Chromium: Playwright `launchPersistentContext` on /usr/bin/chromium with the flags that keep it offline and load our extension; the
//   extension id is the host of the background service worker URL; kill() finds the browser process by its
//   --user-data-dir in /proc; stopServiceWorker() closes the worker target over CDP.
// Firefox: puppeteer-core over WebDriver BiDi on /usr/bin/firefox-esr; the moz-extension UUID is pinned with
//   `extensions.webextensions.uuids` so it is the same across restarts. The extension is installed as a
//   temporary add-on, which Firefox drops on shutdown: restart() installs it again, and because the UUID is
//   pinned its IndexedDB and storage.local data are found again (checked: data written before a restart
//   is read back after it). Navigations to moz-extension:// never resolve over BiDi, so goto() to them fires
//   the navigation and waits for the document instead. There is no way to stop the event page from here:
//   stopServiceWorker() returns false; `backgroundIdleTimeoutMs` makes Firefox suspend it sooner instead.
// watchBackground() tells whether the background runs and counts its starts, from outside the extension:
//   Chromium over CDP (the worker's target), Firefox from about:debugging's "Background script" status.
// Host names given in `hosts` resolve to 127.0.0.1 (Chromium --host-resolver-rules, Firefox
// network.dns.localDomains); every other name fails to resolve, and Firefox runs with
// MOZ_DISABLE_NONLOCAL_CONNECTIONS=1. Both accept the test server's self-signed certificate.
import { chromium, type BrowserContext, type Page as PlaywrightPage } from '@playwright/test';
import puppeteer, { type Browser as PuppeteerBrowser, type Page as PuppeteerPage } from 'puppeteer-core';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type BrowserKind = 'chromium' | 'firefox';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Built extension folder for a browser (run `npm run build` first). */
export function extensionDirFor(kind: BrowserKind): string {
  return path.join(REPO_ROOT, '.output', kind === 'chromium' ? 'chrome-mv3' : 'firefox-mv3');
}

// why: a fixed UUID keeps moz-extension:// URLs (and with them IndexedDB) stable across restarts and runs.
export const FIREFOX_EXTENSION_UUID = '6d3f7c1e-2b7a-4c1d-9e55-0a1b2c3d4e5f';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const DEFAULT_TIMEOUT_MS = 15_000;

export type SelectorState = 'attached' | 'detached' | 'visible' | 'hidden';
export type PageFunction<A, R> = (arg: A) => R | Promise<R>;

export interface WaitOptions {
  /** Default 'visible' (as in Playwright). */
  state?: SelectorState;
  timeout?: number;
}

/** The page API common to both browsers. `raw` is the underlying Playwright or puppeteer page. */
export interface E2ePage {
  readonly kind: BrowserKind;
  readonly raw: PlaywrightPage | PuppeteerPage;
  url(): string;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  title(): Promise<string>;
  click(selector: string): Promise<void>;
  /** Replace the field's value (clears first). */
  fill(selector: string, value: string): Promise<void>;
  /** Focus the field and type key by key. */
  type(selector: string, text: string): Promise<void>;
  /** One key or a combination such as 'Alt+Shift+F' (Playwright key names). */
  press(key: string): Promise<void>;
  evaluate<R, A = undefined>(fn: PageFunction<A, R>, arg?: A): Promise<R>;
  /** Evaluate in the first frame whose URL contains `frameUrlPart`. */
  evaluateInFrame<R, A = undefined>(frameUrlPart: string, fn: PageFunction<A, R>, arg?: A): Promise<R>;
  /** Poll `fn` in the page until it returns a truthy value. */
  waitForFunction<A = undefined>(
    fn: PageFunction<A, unknown>,
    arg?: A,
    options?: { timeout?: number },
  ): Promise<void>;
  waitForSelector(selector: string, options?: WaitOptions): Promise<void>;
  /** Waits for the element to exist, then returns its textContent. */
  textContent(selector: string): Promise<string | null>;
  screenshot(filePath?: string): Promise<Buffer>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Host names mapped to 127.0.0.1 (e.g. 'signin.aliyun.com'). */
  hosts?: string[];
  /** Persistent profile folder; a fresh temporary one (deleted by close()) when omitted. */
  profileDir?: string;
  /** Built extension folder; defaults to extensionDirFor(kind). */
  extensionDir?: string;
  /**
   * Browser UI language (e.g. 'de', 'zh-CN'), which picks the extension's messages; the browser's default
   * when omitted. Chromium: --lang (its messages follow; i18n.getUILanguage() still says en-US where the
   * build has no resource pack for it). Firefox: intl.locale.requested, which only takes effect for a
   * language whose language pack is installed.
   */
  locale?: string;
  /**
   * Firefox only: `extensions.background.idle.timeout`, the idle time in ms after which the event page is
   * suspended (Firefox's default is 30 s). Ignored by Chromium, whose worker is stopped with
   * stopServiceWorker().
   */
  backgroundIdleTimeoutMs?: number;
}

/** The extension's background as seen from outside it (no test code in the extension). */
export interface BackgroundWatch {
  /** Whether the background (service worker / event page) runs now. */
  running(): Promise<boolean>;
  /** Starts seen since the watch began (one already running or starting then is not counted). */
  starts(): Promise<number>;
  /** Polls until running() equals `running`. */
  waitFor(running: boolean, timeout?: number): Promise<void>;
  dispose(): Promise<void>;
}

type BackgroundProbe = Omit<BackgroundWatch, 'waitFor'>;

export interface ExtensionBrowser {
  readonly kind: BrowserKind;
  /** chrome-extension://ID or moz-extension://UUID (no trailing slash). */
  readonly extensionBaseUrl: string;
  readonly profileDir: string;
  newPage(url?: string): Promise<E2ePage>;
  /** Tab id of the open tab showing `target` (a page or its URL); the most recent tab when several match. */
  tabIdFor(target: E2ePage | string): Promise<number>;
  /** Opens popup.html in a tab; with a target, popup.html?tabId=N so the popup acts on that tab. */
  openPopup(target?: E2ePage | string | number): Promise<E2ePage>;
  pages(): Promise<E2ePage[]>;
  /** Close and launch again on the same profile. Page objects from before are dead. */
  restart(): Promise<void>;
  /** SIGKILL the browser process (no clean shutdown). Call restart() to continue. */
  kill(): Promise<void>;
  /** Terminate the extension's background service worker. Returns false where that is not possible. */
  stopServiceWorker(): Promise<boolean>;
  /**
   * Starts watching the background. Chromium: a CDP session on the browser. Firefox: a tab showing
   * about:debugging (it lists tabs like any other page; dispose() closes it).
   */
  watchBackground(): Promise<BackgroundWatch>;
  close(): Promise<void>;
}

interface TabInfo {
  id?: number;
  url?: string;
}

// why: evaluated inside an extension page, where `browser` (Firefox) or `chrome` (Chromium) is the API.
function queryAllTabsInExtensionPage(): Promise<TabInfo[]> {
  const api =
    (globalThis as unknown as { browser?: unknown; chrome?: unknown }).browser ??
    (globalThis as unknown as { chrome?: unknown }).chrome;
  return (api as { tabs: { query(q: object): Promise<TabInfo[]> } }).tabs.query({});
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Page wrappers

// why: Playwright types `arg` through its Unboxed<> mapping; our arguments are plain serialisable values.
type LooseFunction = (arg: unknown) => unknown;

function wrapPlaywrightPage(page: PlaywrightPage): E2ePage {
  return {
    kind: 'chromium',
    raw: page,
    url: () => page.url(),
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    title: () => page.title(),
    click: (selector) => page.click(selector, { timeout: DEFAULT_TIMEOUT_MS }),
    fill: (selector, value) => page.fill(selector, value, { timeout: DEFAULT_TIMEOUT_MS }),
    type: (selector, text) => page.locator(selector).pressSequentially(text, { timeout: DEFAULT_TIMEOUT_MS }),
    press: (key) => page.keyboard.press(key),
    evaluate: async <R, A>(fn: PageFunction<A, R>, arg?: A) =>
      (await page.evaluate(fn as LooseFunction, arg)) as R,
    evaluateInFrame: async <R, A>(frameUrlPart: string, fn: PageFunction<A, R>, arg?: A) => {
      const frame = page.frames().find((f) => f.url().includes(frameUrlPart));
      if (!frame) throw new Error(`no frame whose URL contains ${frameUrlPart}`);
      return (await frame.evaluate(fn as LooseFunction, arg)) as R;
    },
    waitForFunction: async (fn, arg, options) =>
      void (await page.waitForFunction(fn as LooseFunction, arg, {
        timeout: options?.timeout ?? DEFAULT_TIMEOUT_MS,
      })),
    waitForSelector: async (selector, options) =>
      void (await page.waitForSelector(selector, {
        state: options?.state ?? 'visible',
        timeout: options?.timeout ?? DEFAULT_TIMEOUT_MS,
      })),
    textContent: (selector) => page.textContent(selector, { timeout: DEFAULT_TIMEOUT_MS }),
    screenshot: (filePath) => page.screenshot(filePath ? { path: filePath } : {}),
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
}

const STALE_DOCUMENT_MARK = '__e2eStaleDocument';

// why: BiDi `browsingContext.navigate` to a moz-extension:// URL never resolves; wait for the document instead.
// Documents marked with STALE_DOCUMENT_MARK (the one being reloaded) do not count.
async function waitForDocumentAt(
  page: PuppeteerPage,
  url: string,
  timeout = DEFAULT_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    try {
      const [href, readyState, stale] = await page.evaluate(
        (mark) => [location.href, document.readyState, mark in window] as const,
        STALE_DOCUMENT_MARK,
      );
      if (href === url && readyState !== 'loading' && !stale) return;
    } catch {
      // the document is being replaced; try again
    }
    await sleep(100);
  }
  throw new Error(`page did not load ${url} within ${timeout} ms`);
}

async function gotoPuppeteer(page: PuppeteerPage, url: string): Promise<void> {
  if (url.startsWith('moz-extension:')) {
    page.goto(url).catch(() => undefined);
    await waitForDocumentAt(page, url);
    return;
  }
  await page.goto(url, { timeout: DEFAULT_TIMEOUT_MS });
}

async function pressCombination(page: PuppeteerPage, combination: string): Promise<void> {
  // why: puppeteer presses one key at a time; Playwright-style 'Alt+Shift+F' is split into modifiers + key.
  const parts = combination.length > 1 ? combination.split('+') : [combination];
  const key = parts.pop() || '+';
  const modifiers = parts.map((m) => (m === 'ControlOrMeta' ? 'Control' : m));
  type KeyName = Parameters<PuppeteerPage['keyboard']['press']>[0];
  for (const modifier of modifiers) await page.keyboard.down(modifier as KeyName);
  await page.keyboard.press(key as KeyName);
  for (const modifier of modifiers.reverse()) await page.keyboard.up(modifier as KeyName);
}

function wrapPuppeteerPage(page: PuppeteerPage): E2ePage {
  // why: after a moz-extension:// navigation puppeteer keeps reporting about:blank; remember where we went.
  let extensionUrl: string | undefined;
  const evaluateIn = async <R, A>(
    target: PuppeteerPage | ReturnType<PuppeteerPage['mainFrame']>,
    fn: PageFunction<A, R>,
    arg?: A,
  ): Promise<R> => (await target.evaluate(fn as LooseFunction, arg)) as R;
  return {
    kind: 'firefox',
    raw: page,
    url: () => {
      const reported = page.url();
      return reported === 'about:blank' && extensionUrl ? extensionUrl : reported;
    },
    goto: async (url) => {
      extensionUrl = undefined;
      await gotoPuppeteer(page, url);
      if (url.startsWith('moz-extension:')) extensionUrl = url;
    },
    reload: async () => {
      const url = extensionUrl ?? page.url();
      if (url.startsWith('moz-extension:')) {
        await page.evaluate((mark) => Object.assign(window, { [mark]: true }), STALE_DOCUMENT_MARK);
        page.reload().catch(() => undefined);
        await waitForDocumentAt(page, url);
      } else {
        await page.reload({ timeout: DEFAULT_TIMEOUT_MS });
      }
    },
    title: () => page.title(),
    click: (selector) => page.locator(selector).setTimeout(DEFAULT_TIMEOUT_MS).click(),
    fill: (selector, value) => page.locator(selector).setTimeout(DEFAULT_TIMEOUT_MS).fill(value),
    type: async (selector, text) => {
      await page.waitForSelector(selector, { timeout: DEFAULT_TIMEOUT_MS });
      await page.type(selector, text);
    },
    press: (key) => pressCombination(page, key),
    evaluate: (fn, arg) => evaluateIn(page, fn, arg),
    evaluateInFrame: async (frameUrlPart, fn, arg) => {
      const frame = page.frames().find((f) => f.url().includes(frameUrlPart));
      if (!frame) throw new Error(`no frame whose URL contains ${frameUrlPart}`);
      return evaluateIn(frame, fn, arg);
    },
    waitForFunction: async (fn, arg, options) =>
      void (await page.waitForFunction(
        fn as LooseFunction,
        { timeout: options?.timeout ?? DEFAULT_TIMEOUT_MS, polling: 100 },
        arg,
      )),
    waitForSelector: async (selector, options) => {
      const timeout = options?.timeout ?? DEFAULT_TIMEOUT_MS;
      switch (options?.state ?? 'visible') {
        case 'attached':
          await page.waitForSelector(selector, { timeout });
          return;
        case 'visible':
          await page.waitForSelector(selector, { timeout, visible: true });
          return;
        case 'hidden':
          await page.waitForSelector(selector, { timeout, hidden: true });
          return;
        case 'detached':
          await page.waitForFunction(
            (s: string) => !document.querySelector(s),
            { timeout, polling: 100 },
            selector,
          );
          return;
      }
    },
    textContent: async (selector) => {
      await page.waitForSelector(selector, { timeout: DEFAULT_TIMEOUT_MS });
      return page.$eval(selector, (element) => element.textContent);
    },
    screenshot: async (filePath) =>
      Buffer.from(await page.screenshot(filePath ? { path: filePath as `${string}.png` } : {})),
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Browser drivers: the part that differs per browser. ExtensionBrowser adds the shared logic on top.

interface Driver {
  readonly extensionBaseUrl: string;
  newRawPage(): Promise<E2ePage>;
  pages(): Promise<E2ePage[]>;
  kill(): Promise<void>;
  stopServiceWorker(): Promise<boolean>;
  watchBackground(): Promise<BackgroundProbe>;
  close(): Promise<void>;
}

function chromiumArgs(extensionDir: string, hosts: readonly string[]): string[] {
  const mapped = hosts.map((host) => `MAP ${host} 127.0.0.1, `).join('');
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--host-resolver-rules=${mapped}MAP * ~NOTFOUND , EXCLUDE 127.0.0.1`,
    // why: Playwright's ignoreHTTPSErrors covers pages only; the extension's service worker (its fetch of
    // the test server's self-signed HTTPS) needs the browser-wide switch.
    '--ignore-certificate-errors',
    // why: Playwright adds --disable-extensions; --load-extension alone does not load anything.
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
}

/** Pid of the main Chromium process using this profile (renderers carry --type=...). */
function findChromiumBrowserPid(profileDir: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (argv.includes(`--user-data-dir=${profileDir}`) && !argv.some((a) => a.startsWith('--type='))) {
      return Number(entry);
    }
  }
  return undefined;
}

async function launchChromiumDriver(
  profileDir: string,
  extensionDir: string,
  hosts: string[],
  locale?: string,
): Promise<Driver> {
  const context: BrowserContext = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreHTTPSErrors: true,
    args: [...chromiumArgs(extensionDir, hosts), ...(locale ? [`--lang=${locale}`] : [])],
  });
  const wrappers = new WeakMap<PlaywrightPage, E2ePage>();
  const wrap = (page: PlaywrightPage): E2ePage => {
    let wrapper = wrappers.get(page);
    if (!wrapper) wrappers.set(page, (wrapper = wrapPlaywrightPage(page)));
    return wrapper;
  };
  const isExtensionWorker = (url: string) => url.startsWith('chrome-extension://');
  const worker =
    context.serviceWorkers().find((w) => isExtensionWorker(w.url())) ??
    (await context.waitForEvent('serviceworker', {
      predicate: (w) => isExtensionWorker(w.url()),
      timeout: DEFAULT_TIMEOUT_MS,
    }));
  const extensionBaseUrl = `chrome-extension://${new URL(worker.url()).host}`;

  return {
    extensionBaseUrl,
    newRawPage: async () => wrap(await context.newPage()),
    pages: async () => context.pages().map(wrap),
    kill: async () => {
      const pid = findChromiumBrowserPid(profileDir);
      if (pid === undefined) throw new Error(`no Chromium process found for profile ${profileDir}`);
      const closed = new Promise<void>((resolve) => context.once('close', () => resolve()));
      process.kill(pid, 'SIGKILL');
      await withTimeout(closed, DEFAULT_TIMEOUT_MS, 'Chromium to exit after SIGKILL');
    },
    stopServiceWorker: async () => {
      const browser = context.browser();
      if (!browser) throw new Error('persistent context has no browser handle for CDP');
      const session = await browser.newBrowserCDPSession();
      try {
        const workerTargets = async () =>
          (await session.send('Target.getTargets')).targetInfos.filter(
            (t) => t.type === 'service_worker' && t.url.startsWith(extensionBaseUrl + '/'),
          );
        // why: a close sent while the worker is still starting (right after launch) is acknowledged but
        // ignored, so keep closing until the target is gone.
        const deadline = Date.now() + DEFAULT_TIMEOUT_MS;
        for (let targets = await workerTargets(); targets.length > 0; targets = await workerTargets()) {
          if (Date.now() > deadline) throw new Error('extension service worker did not stop');
          for (const target of targets) {
            await session.send('Target.closeTarget', { targetId: target.targetId }).catch(() => undefined);
          }
          await sleep(200);
        }
        return true;
      } finally {
        await session.detach().catch(() => undefined);
      }
    },
    watchBackground: async () => {
      const browser = context.browser();
      if (!browser) throw new Error('persistent context has no browser handle for CDP');
      const session = await browser.newBrowserCDPSession();
      const ours = (t: { type: string; url: string }) =>
        t.type === 'service_worker' && t.url.startsWith(extensionBaseUrl + '/');
      const workerTargets = async () => (await session.send('Target.getTargets')).targetInfos.filter(ours);
      // why: a browser-level CDP session gets no target event when the worker stops or starts again (checked
      // in Chromium 156: Target.setDiscoverTargets reports neither), so starts are counted by polling the
      // target list. Chromium keeps a started worker for 30 s of idleness, far longer than a poll.
      let last: boolean | undefined;
      let starts = 0;
      let polling: Promise<void> = Promise.resolve();
      const poll = () =>
        (polling = polling
          .catch(() => undefined)
          .then(async () => {
            const now = (await workerTargets()).length > 0;
            if (last === false && now) starts += 1;
            last = now;
          }));
      await poll();
      const timer = setInterval(() => void poll().catch(() => undefined), 100);
      return {
        running: async () => {
          await poll();
          return last === true;
        },
        starts: async () => {
          await poll();
          return starts;
        },
        dispose: async () => {
          clearInterval(timer);
          await polling.catch(() => undefined);
          await session.detach().catch(() => undefined);
        },
      };
    },
    close: () => context.close(),
  };
}

const ABOUT_DEBUGGING = 'about:debugging#/runtime/this-firefox';

interface StatusLog {
  /** 'running', 'stopped', …: the state class of the status element; null while it is not shown. */
  status: string | null;
  starts: number;
}

// why: evaluated in about:debugging (self-contained: it is serialised). The add-on's card is found by its
// internal UUID; its background status element carries a state class (…__status--running / --stopped),
// which does not depend on the UI language. The first call installs an observer: about:debugging
// re-renders the status when Firefox reports a start or stop, and the observer records every change, so
// a start between two polls (and the stop after it) is still counted.
function backgroundStatusInAboutDebugging([uuid, key]: readonly [string, string]): StatusLog {
  const read = (): string | null => {
    const field = [...document.querySelectorAll('dd')].find((dd) => dd.textContent?.trim() === uuid);
    const element = field?.closest('section')?.querySelector('.qa-extension-backgroundscript-status');
    return element?.className.match(/extension-backgroundscript__status--(\w+)/)?.[1] ?? null;
  };
  const store = window as unknown as Record<string, StatusLog | undefined>;
  let log = store[key];
  if (!log) {
    const first = read();
    if (first === null) return { status: null, starts: 0 };
    const created: StatusLog = { status: first, starts: 0 };
    store[key] = log = created;
    new MutationObserver(() => {
      const now = read();
      if (now === null || now === created.status) return;
      if (now === 'running') created.starts += 1;
      created.status = now;
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }
  return { status: read(), starts: log.starts };
}

/**
 * After Firefox exits, puppeteer puts back the profile's prefs.js and user.js from the `.puppeteer` copies
 * it made at launch, in an exit handler nobody can await. A launch on the same profile before that ends
 * copies a prefs.js that is being unlinked (ENOENT), so a restart after a kill waits for the copies to go.
 */
async function profileRestored(profileDir: string): Promise<void> {
  const deadline = Date.now() + DEFAULT_TIMEOUT_MS;
  const pending = () => readdirSync(profileDir).filter((name) => name.endsWith('.puppeteer'));
  while (pending().length > 0) {
    if (Date.now() > deadline) {
      throw new Error(`puppeteer did not restore ${pending().join(', ')} in ${profileDir}`);
    }
    await sleep(50);
  }
}

function geckoIdOf(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

async function launchFirefoxDriver(
  profileDir: string,
  extensionDir: string,
  hosts: string[],
  locale?: string,
  backgroundIdleTimeoutMs?: number,
): Promise<Driver> {
  const geckoId = geckoIdOf(extensionDir);
  const browser: PuppeteerBrowser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: profileDir,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_EXTENSION_UUID }),
      ...(hosts.length > 0 ? { 'network.dns.localDomains': hosts.join(',') } : {}),
      ...(locale ? { 'intl.locale.requested': locale } : {}),
      ...(backgroundIdleTimeoutMs !== undefined
        ? { 'extensions.background.idle.timeout': backgroundIdleTimeoutMs }
        : {}),
    },
  });
  try {
    const installedId = await browser.installExtension(extensionDir);
    if (installedId !== geckoId) throw new Error(`installed add-on id ${installedId}, expected ${geckoId}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  const wrappers = new WeakMap<PuppeteerPage, E2ePage>();
  const wrap = (page: PuppeteerPage): E2ePage => {
    let wrapper = wrappers.get(page);
    if (!wrapper) wrappers.set(page, (wrapper = wrapPuppeteerPage(page)));
    return wrapper;
  };
  return {
    extensionBaseUrl: `moz-extension://${FIREFOX_EXTENSION_UUID}`,
    newRawPage: async () => wrap(await browser.newPage()),
    pages: async () => (await browser.pages()).map(wrap),
    kill: async () => {
      const child = browser.process();
      if (!child || child.exitCode !== null) throw new Error('no running Firefox process to kill');
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await withTimeout(exited, DEFAULT_TIMEOUT_MS, 'Firefox to exit after SIGKILL');
      await browser.disconnect().catch(() => undefined);
      await profileRestored(profileDir);
    },
    stopServiceWorker: async () => false,
    watchBackground: async () => {
      const page = await browser.newPage();
      const args = [FIREFOX_EXTENSION_UUID, '__e2eBackgroundStatus'] as const;
      // why: like moz-extension:// navigations, this one does not resolve over BiDi; poll for the card.
      page.goto(ABOUT_DEBUGGING).catch(() => undefined);
      const deadline = Date.now() + DEFAULT_TIMEOUT_MS;
      while (
        (await page.evaluate(backgroundStatusInAboutDebugging, args).catch(() => null))?.status == null
      ) {
        if (Date.now() > deadline) {
          await page.close().catch(() => undefined);
          throw new Error(`about:debugging shows no background status for ${FIREFOX_EXTENSION_UUID}`);
        }
        await sleep(100);
      }
      const read = async () => {
        // why: tolerate a moment without the element, should a re-render replace the card.
        for (let attempt = 0; ; attempt++) {
          const log = await page.evaluate(backgroundStatusInAboutDebugging, args);
          if (log.status !== null) return log;
          if (attempt === 20) throw new Error('about:debugging no longer shows the background status');
          await sleep(100);
        }
      };
      return {
        running: async () => (await read()).status === 'running',
        starts: async () => (await read()).starts,
        dispose: () => page.close().catch(() => undefined),
      };
    },
    close: () => browser.close(),
  };
}

// ---------------------------------------------------------------------------------------------------------

export async function launchBrowser(
  kind: BrowserKind,
  options: LaunchOptions = {},
): Promise<ExtensionBrowser> {
  const hosts = options.hosts ?? [];
  const extensionDir = path.resolve(options.extensionDir ?? extensionDirFor(kind));
  try {
    readFileSync(path.join(extensionDir, 'manifest.json'));
  } catch {
    throw new Error(`no built extension at ${extensionDir}: run \`npm run build\` first`);
  }
  const ownsProfile = options.profileDir === undefined;
  const profileDir = path.resolve(options.profileDir ?? mkdtempSync(path.join(tmpdir(), `e2e-${kind}-`)));
  const launchDriver = () =>
    kind === 'chromium'
      ? launchChromiumDriver(profileDir, extensionDir, hosts, options.locale)
      : launchFirefoxDriver(profileDir, extensionDir, hosts, options.locale, options.backgroundIdleTimeoutMs);

  let driver: Driver | undefined = await launchDriver();
  const live = (): Driver => {
    if (!driver) throw new Error(`${kind} is not running (killed or closed); call restart()`);
    return driver;
  };
  const extensionBaseUrl = live().extensionBaseUrl;

  const newPage = async (url?: string): Promise<E2ePage> => {
    const page = await live().newRawPage();
    if (url) await page.goto(url);
    return page;
  };

  const tabIdFor = async (target: E2ePage | string): Promise<number> => {
    const url = typeof target === 'string' ? target : await target.evaluate(() => location.href);
    // why: only an extension page can list tabs with their ids; a short-lived popup page does it.
    const probe = await newPage(`${extensionBaseUrl}/popup.html`);
    try {
      const tabs = await probe.evaluate(queryAllTabsInExtensionPage);
      const matches = tabs.filter((tab) => tab.url === url && typeof tab.id === 'number');
      const last = matches[matches.length - 1];
      if (last?.id === undefined) {
        throw new Error(`no tab shows ${url}; open tabs: ${tabs.map((t) => t.url).join(', ')}`);
      }
      return last.id;
    } finally {
      await probe.close();
    }
  };

  return {
    kind,
    extensionBaseUrl,
    profileDir,
    newPage,
    tabIdFor,
    openPopup: async (target) => {
      const tabId = target === undefined || typeof target === 'number' ? target : await tabIdFor(target);
      return newPage(`${extensionBaseUrl}/popup.html${tabId === undefined ? '' : `?tabId=${tabId}`}`);
    },
    pages: () => live().pages(),
    restart: async () => {
      if (driver) await driver.close();
      driver = undefined;
      driver = await launchDriver();
    },
    kill: async () => {
      await live().kill();
      driver = undefined;
    },
    stopServiceWorker: () => live().stopServiceWorker(),
    watchBackground: async () => {
      const probe = await live().watchBackground();
      return {
        ...probe,
        waitFor: async (running, timeout = 30_000) => {
          const deadline = Date.now() + timeout;
          while ((await probe.running()) !== running) {
            if (Date.now() > deadline) {
              throw new Error(`background still ${running ? 'stopped' : 'running'} after ${timeout} ms`);
            }
            await sleep(100);
          }
        },
      };
    },
    close: async () => {
      try {
        if (driver) await driver.close();
      } finally {
        driver = undefined;
        if (ownsProfile) rmSync(profileDir, { recursive: true, force: true });
      }
    },
  };
}
