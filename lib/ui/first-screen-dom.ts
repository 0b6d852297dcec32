/**
 * The elements of the popup's unlocked list as the app's first render makes them (App → UnlockedView →
 * AccountList → AccountRow, no menu open, no editor, icons not loaded yet), built with DOM calls by the
 * first-screen script (text is always set as text, never parsed as HTML). The app then renders over these
 * elements and Preact adopts them: a difference costs only a re-layout, never a wrong screen, and a unit
 * test renders both from the same data and requires the same markup, so the two cannot drift apart.
 */
import type { AccountView } from '../messaging';
import { accountDisplayName } from '../account-display-name';
import { countdown, showsNextCode } from './countdown';
import { formatCode, spellCode } from './format-code';
import { ICON_PATHS, iconStrokeWidth, type IconName } from './icon-paths';
import { FIRST_PAINT_ROWS } from './list-rows';
import { liveCode } from './live-code';
import { sortAccounts } from './sort-accounts';
import type { ListReply } from './popup-boot';

type Translate = (key: string, substitutions?: string | string[]) => string;
type Attrs = Record<string, string | number | undefined>;
type Child = Node | string | null | false | undefined;

const SVG_NS = 'http://www.w3.org/2000/svg';
const HIDDEN_CODE = '•••';
const RING_RADIUS = 9;
const RING_CIRCUMFERENCE = 2 * Math.PI * RING_RADIUS;

function element(doc: Document, tag: string, attrs: Attrs, children: Child[] = [], ns?: string): Element {
  const node = ns ? doc.createElementNS(ns, tag) : doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs))
    if (value !== undefined) node.setAttribute(name, String(value));
  for (const child of children) {
    if (child === null || child === false || child === undefined || child === '') continue;
    node.append(child);
  }
  return node;
}

function icon(doc: Document, name: IconName, size = 18): Element {
  const path = element(doc, 'path', { d: ICON_PATHS[name] }, [], SVG_NS);
  return element(
    doc,
    'svg',
    {
      class: `icon icon-${name}`,
      width: size,
      height: size,
      viewBox: '0 0 24 24',
      fill: 'none',
      stroke: 'currentColor',
      'stroke-width': iconStrokeWidth(name),
      'stroke-linecap': 'round',
      'stroke-linejoin': 'round',
      'aria-hidden': 'true',
      focusable: 'false',
    },
    [path],
    SVG_NS,
  );
}

function iconButton(doc: Document, name: IconName, label: string, testId: string): Element {
  const attrs = {
    type: 'button',
    class: 'icon-button',
    'data-testid': testId,
    'aria-label': label,
    title: label,
  };
  return element(doc, 'button', attrs, [icon(doc, name)]);
}

function codeBox(doc: Document, account: AccountView, now: number, t: Translate): Element {
  const live = liveCode(account, now);
  const code = account.kind === 'hotp' ? '' : live.code;
  const timer = account.kind === 'hotp' ? null : countdown(live.validUntil, account.period, now);
  const codeSpan = element(
    doc,
    'span',
    {
      class: `code${code ? '' : ' code-hidden'}${live.stale ? ' stale' : ''}`,
      'data-testid': 'account-code',
      'data-code': code,
      'aria-hidden': 'true',
    },
    [code ? formatCode(code, account.kind) : HIDDEN_CODE],
  );
  const next =
    timer && showsNextCode(timer, live)
      ? element(
          doc,
          'span',
          { class: 'next-code', 'data-testid': 'account-next-code', 'data-code': live.nextCode },
          [
            `${t('nextCodeLabel')} `,
            element(doc, 'span', { 'aria-hidden': 'true' }, [formatCode(live.nextCode, account.kind)]),
            element(doc, 'span', { class: 'sr-only' }, [spellCode(live.nextCode)]),
          ],
        )
      : null;
  return element(doc, 'span', { class: 'code-box' }, [
    codeSpan,
    code ? element(doc, 'span', { class: 'sr-only' }, [spellCode(code)]) : null,
    next,
  ]);
}

