// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appendCode, appendTarget } from '../../../lib/content/append-code';

beforeEach(() => {
  // why: happy-dom lays nothing out; every element counts as shown unless hidden by the test.
  vi.spyOn(HTMLElement.prototype, 'getClientRects').mockImplementation(function (this: HTMLElement) {
    return (this.hidden ? [] : [{}]) as unknown as DOMRectList;
  });
});

const page = (html: string) => {
  document.body.innerHTML = html;
  return document;
};
const value = (selector: string) => (document.querySelector(selector) as HTMLInputElement).value;

describe('append code to the password field', () => {
  it('appends to what was typed, as typing would', () => {
    page('<form><input id="u" type="text"><input id="p" type="password" value="hunter2"></form>');
    const events: string[] = [];
    document.querySelector('#p')!.addEventListener('input', () => events.push('input'));
    document.querySelector('#p')!.addEventListener('change', () => events.push('change'));
    expect(appendCode(document, '123456')).toBe('filled');
    expect(value('#p')).toBe('hunter2123456');
    expect(events).toEqual(['input', 'change']);
  });

  it('picks the password field after the username, skipping hidden, disabled and read-only ones', () => {
    page(
      '<input id="h" type="password" hidden><input id="d" type="password" disabled>' +
        '<input id="u" type="email"><input id="r" type="password" readonly><input id="p" type="password">',
    );
    expect(appendTarget(document)?.id).toBe('p');
  });

  it('falls back to a text field named like a password or OTP', () => {
    page('<input id="u" name="user"><input id="pw" name="passcode">');
    expect(appendTarget(document)?.id).toBe('pw');
  });

  it('refuses a field too short for password and code, and a page with no such field', () => {
    page('<input type="text"><input id="p" type="password" maxlength="10" value="hunter2">');
    expect(appendCode(document, '123456')).toBe('too-short');
    expect(value('#p')).toBe('hunter2');
    page('<input id="q" name="search">');
    expect(appendCode(document, '123456')).toBe('no-field');
    expect(value('#q')).toBe('');
  });

  it('appends only a code of digits', () => {
    page('<input id="p" type="password" value="x">');
    expect(appendCode(document, '')).toBe('no-field');
    expect(appendCode(document, 'abc123')).toBe('no-field');
    expect(value('#p')).toBe('x');
  });
});
