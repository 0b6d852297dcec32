// The main popup and options screens in one browser language, reached the way a user reaches them, for the
// layout check (tests/e2e/locale-layout.spec.ts) and the README screenshots (tests/e2e/screenshots.spec.ts).
// Other languages in Chromium only: Firefox picks an extension's language from its installed language packs,
// and the test Firefox has none but en-US (intl.locale.requested alone leaves the extension in English).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page as PlaywrightPage } from '@playwright/test';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import {
  launchBrowser,
  REPO_ROOT,
  type BrowserKind,
  type E2ePage,
  type ExtensionBrowser,
} from '../harness/browsers';
import { seedVaultFrom, tid, waitForState } from './popup';

export const LOCALES = ['en', 'zh_CN', 'zh_TW', 'ja', 'ko', 'de', 'fr', 'es', 'pt_BR', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

export const FIREFOX_SKIP_REASON =
  'Firefox shows an extension in the language of an installed language pack only; the test Firefox has ' +
  'en-US alone, so the extension stays English whatever intl.locale.requested says (checked)';

export const POPUP_SIZE = { width: 360, height: 600 };
/** Host of the enrolment page scanned for the scan confirmation screen (mapped to the test server). */
export const SCAN_HOST = 'account.aliyun.com';
export const SCAN_PAGE = '/enroll/aliyun-bind-mfa-en.html';
export const OPTIONS_SIZE = { width: 800, height: 900 };
/** A narrow tab (a window split in half on a small laptop): the options page must still fit. */
export const NARROW_OPTIONS_SIZE = { width: 420, height: 900 };

// Made-up secrets; the accounts look like the ones a user would have, each with a bundled service icon.
export const ACCOUNTS = [
  {
    uri: 'otpauth://totp/Aliyun:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Aliyun',
    enrolledOrigin: 'https://account.console.aliyun.com',
    allowedSites: ['aliyun.com'],
  },
  {
    uri: 'otpauth://totp/Amazon%20Web%20Services:alice%40123456789012?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BA&issuer=Amazon%20Web%20Services',
  },
  { uri: 'otpauth://totp/GitHub:alice-dev?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=GitHub' },
  { uri: 'otpauth://totp/Google:alice%40gmail.com?secret=ON2HE2LOM4QHO2LUNBXXK5BAMRQXIYJA&issuer=Google' },
];
const ADD_URI = 'otpauth://totp/GitLab:alice?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=GitLab';
const IMPORT_TEXT = [
  'otpauth://totp/Tencent%20Cloud:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Tencent%20Cloud',
  ACCOUNTS[2]!.uri,
  'otpauth://totp/Broken?secret=1',
].join('\n');

type Messages = Record<string, { message: string }>;
const messageCache = new Map<Locale, Messages>();

/** The locale's messages.json (source, not build: the same text). */
export function messagesOf(locale: Locale): Messages {
  let messages = messageCache.get(locale);
  if (!messages) {
    const file = path.join(REPO_ROOT, 'public', '_locales', locale, 'messages.json');
    messages = JSON.parse(readFileSync(file, 'utf8')) as Messages;
    messageCache.set(locale, messages);
  }
  return messages;
}

/** A message as shown, up to its first placeholder. */
export function shownText(locale: Locale, key: string): string {
  const message = messagesOf(locale)[key]?.message;
  if (!message) throw new Error(`no message ${key} in ${locale}`);
  return message.split('$')[0]!.trim();
}

/** Every piece of text a person (or a screen reader) meets on the page: visible text and labels. */
export function pageText(page: E2ePage): Promise<string> {
  return page.evaluate(() => {
    const labels = [...document.querySelectorAll('[aria-label], [placeholder], [title]')].flatMap((element) =>
      ['aria-label', 'placeholder', 'title'].map((name) => element.getAttribute(name) ?? ''),
    );
    return [document.body.innerText, ...labels].join('\n');
  });
}

export type ScreenName =
  | 'popup-create'
  | 'popup-unlocked'
  | 'popup-row-menu'
  | 'popup-settings'
  | 'popup-add'
  | 'popup-add-fields'
  | 'popup-add-confirm'
  | 'popup-scan-confirm'
  | 'options-backup'
  | 'options-import-preview'
  | 'popup-locked';

export interface Screen {
  name: ScreenName;
  page: E2ePage;
  /** A message key whose text this screen shows: proof that it is in the requested language. */
  key: string;
}

export const asPlaywright = (page: E2ePage) => page.raw as PlaywrightPage;

export async function setViewport(page: E2ePage, size: { width: number; height: number }): Promise<void> {
  if (page.kind === 'chromium') await asPlaywright(page).setViewportSize(size);
  else await (page.raw as PuppeteerPage).setViewport(size);
}

/** The browser with the built extension, its UI in `locale` (Firefox: en only, its default). */
export function launchInLocale(kind: BrowserKind, locale: Locale): Promise<ExtensionBrowser> {
  if (kind === 'firefox' && locale !== 'en') throw new Error(FIREFOX_SKIP_REASON);
  const hosts = [SCAN_HOST];
  return launchBrowser(kind, kind === 'chromium' ? { hosts, locale: locale.replace('_', '-') } : { hosts });
}

/**
 * Walks the main screens on a fresh profile and calls `visit` on each, in this order: create vault, account
 * list, row menu, settings, add (URI, fields, review), scan confirmation (with `scanUrl`), options (backup;
 * import preview), locked.
 * `only` limits which screens are visited (the walk itself still passes through the others).
 */
export async function walkMainScreens(
  ext: ExtensionBrowser,
  visit: (screen: Screen) => Promise<void>,
  only?: readonly ScreenName[],
  /** The enrolment page (SCAN_PAGE on SCAN_HOST) to scan for 'popup-scan-confirm'; skipped without it. */
  scanUrl?: string,
): Promise<void> {
  const show = async (screen: Screen) => {
    if (!only || only.includes(screen.name)) await visit(screen);
  };
  const popup = await ext.openPopup();
  await setViewport(popup, POPUP_SIZE);
  await waitForState(popup, 'uninitialized');
  await popup.waitForSelector(tid('create-password'));
  await show({ name: 'popup-create', page: popup, key: 'createTitle' });

  await seedVaultFrom(popup, ACCOUNTS);
  await popup.reload();
  await waitForState(popup, 'unlocked');
  // why: rows, codes and the service icons (a chunk loaded after the first paint; a lettered tile for an
  // issuer without one) all in place.
  await popup.waitForFunction(
    ([row, code, icon, count]) =>
      document.querySelectorAll(row).length === count &&
      document.querySelectorAll(code).length === count &&
      document.querySelectorAll(icon).length === count,
    [
      tid('account-row'),
      `${tid('account-code')}[data-code]`,
      `${tid('service-icon')}:not([data-icon=""]), ${tid('service-icon')}.letter`,
      ACCOUNTS.length,
    ] as const,
  );
  await show({ name: 'popup-unlocked', page: popup, key: 'mainNav' });

  await popup.click(tid('row-menu'));
  await popup.waitForSelector(tid('row-rename'));
  await show({ name: 'popup-row-menu', page: popup, key: 'menuRename' });
  await popup.press('Escape');
  await popup.waitForSelector(tid('row-rename'), { state: 'detached' });

  await popup.click(tid('settings-open'));
  await popup.waitForSelector(tid('settings-autolock'));
  await show({ name: 'popup-settings', page: popup, key: 'settingsAutoLock' });
  await popup.click(tid('back'));

  await popup.click(tid('add-open'));
  await popup.waitForSelector(tid('add-uri'));
  await show({ name: 'popup-add', page: popup, key: 'addTabUri' });
  await popup.click(tid('add-tab-fields'));
  await popup.waitForSelector(tid('add-secret'));
  await show({ name: 'popup-add-fields', page: popup, key: 'addTabFields' });
  await popup.click(tid('add-tab-uri'));
  await popup.fill(tid('add-uri'), ADD_URI);
  await popup.click(tid('add-uri-submit'));
  await popup.waitForSelector(tid('add-confirm'));
  await show({ name: 'popup-add-confirm', page: popup, key: 'previewTitle' });

  if (scanUrl) {
    const enrolment = await ext.newPage(scanUrl);
    const scanPopup = await ext.openPopup(enrolment);
    await setViewport(scanPopup, POPUP_SIZE);
    await waitForState(scanPopup, 'unlocked');
    await scanPopup.click(tid('scan-open'));
    await scanPopup.waitForSelector(tid('scan-confirm'), { timeout: 20_000 });
    await scanPopup.bringToFront();
    await show({ name: 'popup-scan-confirm', page: scanPopup, key: 'scanConfirmTitle' });
    await scanPopup.close();
    await enrolment.close();
  }

  const options = await ext.newPage(`${ext.extensionBaseUrl}/options.html`);
  await setViewport(options, OPTIONS_SIZE);
  await options.waitForSelector(`${tid('options-app')}[data-state="unlocked"]`, { state: 'attached' });
  await options.waitForSelector(tid('backup-section'));
  await show({ name: 'options-backup', page: options, key: 'optionsTitle' });
  await options.fill(tid('import-text'), IMPORT_TEXT);
  await options.click(tid('import-preview'));
  await options.waitForSelector(tid('import-preview-list'));
  await show({ name: 'options-import-preview', page: options, key: 'importTitle' });
  await options.close();

  await popup.reload();
  await waitForState(popup, 'unlocked');
  await popup.click(tid('lock'));
  await waitForState(popup, 'locked');
  await popup.waitForSelector(tid('unlock-password'));
  await show({ name: 'popup-locked', page: popup, key: 'unlockTitle' });
}

/**
 * Makes every button, label, legend and subheading on the page start with one word longer than the popup
 * is wide (as a German compound can be), for `check`, then puts the text back.
 */
export async function withOverlongWords<T>(page: E2ePage, check: () => Promise<T>): Promise<T> {
  await page.evaluate(() => {
    const WORD = 'Kontowiederherstellungsschlüsselbestätigungsschaltflächenbeschriftung';
    const changed: [Text, string][] = [];
    for (const element of document.querySelectorAll('button, label, legend, h2, h3, .button')) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
        acceptNode: (node) =>
          (node.textContent ?? '').trim().length > 2 && !node.parentElement?.closest('.sr-only')
            ? NodeFilter.FILTER_ACCEPT
            : NodeFilter.FILTER_SKIP,
      });
      const text = walker.nextNode() as Text | null;
      if (!text || changed.some(([seen]) => seen === text)) continue;
      changed.push([text, text.data]);
      text.data = `${WORD} ${text.data}`;
    }
    (window as unknown as { __e2eOverlong: [Text, string][] }).__e2eOverlong = changed;
  });
  try {
    return await check();
  } finally {
    await page.evaluate(() => {
      const changed = (window as unknown as { __e2eOverlong: [Text, string][] }).__e2eOverlong;
      for (const [text, data] of changed) text.data = data;
    });
  }
}

