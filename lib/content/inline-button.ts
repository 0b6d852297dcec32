/**
 * The small "fill" button shown by a detected MFA field. It lives in a closed shadow root (page script
 * cannot reach inside), in the top layer where the browser supports popovers, and only reports trusted
 * clicks (or Enter/Space while it really has focus) made while it is provably on top and unaltered: no other
 * top-layer element open, its host's style as we set it, and — where IntersectionObserver v2 exists —
 * reported visible by the browser. Whether the field is visible and uncovered is checked by the caller.
 */
import { hostStyleChanges, otherTopLayerElement, pseudoDecorations } from '../autofill/visibility';

export const BUTTON_TAG = 'mfa-autofill-button';
const SIZE = 22;
// why: a page can move its field (and our button with it) under a pointer that was heading elsewhere, so the
// click meant for the page lands on us; a click this soon after the button moved is not aimed at it (the
// same idea as browsers' input protection on permission prompts). Sub-pixel layout jitter is not a move.
export const MOVE_GRACE_MS = 500;
const MOVE_TOLERANCE_PX = 4;

export interface InlineButton {
  readonly host: HTMLElement;
  /** Positions the button inside the right edge of the field. */
  place(anchor: HTMLElement): void;
  /** A short status line under the button (filled, locked, error). */
  say(text: string): void;
  /** Lets the user pick among several accounts; resolves with the chosen id, or null. */
  choose(choices: { id: string; label: string }[]): Promise<string | null>;
  remove(): void;
}

export interface InlineButtonOptions {
  doc: Document;
  view: Window;
  title: string;
  /** A click (or keyboard activation) that passed the button's own checks, at `point` in viewport pixels. */
  onTrustedClick(point: { x: number; y: number }): void;
  /** A trusted click refused because the button was covered, altered or not provably visible. */
  onRefused?(reason: string): void;
  /** The content script's lifetime: when it ends, the button removes itself and everything it listens to. */
  signal: AbortSignal;
}

interface VisibilityEntry {
  isVisible?: boolean;
}

/**
 * Can this frame prove to us that our button is visible? The top frame can check its own page; a subframe
 * cannot see whether its parent fades or covers it, so it needs IntersectionObserver v2 (`isVisible`),
 * which Chromium has and Firefox does not.
 */
export function canProveVisibility(view: Window): boolean {
  return isTopFrame(view) || tracksVisibility(view);
}

function isTopFrame(view: Window): boolean {
  try {
    return view.top === view.self;
  } catch {
    return false;
  }
}

function tracksVisibility(view: Window): boolean {
  const IO = (view as unknown as { IntersectionObserver?: typeof IntersectionObserver }).IntersectionObserver;
  return typeof IO === 'function' && 'trackVisibility' in IO.prototype;
}

// why: inline `!important` beats every page stylesheet rule, so page CSS cannot fade or move the host.
const HOST_STYLE = [
  'all: initial',
  'position: fixed',
  'margin: 0',
  'padding: 0',
  'border: 0',
  'inset: auto',
  'background: transparent',
  'overflow: visible',
  'opacity: 1',
  'visibility: visible',
  'display: block',
  'z-index: 2147483647',
  'zoom: 1',
  `width: ${SIZE}px`,
  `height: ${SIZE}px`,
]
  .map((rule) => `${rule} !important`)
  .join(';');

const SHADOW_CSS = `
  button.fill { all: initial; box-sizing: border-box; width: ${SIZE}px; height: ${SIZE}px; border-radius: 6px;
    background: #1d4ed8; color: #fff; font: 600 12px/1 system-ui, sans-serif; display: grid; place-items: center;
    cursor: pointer; box-shadow: 0 1px 3px rgba(0,0,0,.35); }
  button.fill:focus-visible { outline: 2px solid #f59e0b; outline-offset: 2px; }
  .bubble { position: absolute; top: ${SIZE + 4}px; right: 0; min-width: 160px; max-width: 280px; padding: 6px 8px;
    background: #111827; color: #f9fafb; font: 12px/1.4 system-ui, sans-serif; border-radius: 6px;
    box-shadow: 0 2px 8px rgba(0,0,0,.4); unicode-bidi: isolate; }
  .bubble[hidden] { display: none; }
  .bubble button { all: initial; display: block; width: 100%; box-sizing: border-box; padding: 4px 6px; margin-top: 2px;
    color: #f9fafb; font: 12px/1.4 system-ui, sans-serif; cursor: pointer; border-radius: 4px; overflow: hidden;
    text-overflow: ellipsis; white-space: nowrap; unicode-bidi: isolate; }
  .bubble button:hover, .bubble button:focus-visible { background: #374151; }
`;

// why: keyboard activation counts only right after the user's own Enter/Space on the focused button.
const KEY_ACTIVATION_MS = 1_000;
// why: a page that keeps opening popovers must not make us hide and show ours in a tight loop.
const MIN_RAISE_INTERVAL_MS = 200;
const ALLOWED_HOST_ATTRIBUTES = new Set(['style', 'popover']);

