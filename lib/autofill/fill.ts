/**
 * Filling a code like a user would (STYLE §9), so framework-controlled inputs (React, Vue, Angular) and split
 * one-digit widgets accept it. Strategies, in order, each verified by reading the value back:
 *   1. `setter`: focus, key events, the native `HTMLInputElement.prototype` value setter, `input` (InputEvent
 *      with data), `change` — per box for split widgets.
 *   2. `paste`: a `paste` ClipboardEvent carrying a DataTransfer into the (first) field; widgets that handle
 *      paste spread it over their boxes; if the page does not handle it, the default insertion is emulated.
 *   3. `typing`: one character at a time with keydown/keypress/beforeinput/input/keyup, following the focus
 *      when a widget auto-advances.
 */
import { matchInputs, type OtpFieldMatch } from './match';
import { canHoldValue } from './form-context';

/** The strategy reported when the field cannot hold the whole code (nothing is written). */
export const FIELD_TOO_SHORT = 'too-short';

export interface FillResult {
  ok: boolean;
  /** The strategy that made the value stick (`setter`, `paste`, `typing`), or why nothing was tried. */
  strategy: string;
}

export interface FillOptions {
  /** Blur the last field after filling (some forms validate on blur). Default false: Enter still submits. */
  blurAfter?: boolean;
  /** How long to let the page's framework re-render before reading the value back. Default 30 ms. */
  settleMs?: number;
}

type Strategy = (inputs: HTMLInputElement[], code: string) => void;

/** Can the matched field take the whole code (a single field's maxlength, size and pattern allow it)? */
export function codeFits(target: OtpFieldMatch, code: string): boolean {
  const inputs = matchInputs(target);
  return inputs.length !== 1 || canHoldValue(inputs[0] as HTMLInputElement, code);
}

/** Fills `code` into the matched field(s) and verifies it stuck. Never submits the form. */
export async function fillCode(
  target: OtpFieldMatch,
  code: string,
  view: Window,
  options: FillOptions = {},
): Promise<FillResult> {
  const inputs = matchInputs(target);
  if (inputs.length === 0 || code === '') return { ok: false, strategy: 'nothing-to-fill' };
  if (!inputs.every((i) => i.isConnected && !i.disabled && !i.readOnly))
    return { ok: false, strategy: 'unavailable' };
  if (inputs.length > 1 && inputs.length !== code.length) return { ok: false, strategy: 'length-mismatch' };
  // why: a field whose maxlength, size or pattern cannot take this code would keep a truncated one.
  if (!codeFits(target, code)) return { ok: false, strategy: FIELD_TOO_SHORT };

  const strategies: [string, Strategy][] = [
    ['setter', inputs.length === 1 ? setWhole : setPerBox],
    ['paste', pasteIntoFirst],
    ['typing', typeCharacters],
  ];
  for (const [name, run] of strategies) {
    clear(inputs);
    run(inputs, code);
    await settle(view, options.settleMs ?? 30);
    if (holdsCode(inputs, code)) {
      if (options.blurAfter) (inputs[inputs.length - 1] as HTMLInputElement).blur();
      return { ok: true, strategy: name };
    }
  }
  return { ok: false, strategy: 'rejected' };
}

/** Fills a two-consecutive-codes form: `codeNow` into `first`, `codeNext` into `second`. */
export async function fillTwoCodes(
  first: OtpFieldMatch,
  second: OtpFieldMatch,
  codeNow: string,
  codeNext: string,
  view: Window,
  options: FillOptions = {},
): Promise<FillResult> {
  const one = await fillCode(first, codeNow, view, options);
  if (!one.ok) return { ok: false, strategy: `first:${one.strategy}` };
  const two = await fillCode(second, codeNext, view, options);
  // why: a widget may reset the first field when the second is edited; check both at the end.
  const stillFirst = holdsCode(matchInputs(first), codeNow);
  return { ok: two.ok && stillFirst, strategy: `${one.strategy}+${two.strategy}` };
}

// ---------------------------------------------------------------------------------------------------------
// Strategies

function setWhole(inputs: HTMLInputElement[], code: string): void {
  const input = inputs[0] as HTMLInputElement;
  focus(input);
  const last = code.slice(-1);
  // why: a page that cancels keydown builds the value from keys itself; leave it to the typing strategy.
  const keysPassThrough = key(input, 'keydown', last);
  key(input, 'keypress', last);
  if (keysPassThrough) {
    setNativeValue(input, code);
    inputEvent(input, 'insertText', code);
  }
  key(input, 'keyup', last);
  changeEvent(input);
}

function setPerBox(inputs: HTMLInputElement[], code: string): void {
  inputs.forEach((box, index) => {
    const ch = code.charAt(index);
    focus(box);
    key(box, 'keydown', ch);
    key(box, 'keypress', ch);
    setNativeValue(box, ch);
    inputEvent(box, 'insertText', ch);
    key(box, 'keyup', ch);
    changeEvent(box);
  });
}

function pasteIntoFirst(inputs: HTMLInputElement[], code: string): void {
  const first = inputs[0] as HTMLInputElement;
  focus(first);
  const win = windowOf(first);
  let event: Event;
  try {
    const data = new win.DataTransfer();
    data.setData('text/plain', code);
    event = new win.ClipboardEvent('paste', {
      bubbles: true,
      cancelable: true,
      composed: true,
      clipboardData: data,
    });
  } catch {
    // why: DataTransfer is not constructible in some engines; a paste without data still triggers some widgets.
    event = new win.Event('paste', { bubbles: true, cancelable: true, composed: true });
  }
  const notHandled = first.dispatchEvent(event);
  if (notHandled && inputs.length === 1) {
    // The page let the paste through: do what the browser's default action would.
    setNativeValue(first, code);
    inputEvent(first, 'insertFromPaste', code);
    changeEvent(first);
  }
}

