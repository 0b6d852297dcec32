/**
 * The content script's logic, for one frame: find MFA fields, ask the background whether this frame may
 * be offered a fill (it decides from the origins the browser reports), show our button by the field, and
 * on a trusted, unobscured click fill the code the background hands back. Holds no secret beyond that code.
 */
import type { FillAnswer, FillCommand, FillCommandAnswer, FillProbe } from '../messaging';
import { detectOtpFields } from '../autofill/detect';
import { pairConsecutiveCodeFields } from '../autofill/code-pairs';
import type { OtpFieldMatch } from '../autofill/match';
import { codeFits, fillCode, fillTwoCodes } from '../autofill/fill';
import { isClickSafe } from '../autofill/visibility';
import { canProveVisibility, createInlineButton, BUTTON_TAG, type InlineButton } from './inline-button';
import { watchForFields } from './field-watch';
import { guessUsername } from './username';
import { submitFormOf } from './submit';
import { appendCode } from './append-code';

export interface ContentMessenger {
  contentHello(fieldCount: number): Promise<{ canFill: boolean }>;
  requestFill(req: { accountId?: string; username?: string }): Promise<FillAnswer>;
}

export interface ContentControllerOptions {
  doc: Document;
  view: Window;
  messenger: ContentMessenger;
  t(key: string, substitutions?: string[]): string;
}

const DETECT_INTERVAL_MS = 400;
const HELLO_RETRY_MS = 3_000;
/** How long a popup Fill or the shortcut waits for a field still being rendered (an SPA's next step). */
export const FILL_WAIT_MS = 1_500;
const FILL_POLL_MS = 100;

/** The input our button sits by and a fill is checked against: the field, or the last box of a split widget. */
function anchorInput(match: OtpFieldMatch): HTMLInputElement | undefined {
  return match.kind === 'single' ? match.input : match.inputs[match.inputs.length - 1];
}

