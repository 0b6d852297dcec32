/**
 * What a field's form and neighbours say about it, beyond its own label: can it hold a code at all (maxlength,
 * size, pattern), is it part of a payment-card form, is it a captcha (an image, canvas or "refresh" control
 * beside it). These decide over the label: "Security code" is an MFA code on an MFA step and a CVC on a card
 * form.
 */
import {
  CAPTCHA_REFRESH,
  CARD_FORM_FIELD,
  HARD_EXCLUSIONS,
  compilePhrases,
  findHardExclusion,
  normalizeText,
} from './keywords';
import { autocompleteTokens, maxLengthOf } from './field-attributes';
import { labelledByText } from './dom';
import type { PageTexts } from './field-texts';

/** Digits a code has unless the account says otherwise (detection does not know the account yet). */
export const DEFAULT_CODE_DIGITS = 6;
/** Steam Guard codes: the shortest codes an authenticator account produces. */
export const SHORTEST_AUTHENTICATOR_CODE = 5;

/**
 * Can `input` take a value of this shape? maxlength (or, without one, a `size` narrower than the value) and a
 * `pattern` the value does not match both mean no: the page would truncate or reject the code.
 */
export function canHoldValue(input: HTMLInputElement, value: string): boolean {
  const max = maxLengthOf(input);
  if (max !== undefined) {
    if (max < value.length) return false;
  } else {
    // why: a field with only `size` says how many characters it expects (size="4" is a 4-character box).
    const size = Number.parseInt(input.getAttribute('size') ?? '', 10);
    if (Number.isFinite(size) && size > 1 && size < value.length) return false;
  }
  const pattern = compiledPattern(input.getAttribute('pattern'));
  if (pattern && !pattern.test(value)) return false;
  return true;
}

/** Longest code an authenticator produces that a field may be sized for (8-digit tokens exist). */
export const LONGEST_CODE_DIGITS = 8;

/** Can the field take a code of `digits` digits? */
export function canHoldDigits(input: HTMLInputElement, digits: number): boolean {
  return canHoldValue(input, '1234567890'.repeat(2).slice(0, digits));
}

/** Can the field take a code of some length from `minDigits` to 8 (a pattern may ask for exactly 8)? */
export function canHoldSomeCode(input: HTMLInputElement, minDigits: number): boolean {
  for (let digits = minDigits; digits <= LONGEST_CODE_DIGITS; digits++) {
    if (canHoldDigits(input, digits)) return true;
  }
  return false;
}

function compiledPattern(source: string | null): RegExp | undefined {
  if (source === null || source === '') return undefined;
  try {
    // why: the browser anchors `pattern` and ignores one that does not compile; so do we.
    return new RegExp(`^(?:${source})$`, 'u');
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Card forms

const FIELD_SELECTOR = 'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea';
// why: without a <form>, the widest ancestor still this small is the form-like block the field belongs to.
const FORM_LIKE_MAX_FIELDS = 16;
const FORM_LIKE_MAX_LEVELS = 8;

/** The field's form, or (no <form>) the widest ancestor holding at most a form's worth of fields. */
export function formScopeOf(input: HTMLInputElement): Element | null {
  const form = input.form ?? input.closest('form, [role=form]');
  if (form) return form;
  let scope: Element | null = null;
  let current = input.parentElement;
  for (let level = 0; current && level < FORM_LIKE_MAX_LEVELS; level++) {
    if (current.localName === 'body' || current.localName === 'html') break;
    if (current.querySelectorAll(FIELD_SELECTOR).length > FORM_LIKE_MAX_FIELDS) break;
    scope = current;
    current = current.parentElement;
  }
  return scope;
}

/** The card field (by autocomplete cc-*, or by its id/name/label/placeholder) in the field's form, if any. */
export function cardFieldInFormOf(texts: PageTexts, input: HTMLInputElement): string | undefined {
  const scope = formScopeOf(input);
  if (!scope) return undefined;
  for (const field of Array.from(scope.querySelectorAll(FIELD_SELECTOR))) {
    if (field === input) continue;
    if (autocompleteTokens(field as HTMLInputElement).some((t) => t.startsWith('cc-')))
      return 'cc-autocomplete';
    const described =
      field.localName === 'input'
        ? texts.fieldTexts(field as HTMLInputElement).own
        : normalizeText(
            [
              field.id,
              field.getAttribute('name'),
              field.getAttribute('aria-label'),
              labelledByText(field),
              field.id ? labelTextFor(field) : '',
            ].join(' '),
          );
    const phrase = CARD_FORM_FIELD.find(described);
    if (phrase) return phrase;
  }
  return undefined;
}

function labelTextFor(field: Element): string {
  const root = field.getRootNode() as Document | ShadowRoot;
  if (typeof root.querySelector !== 'function') return '';
  const label = Array.from(root.querySelectorAll('label[for]')).find(
    (l) => l.getAttribute('for') === field.id,
  );
  return label?.textContent ?? '';
}

// ---------------------------------------------------------------------------------------------------------
// Captchas

const CAPTCHA_IMAGE_HINT = compilePhrases([
  ...HARD_EXCLUSIONS.captcha,
  'code',
  'verify',
  'vcode',
  'check',
  'validate',
  'refresh',
  '验证码',
  '驗證碼',
]);
const CAPTCHA_SCAN_LEVELS = 3;
const CAPTCHA_SCOPE_MAX_INPUTS = 3;
const CONTROL_SELECTOR = 'a, button, [role=button], [onclick], input[type=button], input[type=image]';

/**
 * Why the field is a captcha, judged from what sits beside it (a few levels up, while the block holds at most
 * a few inputs): captcha words, a canvas, an image that looks like a captcha, reloads on click or sits in a
 * link, or a control (link, button) saying "refresh" / 换一张 / 看不清.
 */
export function captchaBeside(texts: PageTexts, input: HTMLInputElement): string | undefined {
  let scope: Element | null = input.parentElement;
  for (let level = 0; scope && level < CAPTCHA_SCAN_LEVELS; level++) {
    if (scope.querySelectorAll('input:not([type=hidden])').length > CAPTCHA_SCOPE_MAX_INPUTS) break;
    const nearText = texts.textOf(scope);
    if (nearText !== undefined && findHardExclusion(normalizeText(nearText))?.category === 'captcha')
      return 'captcha-words';
    if (scope.querySelector('canvas')) return 'canvas';
    for (const image of Array.from(scope.querySelectorAll('img, input[type=image]'))) {
      const hint = normalizeText(
        ['src', 'alt', 'title', 'id', 'class', 'name'].map((a) => image.getAttribute(a) ?? '').join(' '),
      );
      if (CAPTCHA_IMAGE_HINT.find(hint) || image.hasAttribute('onclick') || image.closest('a, button'))
        return 'captcha-image';
    }
    for (const control of Array.from(scope.querySelectorAll(CONTROL_SELECTOR))) {
      // why: only a control's own words count; "refreshes every 30 seconds" in a hint is no captcha.
      const label = normalizeText(
        [
          control.textContent ?? '',
          ...['title', 'aria-label', 'value', 'class', 'id'].map((a) => control.getAttribute(a) ?? ''),
        ].join(' '),
      );
      const refresh = CAPTCHA_REFRESH.find(label);
      if (refresh) return `refresh:${refresh}`;
    }
    scope = scope.parentElement;
  }
  return undefined;
}
