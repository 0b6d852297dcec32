/**
 * The small "fill" button shown by a detected MFA field. It lives in a closed shadow root (page script
 * cannot reach inside or restyle it), in the top layer where the browser supports popovers, and only
 * reports trusted clicks; whether the click is safe (not covered, not faded) is checked by the caller.
 */
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
  onTrustedClick(event: MouseEvent): void;
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

export function createInlineButton({ doc, view, title, onTrustedClick }: InlineButtonOptions): InlineButton {
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

  // why: a button that just appeared under the pointer is as suspect as one that just moved there.
  let lastMovedAt = view.performance.now();
  let placedAt: { top: number; left: number } | null = null;

  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    // why: page script can call click() or dispatch events; only the user's own click counts.
    if (!event.isTrusted) return;
    if (view.performance.now() - lastMovedAt < MOVE_GRACE_MS) return;
    onTrustedClick(event);
  });
  // why: keep focus in the field, so the page does not see a blur while the user clicks our button.
  button.addEventListener('mousedown', (event) => event.preventDefault());

  (doc.body ?? doc.documentElement).append(host);
  if (typeof host.showPopover === 'function') {
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
      lastMovedAt = view.performance.now();
    }
    placedAt = { top, left };
    host.style.setProperty('top', `${Math.round(top)}px`, 'important');
    host.style.setProperty('left', `${Math.round(left)}px`, 'important');
  };
  let frame = 0;
  const schedule = () => {
    if (frame) return;
    frame = view.requestAnimationFrame(() => {
      frame = 0;
      reposition();
    });
  };
  view.addEventListener('scroll', schedule, { capture: true, passive: true });
  view.addEventListener('resize', schedule, { passive: true });

  return {
    host,
    place(next) {
      anchor = next;
      reposition();
    },
    say(text) {
      bubble.replaceChildren(doc.createTextNode(text));
      bubble.hidden = false;
      view.setTimeout(() => {
        if (bubble.firstChild?.nodeType === Node.TEXT_NODE) bubble.hidden = true;
      }, 4000);
    },
    choose(choices) {
      return new Promise((resolve) => {
        bubble.replaceChildren();
        for (const choice of choices) {
          const option = doc.createElement('button');
          option.type = 'button';
          option.dir = 'auto';
          option.textContent = choice.label;
          option.addEventListener('click', (event) => {
            if (!event.isTrusted) return;
            bubble.hidden = true;
            resolve(choice.id);
          });
          bubble.append(option);
        }
        bubble.hidden = false;
        (bubble.firstElementChild as HTMLElement | null)?.focus();
      });
    },
    remove() {
      view.removeEventListener('scroll', schedule, { capture: true });
      view.removeEventListener('resize', schedule);
      host.remove();
    },
  };
}