export function createInlineButton({
  doc,
  view,
  title,
  onTrustedClick,
  onRefused,
  signal,
}: InlineButtonOptions): InlineButton {
  // why: one switch for every listener, observer and timer below, thrown by remove() or the script's end.
  const alive = new AbortController();
  const listening = { signal: alive.signal };
  const host = doc.createElement(BUTTON_TAG);
  host.setAttribute('style', HOST_STYLE);
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = SHADOW_CSS;
  const button = doc.createElement('button');
  button.className = 'fill';
  button.type = 'button';
  button.title = title;
  button.setAttribute('aria-label', title);
  button.textContent = '🔑';
  const bubble = doc.createElement('div');
  bubble.className = 'bubble';
  bubble.hidden = true;
  bubble.setAttribute('role', 'status');
  root.append(style, button, bubble);

  const now = () => view.performance.now();
  // why: a button that just appeared under the pointer is as suspect as one that just moved there.
  let lastMovedAt = now();
  let placedAt: { top: number; left: number } | null = null;
  // why: page script that restyles or re-parents our host is up to something; refuse for a while after.
  let tamperedAt = -Infinity;
  let lastRaisedAt = -Infinity;
  let keyAt = -Infinity;
  let expectedStyle = HOST_STYLE;
  const parent = doc.body ?? doc.documentElement;
  const popoverSupported = typeof host.showPopover === 'function';

  // IntersectionObserver v2: the browser itself says whether our host is painted unobscured, unfaded and
  // untransformed — across frames, which no check from inside a frame can see.
  const tracked = tracksVisibility(view);
  let visibleSince: number | null = null;
  let observer: IntersectionObserver | null = null;
  if (tracked) {
    const IO = (view as unknown as { IntersectionObserver: typeof IntersectionObserver })
      .IntersectionObserver;
    observer = new IO(
      (entries) => {
        const last = entries[entries.length - 1] as VisibilityEntry | undefined;
        if (!last) return;
        if (last.isVisible !== true) visibleSince = null;
        else visibleSince ??= now();
      },
      { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    observer.observe(host);
  }

  const isOpen = () => {
    try {
      return host.matches(':popover-open');
    } catch {
      return true;
    }
  };

  /** Puts our popover back on top of the top layer (a later popover, dialog or fullscreen paints over it). */
  const raise = (force = false) => {
    if (!popoverSupported || !host.isConnected) return;
    const at = now();
    if (!force && at - lastRaisedAt < MIN_RAISE_INTERVAL_MS) return;
    lastRaisedAt = at;
    lastMovedAt = at;
    try {
      if (isOpen()) host.hidePopover();
      host.showPopover();
    } catch {
      // Not fatal: clicks are refused while another top-layer element is open anyway.
    }
  };

  /** Attributes and place as we set them; anything else is page tampering, undone here. */
  const attributesIntact = () =>
    host.getAttribute('style') === expectedStyle &&
    Array.from(host.attributes).every((a) => ALLOWED_HOST_ATTRIBUTES.has(a.name)) &&
    (!popoverSupported || host.getAttribute('popover') === 'manual');
  const placeIntact = () => host.parentNode === parent && (!popoverSupported || isOpen());

  const restore = () => {
    tamperedAt = now();
    for (const { name } of Array.from(host.attributes)) {
      if (!ALLOWED_HOST_ATTRIBUTES.has(name)) host.removeAttribute(name);
    }
    if (host.getAttribute('style') !== expectedStyle) host.setAttribute('style', expectedStyle);
    if (popoverSupported && host.getAttribute('popover') !== 'manual') host.setAttribute('popover', 'manual');
    if (host.parentNode !== parent) parent.append(host);
    if (popoverSupported && !isOpen()) raise(true);
  };
  const watcher = new (view as Window & typeof globalThis).MutationObserver(() => {
    if (!attributesIntact()) restore();
  });
  watcher.observe(host, { attributes: true });

  /** Why a click must be refused now, or null. */
  const refusal = (): string | null => {
    const at = now();
    if (at - lastMovedAt < MOVE_GRACE_MS) return 'moved';
    if (!attributesIntact() || !placeIntact()) {
      restore();
      return 'tampered';
    }
    if (at - tamperedAt < MOVE_GRACE_MS) return 'tampered';
    const computed = view.getComputedStyle(host);
    if (hostStyleChanges((p) => computed.getPropertyValue(p)).length > 0) return 'restyled';
    const pseudo = pseudoDecorations((p, prop) => view.getComputedStyle(host, p).getPropertyValue(prop));
    if (pseudo.length > 0) return 'decorated';
    const other = otherTopLayerElement(doc, host);
    if (other !== null) {
      raise();
      return 'top-layer';
    }
    if (tracked && (visibleSince === null || at - visibleSince < MOVE_GRACE_MS)) return 'not-visible';
    return null;
  };

  const activate = (event: MouseEvent) => {
    event.preventDefault();
    event.stopPropagation();
    // why: page script can call click() or dispatch events; only the user's own click counts.
    if (!event.isTrusted) return;
    // why: Enter/Space on a focused button clicks it with detail 0 and no pointer position. That counts
    // only when our button really has focus and the user's own key press on it just happened.
    const keyboard = event.detail === 0;
    if (keyboard && (root.activeElement !== button || now() - keyAt > KEY_ACTIVATION_MS)) return;
    const reason = refusal();
    if (reason === 'moved') return;
    if (reason) {
      onRefused?.(reason);
      return;
    }
    const box = host.getBoundingClientRect();
    const point = keyboard
      ? { x: box.left + box.width / 2, y: box.top + box.height / 2 }
      : { x: event.clientX, y: event.clientY };
    onTrustedClick(point);
  };
  button.addEventListener('click', activate, listening);
  const onKey = (event: KeyboardEvent) => {
    if (event.isTrusted && (event.key === 'Enter' || event.key === ' ')) keyAt = now();
  };
  button.addEventListener('keydown', onKey, listening);
  button.addEventListener('keyup', onKey, listening);
  // why: keep focus in the field, so the page does not see a blur while the user clicks our button.
  button.addEventListener('mousedown', (event) => event.preventDefault(), listening);
  // why: when the pointer reaches us, make sure nothing painted since sits over us, so the user sees us.
  host.addEventListener(
    'pointerover',
    () => {
      if (otherTopLayerElement(doc, host) !== null) raise();
    },
    listening,
  );
  // Another top-layer element opened after ours (light-DOM popovers and dialogs fire toggle; fullscreen has
  // its own event); or page script closed ours.
  const onTopLayerChange = (event: Event) => {
    if (event.target === host) {
      if (popoverSupported && !isOpen()) restore();
      return;
    }
    if (otherTopLayerElement(doc, host) !== null) raise();
  };
  doc.addEventListener('toggle', onTopLayerChange, { capture: true, ...listening });
  doc.addEventListener('fullscreenchange', onTopLayerChange, { capture: true, ...listening });

  parent.append(host);
  if (popoverSupported) {
    host.setAttribute('popover', 'manual');
    try {
      host.showPopover();
    } catch {
      // Not fatal: the fixed-position host with the highest z-index still works.
    }
  }

  let anchor: HTMLElement | null = null;
  const reposition = () => {
    if (!anchor || !anchor.isConnected) return;
    const rect = anchor.getBoundingClientRect();
    const top = rect.top + Math.max(0, (rect.height - SIZE) / 2);
    // why: inside a narrow field (one split box) the button would hide the digit; sit beside it instead.
    const left = rect.width < SIZE * 3 ? rect.right + 4 : rect.right - SIZE - 4;
    if (
      placedAt &&
      (Math.abs(placedAt.top - top) > MOVE_TOLERANCE_PX || Math.abs(placedAt.left - left) > MOVE_TOLERANCE_PX)
    ) {
      lastMovedAt = now();
    }
    placedAt = { top, left };
    const intact = attributesIntact();
    host.style.setProperty('top', `${Math.round(top)}px`, 'important');
    host.style.setProperty('left', `${Math.round(left)}px`, 'important');
    if (intact) expectedStyle = host.getAttribute('style') ?? '';
  };
  let frame = 0;
  const schedule = () => {
    if (frame) return;
    frame = view.requestAnimationFrame(() => {
      frame = 0;
      reposition();
    });
  };
  view.addEventListener('scroll', schedule, { capture: true, passive: true, ...listening });
  view.addEventListener('resize', schedule, { passive: true, ...listening });
  const bubbleTimers = new Set<number>();
  let pendingChoice: ((id: string | null) => void) | null = null;

  const remove = () => {
    if (alive.signal.aborted) return;
    alive.abort();
    watcher.disconnect();
    observer?.disconnect();
    if (frame) view.cancelAnimationFrame(frame);
    for (const timer of bubbleTimers) view.clearTimeout(timer);
    // why: a choice still open when the button goes is no choice; its caller must not wait forever.
    pendingChoice?.(null);
    host.remove();
  };
  signal.addEventListener('abort', remove, { once: true, ...listening });
  if (signal.aborted) remove();

  return {
    host,
    place(next) {
      anchor = next;
      reposition();
    },
    say(text) {
      bubble.replaceChildren(doc.createTextNode(text));
      bubble.hidden = false;
      const timer = view.setTimeout(() => {
        bubbleTimers.delete(timer);
        if (bubble.firstChild?.nodeType === Node.TEXT_NODE) bubble.hidden = true;
      }, 4000);
      bubbleTimers.add(timer);
    },
    choose(choices) {
      return new Promise((resolve) => {
        if (alive.signal.aborted) return resolve(null);
        pendingChoice = (id) => {
          pendingChoice = null;
          bubble.hidden = true;
          resolve(id);
        };
        bubble.replaceChildren();
        for (const choice of choices) {
          const option = doc.createElement('button');
          option.type = 'button';
          option.dir = 'auto';
          option.textContent = choice.label;
          option.addEventListener(
            'click',
            (event) => {
              if (!event.isTrusted) return;
              pendingChoice?.(choice.id);
            },
            listening,
          );
          bubble.append(option);
        }
        bubble.hidden = false;
        (bubble.firstElementChild as HTMLElement | null)?.focus();
      });
    },
    remove,
  };
}
