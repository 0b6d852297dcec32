/**
 * Filling like a user: the native setter for framework-controlled inputs, per-box filling, paste and typing
 * fallbacks, and the verification that the value stuck.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OtpFieldMatch } from '../../../lib/autofill/match';
import { fillCode, fillTwoCodes } from '../../../lib/autofill/fill';
import { openFixture, openPage, settlePage, type Page } from './happy-page';

let page: Page | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

const single = (input: HTMLInputElement): OtpFieldMatch => ({
  kind: 'single',
  input,
  score: 100,
  codeKind: 'totp',
  reasons: [],
});
const split = (inputs: HTMLInputElement[]): OtpFieldMatch => ({
  kind: 'split',
  inputs,
  score: 100,
  codeKind: 'totp',
  reasons: [],
});
const result = () => (page as Page).document.getElementById('result')?.getAttribute('data-result');
const tick = () => new Promise((r) => setTimeout(r, 20));

describe('a React-like controlled input (fixture react-controlled.html)', () => {
  it('ignores a plain `value =` assignment, so the page really emulates React', async () => {
    page = openFixture('react-controlled.html');
    await settlePage(page);
    const input = page.document.querySelector('#root input') as HTMLInputElement;
    input.value = '123456';
    input.dispatchEvent(new page.view.Event('input', { bubbles: true }));
    await tick();
    expect(result()).toBe('');
    expect(input.value).toBe('');
  });

  it('accepts the code through the native setter, and the page state holds it', async () => {
    page = openFixture('react-controlled.html');
    await settlePage(page);
    const input = page.document.querySelector('#root input') as HTMLInputElement;
    expect(await fillCode(single(input), '482913', page.view)).toEqual({ ok: true, strategy: 'setter' });
    expect(result()).toBe('accepted:482913');
    expect(input.value).toBe('482913');
  });
});

describe('split boxes', () => {
  it('fills one digit per box on an auto-advancing widget (fixture split-auto-advance.html)', async () => {
    page = openFixture('split-auto-advance.html');
    await settlePage(page);
    const boxes = Array.from(page.document.querySelectorAll('.otp input')) as HTMLInputElement[];
    expect(await fillCode(split(boxes), '907153', page.view)).toEqual({ ok: true, strategy: 'setter' });
    expect(boxes.map((b) => b.value)).toEqual(['9', '0', '7', '1', '5', '3']);
    expect(result()).toBe('accepted:907153');
  });

  it('falls back to a paste into box 1 when the widget only takes pastes', async () => {
    page = openPage('<!doctype html><body><div id="w"></div></body>');
    const doc = page.document;
    const host = doc.getElementById('w') as HTMLElement;
    host.innerHTML = '<input maxlength="1"><input maxlength="1"><input maxlength="1"><input maxlength="1">';
    const boxes = Array.from(host.querySelectorAll('input')) as HTMLInputElement[];
    // The widget's state changes only on paste; every input event re-renders the boxes from the state.
    let state = ['', '', '', ''];
    const render = () => boxes.forEach((b, i) => (b.value = state[i] ?? ''));
    boxes.forEach((b) => b.addEventListener('input', render));
    (boxes[0] as HTMLInputElement).addEventListener('paste', (event) => {
      event.preventDefault();
      const text = (event as ClipboardEvent).clipboardData?.getData('text/plain') ?? '';
      state = text.split('').slice(0, 4);
      render();
    });
    expect(await fillCode(split(boxes), '5821', page.view)).toEqual({ ok: true, strategy: 'paste' });
    expect(boxes.map((b) => b.value).join('')).toBe('5821');
  });

  it('refuses a code whose length differs from the number of boxes', async () => {
    page = openPage(
      '<!doctype html><body><input maxlength="1"><input maxlength="1"><input maxlength="1"><input maxlength="1"></body>',
    );
    const boxes = Array.from(page.document.querySelectorAll('input')) as HTMLInputElement[];
    expect(await fillCode(split(boxes), '123456', page.view)).toEqual({
      ok: false,
      strategy: 'length-mismatch',
    });
    expect(boxes.map((b) => b.value).join('')).toBe('');
  });
});

describe('single fields', () => {
  it('sends focus, key, input (with data), and change events, in that order, bubbling', async () => {
    page = openPage('<!doctype html><body><form id="form"><input id="f"></form></body>');
    const doc = page.document;
    const input = doc.getElementById('f') as HTMLInputElement;
    const seen: string[] = [];
    for (const type of ['keydown', 'keypress', 'input', 'keyup', 'change']) {
      (doc.getElementById('form') as HTMLElement).addEventListener(type, (event) => {
        const data = event instanceof page!.view.InputEvent ? `:${event.data}` : '';
        seen.push(`${type}${data}`);
      });
    }
    expect(await fillCode(single(input), '123456', page.view)).toEqual({ ok: true, strategy: 'setter' });
    expect(seen).toEqual(['keydown', 'keypress', 'input:123456', 'keyup', 'change']);
    expect(doc.activeElement).toBe(input);
  });

  it('types character by character when the page handles keys itself', async () => {
    page = openPage('<!doctype html><body><input id="f"></body>');
    const input = page.document.getElementById('f') as HTMLInputElement;
    // A masked-input library: it builds the value from keydown and re-renders on every input event.
    let state = '';
    input.addEventListener('keydown', (event) => {
      if (/^\d$/.test(event.key)) state += event.key;
      else if (event.key === 'Backspace') state = state.slice(0, -1);
      else return;
      event.preventDefault();
      input.value = state;
    });
    input.addEventListener('input', () => (input.value = state));
    expect(await fillCode(single(input), '246810', page.view)).toEqual({ ok: true, strategy: 'typing' });
    expect(state).toBe('246810');
  });

  it('reports failure when the page rejects every attempt', async () => {
    page = openPage('<!doctype html><body><input id="f"></body>');
    const input = page.document.getElementById('f') as HTMLInputElement;
    input.addEventListener('input', () => (input.value = ''));
    input.addEventListener('keydown', (event) => event.preventDefault());
    expect(await fillCode(single(input), '123456', page.view)).toEqual({ ok: false, strategy: 'rejected' });
  });

  it('does not touch a disabled field', async () => {
    page = openPage('<!doctype html><body><input id="f" disabled></body>');
    const input = page.document.getElementById('f') as HTMLInputElement;
    expect(await fillCode(single(input), '123456', page.view)).toEqual({
      ok: false,
      strategy: 'unavailable',
    });
    expect(input.value).toBe('');
  });

  it('accepts a value the page formats with a space (123 456)', async () => {
    page = openPage('<!doctype html><body><input id="f"></body>');
    const input = page.document.getElementById('f') as HTMLInputElement;
    input.addEventListener('input', () => {
      const digits = input.value.replace(/\D/g, '');
      input.value = digits.length > 3 ? `${digits.slice(0, 3)} ${digits.slice(3)}` : digits;
    });
    expect(await fillCode(single(input), '123456', page.view)).toMatchObject({ ok: true });
    expect(input.value).toBe('123 456');
  });
});

describe('fillTwoCodes', () => {
  it('fills the current code into the first field and the next code into the second', async () => {
    page = openPage('<!doctype html><body><input id="a"><input id="b"></body>');
    const a = page.document.getElementById('a') as HTMLInputElement;
    const b = page.document.getElementById('b') as HTMLInputElement;
    expect(await fillTwoCodes(single(a), single(b), '111111', '222222', page.view)).toEqual({
      ok: true,
      strategy: 'setter+setter',
    });
    expect([a.value, b.value]).toEqual(['111111', '222222']);
  });

  it('stops when the first field cannot be filled', async () => {
    page = openPage('<!doctype html><body><input id="a" disabled><input id="b"></body>');
    const a = page.document.getElementById('a') as HTMLInputElement;
    const b = page.document.getElementById('b') as HTMLInputElement;
    expect(await fillTwoCodes(single(a), single(b), '111111', '222222', page.view)).toEqual({
      ok: false,
      strategy: 'first:unavailable',
    });
    expect(b.value).toBe('');
  });

  it('fails when filling the second field wipes the first', async () => {
    page = openPage('<!doctype html><body><input id="a"><input id="b"></body>');
    const a = page.document.getElementById('a') as HTMLInputElement;
    const b = page.document.getElementById('b') as HTMLInputElement;
    b.addEventListener('input', () => (a.value = ''));
    expect((await fillTwoCodes(single(a), single(b), '111111', '222222', page.view)).ok).toBe(false);
  });
});