function countdownRing(doc: Document, account: AccountView, now: number, t: Translate): Element {
  const live = liveCode(account, now);
  const state = countdown(live.validUntil, account.period, now);
  const circle = (cls: string, extra: Attrs) =>
    element(doc, 'circle', { class: cls, cx: 12, cy: 12, r: RING_RADIUS, ...extra }, [], SVG_NS);
  const svg = element(
    doc,
    'svg',
    { width: 26, height: 26, viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    [
      circle('countdown-track', {}),
      circle('countdown-fill', {
        'stroke-dasharray': RING_CIRCUMFERENCE,
        'stroke-dashoffset': RING_CIRCUMFERENCE * (1 - state.fraction),
        transform: 'rotate(-90 12 12)',
      }),
    ],
    SVG_NS,
  );
  return element(
    doc,
    'span',
    {
      class: `countdown${state.secondsLeft <= 5 ? ' urgent' : ''}`,
      'data-testid': 'countdown',
      'data-seconds': state.secondsLeft,
      role: 'img',
      'aria-label': t('countdownLabel', String(state.secondsLeft)),
    },
    [
      svg,
      element(doc, 'span', { class: 'countdown-seconds', 'aria-hidden': 'true' }, [
        String(state.secondsLeft),
      ]),
    ],
  );
}

function accountRow(
  doc: Document,
  account: AccountView,
  position: number,
  setSize: number,
  now: number,
  t: Translate,
): Element {
  const isHotp = account.kind === 'hotp';
  const hasCode = !isHotp && account.code !== '';
  const name = accountDisplayName(account, 'parens');
  const pin = account.pinned
    ? element(
        doc,
        'span',
        { class: 'pin-mark', role: 'img', 'aria-label': t('pinned'), title: t('pinned') },
        [icon(doc, 'pin', 12)],
      )
    : null;
  const labels = element(doc, 'span', { class: 'labels' }, [
    // why: the app's service icon is an empty tile until the icons' chunk has loaded after the first paint.
    element(doc, 'span', {
      class: 'service-icon',
      'aria-hidden': 'true',
      'data-testid': 'service-icon',
      'data-icon': '',
    }),
    element(doc, 'span', { class: 'issuer', dir: 'auto' }, [pin, account.issuer || account.account]),
    account.issuer && account.account
      ? element(doc, 'span', { class: 'account', dir: 'auto' }, [account.account])
      : null,
  ]);
  const main = element(
    doc,
    'button',
    { type: 'button', class: 'row-main', title: hasCode ? t('copyCodeFor', name) : undefined },
    [labels, codeBox(doc, account, now, t)],
  );
  const fill = account.matchesTab
    ? element(
        doc,
        'button',
        {
          type: 'button',
          class: 'button small primary',
          'data-testid': 'row-fill',
          'aria-label': t('fillFor', name),
          title: t('fillFor', name),
        },
        [t('fill')],
      )
    : null;
  const hotpNext = isHotp
    ? element(
        doc,
        'button',
        {
          type: 'button',
          class: 'button small',
          'data-testid': 'hotp-next',
          'aria-label': t('hotpNextFor', name),
        },
        [t('hotpNext')],
      )
    : null;
  const menuLabel = t('menuFor', name);
  const menu = element(doc, 'div', { class: 'row-menu-wrap' }, [
    element(
      doc,
      'button',
      {
        type: 'button',
        class: 'icon-button',
        'data-testid': 'row-menu',
        'aria-haspopup': 'menu',
        'aria-expanded': 'false',
        'aria-label': menuLabel,
        title: menuLabel,
      },
      [icon(doc, 'more')],
    ),
  ]);
  return element(
    doc,
    'li',
    {
      class: `account-row${account.matchesTab ? ' matches-tab' : ''}`,
      'data-testid': 'account-row',
      'data-id': account.id,
      'data-issuer': account.issuer,
      'data-account': account.account,
      'data-kind': account.kind,
      'aria-posinset': position,
      'aria-setsize': setSize,
    },
    [
      element(doc, 'div', { class: 'row-line' }, [
        main,
        isHotp ? null : countdownRing(doc, account, now, t),
        fill,
        hotpNext,
        menu,
      ]),
    ],
  );
}

/** The list screen without its rows: built while the first reads are on their way. */
export interface FirstScreenFrame {
  /** The children of the popup's root: the app and its toast region. */
  nodes: Element[];
  /** Where the rows go, after the search box. */
  screen: Element;
}

/** The parts of the unlocked list screen that do not depend on the accounts (header, actions, search). */
export function buildFirstScreenFrame(doc: Document, t: Translate): FirstScreenFrame {
  const nav = element(doc, 'nav', { class: 'topbar-actions', 'aria-label': t('mainNav') }, [
    iconButton(doc, 'scan', t('scanOpen'), 'scan-open'),
    iconButton(doc, 'plus', t('addAccount'), 'add-open'),
    iconButton(doc, 'settings', t('settingsTitle'), 'settings-open'),
    iconButton(doc, 'lock', t('lock'), 'lock'),
  ]);
  const searchInput = element(doc, 'input', {
    type: 'search',
    'data-testid': 'search',
    placeholder: t('searchPlaceholder'),
    'aria-label': t('searchLabel'),
    'aria-keyshortcuts': '/',
    autocomplete: 'off',
  }) as HTMLInputElement;
  // why: set as the property, as Preact sets it (the attribute follows it where the DOM reflects it).
  searchInput.spellcheck = false;
  const screen = element(doc, 'section', { class: 'list-screen' }, [
    element(doc, 'label', { class: 'search' }, [icon(doc, 'search', 16), searchInput]),
  ]);
  const app = element(doc, 'div', { class: 'app', 'data-testid': 'app', 'data-state': 'unlocked' }, [
    element(doc, 'div', { class: 'unlocked' }, [
      element(doc, 'header', { class: 'topbar' }, [
        element(doc, 'h1', { class: 'brand' }, [t('extName')]),
        nav,
      ]),
      element(doc, 'main', { class: 'content' }, [screen]),
    ]),
  ]);
  return {
    nodes: [app, element(doc, 'div', { class: 'toast-region', role: 'status', 'aria-live': 'polite' })],
    screen,
  };
}

/**
 * The popup's unlocked list screen for `list` at `now` (the children of the popup's root), its rows put
 * into `frame`. Only for a list with accounts: the empty list, errors and other screens are the app's.
 */
export function buildFirstScreen(
  doc: Document,
  list: ListReply,
  now: number,
  t: Translate,
  frame: FirstScreenFrame = buildFirstScreenFrame(doc, t),
): Element[] {
  const visible = sortAccounts(list.accounts);
  const shown = visible.slice(0, FIRST_PAINT_ROWS);
  frame.screen.append(
    element(
      doc,
      'ul',
      {
        class: 'account-list',
        'data-testid': 'account-list',
        'data-total': visible.length,
        'data-rendered': shown.length,
      },
      shown.map((account, index) => accountRow(doc, account, index + 1, visible.length, now, t)),
    ),
  );
  if (shown.length < visible.length) frame.screen.append(element(doc, 'div', { 'data-testid': 'list-more' }));
  return frame.nodes;
}