/**
 * What does not fit, as one line per problem: the page scrolling sideways, text wider than its box
 * (clipped, or spilling over what is next to it), controls outside the window, neighbours overlapping.
 * Account names and issuers are cut with an ellipsis on purpose (they are the user's, of any length).
 */
export function layoutProblems(page: E2ePage): Promise<string[]> {
  return page.evaluate(() => {
    const INTENDED_ELLIPSIS = '.issuer, .account';
    const CHECKED =
      'button, label, h1, h2, h3, h4, legend, summary, p, li, dt, dd, th, td, a, [role="tab"], ' +
      '[role="menuitem"], .button, .brand, .hint, .muted, input, select, textarea';
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
      problems.push(`the page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    }
    const describe = (element: Element) => {
      const id = element.getAttribute('data-testid');
      const classes = [...element.classList].map((c) => `.${c}`).join('');
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50);
      return `${element.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''}${classes} "${text}"`;
    };
    const shown = (element: Element) => {
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return (
        rect.width > 0 &&
        rect.height > 0 &&
        style.visibility !== 'hidden' &&
        !element.closest('.sr-only, [hidden]')
      );
    };
    const inFlow = (element: Element) => !['absolute', 'fixed'].includes(getComputedStyle(element).position);
    const checked = [...document.querySelectorAll(CHECKED)].filter(
      (element) => shown(element) && !element.closest(INTENDED_ELLIPSIS),
    );
    for (const element of checked) {
      const style = getComputedStyle(element);
      const rect = element.getBoundingClientRect();
      const isField = ['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName);
      // why: inline boxes report 0 for both widths; a field scrolls its own value by design.
      if (!isField && style.display !== 'inline' && element.scrollWidth > element.clientWidth + 1) {
        problems.push(
          `text does not fit: ${describe(element)} (${element.scrollWidth} > ${element.clientWidth})`,
        );
      }
      if (rect.left < -1 || rect.right > root.clientWidth + 1) {
        problems.push(
          `outside the window: ${describe(element)} (${Math.round(rect.left)}–${Math.round(rect.right)})`,
        );
      }
    }
    // Neighbours that overlap: the checked elements against their shown, in-flow siblings. An inline box
    // that wraps is compared line by line (its bounding box would cover the lines of its neighbours).
    const boxes = (element: Element) =>
      getComputedStyle(element).display === 'inline'
        ? [...element.getClientRects()]
        : [element.getBoundingClientRect()];
    const overlaps = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    const reported = new Set<string>();
    for (const element of checked) {
      if (!inFlow(element) || !element.parentElement) continue;
      const mine = boxes(element);
      for (const sibling of element.parentElement.children) {
        if (sibling === element || !shown(sibling) || !inFlow(sibling)) continue;
        const theirs = boxes(sibling);
        if (mine.some((a) => theirs.some((b) => overlaps(a, b)))) {
          const pair = [describe(element), describe(sibling)].sort().join(' overlaps ');
          if (!reported.has(pair)) problems.push(`overlap: ${pair}`);
          reported.add(pair);
        }
      }
    }
    return problems;
  });
}