export function createContentController({ doc, view, messenger, t }: ContentControllerOptions) {
  let matches: OtpFieldMatch[] = [];
  let button: InlineButton | null = null;
  let anchored: HTMLInputElement | null = null;
  let lastHello = -Infinity;
  let busy = false;
  // why: the content script's lifetime, set by start(); a button is never created after it ends.
  let lifetime: AbortSignal = new AbortController().signal;

  const totpMatches = () => matches.filter((m) => m.codeKind !== 'sms');

  function detect(): void {
    matches = detectOtpFields(doc, { view });
    void offer();
  }

  async function offer(): Promise<void> {
    const offered = totpMatches()[0];
    if (!offered) {
      button?.remove();
      button = null;
      anchored = null;
      return;
    }
    const anchor = anchorInput(offered);
    if (!anchor) return;
    // why: a subframe that cannot prove our button is visible (Firefox has no IntersectionObserver v2) could
    // be faded or covered by its parent without any check here noticing; the popup's Fill still works there.
    if (!canProveVisibility(view)) return;
    if (button && anchored === anchor) {
      button.place(anchor);
      return;
    }
    const now = view.performance.now();
    if (!button && now - lastHello < HELLO_RETRY_MS) return;
    lastHello = now;
    const { canFill } = await messenger.contentHello(totpMatches().length).catch(() => ({ canFill: false }));
    if (!canFill || lifetime.aborted) return;
    button ??= createInlineButton({
      doc,
      view,
      signal: lifetime,
      title: t('inlineFillTitle'),
      onTrustedClick: (point) => void onClick(point),
      onRefused: () => button?.say(t('inlineObscured')),
    });
    anchored = anchor;
    button.place(anchor);
  }

  async function onClick(point: { x: number; y: number }): Promise<void> {
    const target = totpMatches()[0];
    const field = target && anchorInput(target);
    if (!button || !target || !field || busy) return;
    const fieldBox = field.getBoundingClientRect();
    const fieldPoint = {
      x: fieldBox.left + Math.min(10, fieldBox.width / 4),
      y: fieldBox.top + fieldBox.height / 2,
    };
    // why: clickjacking defence: our button and the field must both be visible and uncovered at click time.
    if (!isClickSafe(button.host, view, point) || !isClickSafe(field, view, fieldPoint)) {
      button.say(t('inlineObscured'));
      return;
    }
    busy = true;
    try {
      const pair = pairConsecutiveCodeFields(matches);
      const username = guessUsername(doc) ?? undefined;
      let answer = await messenger.requestFill({ username });
      if (answer.status === 'choose') {
        const id = await button.choose(
          answer.choices.map((c) => ({ id: c.id, label: [c.issuer, c.account].filter(Boolean).join(' · ') })),
        );
        if (!id) return;
        answer = await messenger.requestFill({ accountId: id, username });
      }
      if (answer.status === 'locked') return button.say(t('inlineLocked'));
      if (answer.status !== 'fill') return button.say(t('inlineNoAccount'));
      const ok = await applyCodes(answer.codes, pair, target);
      button.say(ok ? (answer.usedNext ? t('inlineFilledNext') : t('inlineFilled')) : t('inlineFillFailed'));
      if (ok && answer.submit === true) submitFormOf(field);
    } finally {
      busy = false;
    }
  }

  async function applyCodes(
    codes: string[],
    pair: [OtpFieldMatch, OtpFieldMatch] | null,
    target: OtpFieldMatch,
  ): Promise<boolean> {
    const [now, next] = codes;
    if (!now) return false;
    if (pair && next) return (await fillTwoCodes(pair[0], pair[1], now, next, view)).ok;
    return (await fillCode(target, now, view)).ok;
  }

  /**
   * True while this document is still the one the background checked: its own origin (`self.origin`,
   * 'null' when sandboxed, never `location.origin`) equals the one named in the message.
   */
  function onExpectedOrigin(expectedOrigin: string): boolean {
    return view.origin !== 'null' && view.origin === expectedOrigin;
  }

  /**
   * Detects now; with `wait` and nothing found, polls until a field appears or FILL_WAIT_MS pass. Polling,
   * not only the mutation watch: a field added inside an open shadow root mutates no observed node.
   */
  async function detectForFill(wait: boolean | undefined): Promise<OtpFieldMatch[]> {
    matches = detectOtpFields(doc, { view });
    if (!wait) return matches;
    const deadline = view.performance.now() + FILL_WAIT_MS;
    while (matches.length === 0 && view.performance.now() < deadline && !lifetime.aborted) {
      await new Promise((resolve) => view.setTimeout(resolve, FILL_POLL_MS));
      matches = detectOtpFields(doc, { view });
    }
    return matches;
  }

  /** Before an HOTP counter is spent (would a fill here land in a field?), or to read the page's username. */
  async function onFillProbe(probe: FillProbe): Promise<FillCommandAnswer> {
    if (!onExpectedOrigin(probe.expectedOrigin)) return { ready: false, refused: 'origin-changed' };
    const found = await detectForFill(probe.wait === true);
    const username = guessUsername(doc);
    const target = totpMatches()[0] ?? found[0];
    const length = probe.codeLength;
    // why: an HOTP counter spent on a field that would refuse the code is a code lost for nothing.
    if (
      target &&
      typeof length === 'number' &&
      length > 0 &&
      length <= 10 &&
      !codeFits(target, '0'.repeat(length))
    ) {
      return { ready: false, refused: 'field-too-short', ...(username ? { username } : {}) };
    }
    return { ready: found.length > 0, ...(username ? { username } : {}) };
  }

  /**
   * A fill pushed by the background after a popup click or the shortcut. The background checked this
   * frame's origin; the page may have navigated since, so the origin is compared again before writing.
   */
  async function onFillCommand(command: FillCommand): Promise<FillCommandAnswer> {
    if (!onExpectedOrigin(command.expectedOrigin)) return { filled: false, refused: 'origin-changed' };
    if (command.append === true) {
      const appended = appendCode(doc, command.codes[0] ?? '');
      if (appended === 'too-short') return { filled: false, refused: 'field-too-short' };
      return { filled: appended === 'filled' };
    }
    await detectForFill(command.wait === true);
    // why: an explicit user choice may fill an SMS-looking field too, but TOTP-looking fields come first.
    const target = totpMatches()[0] ?? matches[0];
    if (!target) return { filled: false };
    // why: a field too short for the code would keep a truncated one; say so instead of writing.
    if (!codeFits(target, command.codes[0] ?? '')) return { filled: false, refused: 'field-too-short' };
    const pair = pairConsecutiveCodeFields(matches);
    const filled = await applyCodes(command.codes, command.codes.length > 1 ? pair : null, target);
    const field = anchorInput(target);
    if (filled && command.submit === true && field) submitFormOf(field);
    return { filled };
  }

  /**
   * Detects now and again whenever the page changes, until `signal` aborts (the extension was updated or
   * unloaded): then the watch, the focus listener and our button go, and nothing of ours keeps running.
   */
  function start(signal: AbortSignal): void {
    if (signal.aborted) return;
    lifetime = signal;
    signal.addEventListener(
      'abort',
      () => {
        button?.remove();
        button = null;
        anchored = null;
      },
      { once: true },
    );
    detect();
    const isOwnNode = (n: Node) => n.nodeName.toLowerCase() === BUTTON_TAG;
    const watch = watchForFields({
      view,
      root: doc.documentElement,
      intervalMs: DETECT_INTERVAL_MS,
      onChange: detect,
      isOwnNode,
      signal,
    });
    // why: fields rendered inside shadow roots, and a vault unlocked after page load, are caught on focus;
    // through the watch, so tabbing through a big form costs one scan per budget, not one per focus.
    doc.addEventListener(
      'focusin',
      (event) => {
        const target = event.target as Node | null;
        if (!target || !isOwnNode(target)) watch.request();
      },
      { capture: true, signal },
    );
  }

  return { start, onFillCommand, onFillProbe, detect };
}
