/**
 * "Append code" sites (VPN, RADIUS, OPNsense logons) take the password and the code in one field: the
 * code goes after what the user typed in the password field instead of into a code field.
 */
import { setNativeValue } from '../autofill/fill';

const NAMED_LIKE = /pass(?:word|code)?|passwd|otp|token/i;

function usable(input: HTMLInputElement): boolean {
  return !input.disabled && !input.readOnly && input.getClientRects().length > 0;
}

/**
 * The field to append to: the visible password field (the first after a username field when there are
 * several), else a visible text field named like a password or OTP. Null when the page has none.
 */
export function appendTarget(doc: Document): HTMLInputElement | null {
  const inputs = Array.from(doc.querySelectorAll('input')).filter(usable);
  const passwords = inputs.filter((i) => i.type === 'password');
  const afterUsername = passwords.find((p) => {
    const before = inputs.slice(0, inputs.indexOf(p));
    return before.some((i) => i.type === 'text' || i.type === 'email');
  });
  if (afterUsername ?? passwords[0]) return afterUsername ?? passwords[0]!;
  return (
    inputs.find(
      (i) => (i.type === 'text' || i.type === '') && NAMED_LIKE.test(`${i.name} ${i.id} ${i.autocomplete}`),
    ) ?? null
  );
}

export type AppendResult = 'filled' | 'no-field' | 'too-short';

/** Appends `code` to the target's current value, as typing would (input and change events). */
export function appendCode(doc: Document, code: string): AppendResult {
  const target = appendTarget(doc);
  if (!target || !/^\d{4,10}$/.test(code)) return 'no-field';
  const value = target.value + code;
  // why: a cut value would send a wrong password and code; say so instead of writing part of it.
  if (target.maxLength > 0 && value.length > target.maxLength) return 'too-short';
  target.focus({ preventScroll: true });
  setNativeValue(target, value);
  target.dispatchEvent(new Event('input', { bubbles: true }));
  target.dispatchEvent(new Event('change', { bubbles: true }));
  return 'filled';
}