function typeCharacters(inputs: HTMLInputElement[], code: string): void {
  let target = inputs[0] as HTMLInputElement;
  Array.from(code).forEach((ch, index) => {
    if (inputs.length > 1 && index > 0) {
      // why: an auto-advancing widget moves the focus itself; otherwise go to the next box.
      const active = activeInput(inputs);
      target = active && active !== target ? active : (inputs[index] as HTMLInputElement);
    }
    focus(target);
    const proceed = key(target, 'keydown', ch);
    key(target, 'keypress', ch);
    if (proceed && beforeInput(target, ch)) {
      setNativeValue(target, inputs.length === 1 ? target.value + ch : ch);
      inputEvent(target, 'insertText', ch);
    }
    key(target, 'keyup', ch);
  });
  for (const input of inputs) changeEvent(input);
}

// ---------------------------------------------------------------------------------------------------------
// Primitives

function windowOf(input: HTMLInputElement): Window & typeof globalThis {
  // why: events and the value setter must come from the field's own realm (it may live in an iframe).
  return input.ownerDocument.defaultView as Window & typeof globalThis;
}

/**
 * Sets `value` through the prototype's setter, bypassing an instance-level setter that React installs to track
 * the last value it saw; otherwise React treats the following `input` event as "no change".
 */
export function setNativeValue(input: HTMLInputElement, value: string): void {
  const descriptor = Object.getOwnPropertyDescriptor(windowOf(input).HTMLInputElement.prototype, 'value');
  if (descriptor?.set) descriptor.set.call(input, value);
  else input.value = value;
}

function focus(input: HTMLInputElement): void {
  try {
    input.focus({ preventScroll: true });
  } catch {
    input.focus();
  }
}

const NAMED_KEY_CODES: Record<string, number> = { Backspace: 8 };

function key(input: HTMLInputElement, type: 'keydown' | 'keypress' | 'keyup', ch: string): boolean {
  const win = windowOf(input);
  const isDigit = /^\d$/.test(ch);
  const named = ch.length > 1; // a named key such as Backspace
  const code = named ? ch : isDigit ? `Digit${ch}` : /^[a-z]$/i.test(ch) ? `Key${ch.toUpperCase()}` : '';
  const charCode = ch.charCodeAt(0);
  const event = new win.KeyboardEvent(type, {
    key: ch,
    code,
    bubbles: true,
    cancelable: true,
    composed: true,
    // why: older widgets still read keyCode/which; the init dict ignores them, so they are defined below.
  });
  const legacyCode = named
    ? (NAMED_KEY_CODES[ch] ?? 0)
    : type === 'keypress'
      ? charCode
      : ch.toUpperCase().charCodeAt(0);
  try {
    Object.defineProperty(event, 'keyCode', { get: () => legacyCode });
    Object.defineProperty(event, 'which', { get: () => legacyCode });
  } catch {
    // Non-configurable in some engines; modern key/code are set anyway.
  }
  return input.dispatchEvent(event);
}

function beforeInput(input: HTMLInputElement, data: string): boolean {
  const win = windowOf(input);
  const event = new win.InputEvent('beforeinput', {
    bubbles: true,
    cancelable: true,
    composed: true,
    inputType: 'insertText',
    data,
  });
  return input.dispatchEvent(event);
}

function inputEvent(input: HTMLInputElement, inputType: string, data: string | null): void {
  const win = windowOf(input);
  input.dispatchEvent(new win.InputEvent('input', { bubbles: true, composed: true, inputType, data }));
}

function changeEvent(input: HTMLInputElement): void {
  const win = windowOf(input);
  input.dispatchEvent(new win.Event('change', { bubbles: true }));
}

// why: bounds the Backspace loop when a page refills a field as fast as it is emptied.
const MAX_CLEAR_KEYSTROKES = 64;

/** Empties the fields like Backspace would, so pages that track keys forget earlier attempts too. */
function clear(inputs: HTMLInputElement[]): void {
  for (const input of inputs) {
    for (let n = 0; input.value !== '' && n < MAX_CLEAR_KEYSTROKES; n++) {
      const before = input.value;
      if (key(input, 'keydown', 'Backspace')) {
        setNativeValue(input, before.slice(0, -1));
        inputEvent(input, 'deleteContentBackward', null);
      }
      key(input, 'keyup', 'Backspace');
      if (input.value === before) break; // the page refuses: give up clearing this one
    }
  }
}

function activeInput(inputs: HTMLInputElement[]): HTMLInputElement | undefined {
  const first = inputs[0];
  if (!first) return undefined;
  const root = first.getRootNode() as Document | ShadowRoot;
  const active = root.activeElement;
  return inputs.find((i) => i === active);
}

function settle(view: Window, ms: number): Promise<void> {
  return new Promise((resolve) => view.setTimeout(resolve, ms));
}

/** Does the field (or the boxes together) hold the code? Spaces and dashes a widget adds are ignored. */
function holdsCode(inputs: HTMLInputElement[], code: string): boolean {
  const value = inputs.map((i) => i.value).join('');
  const normalize = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();
  return normalize(value) === normalize(code);
}
