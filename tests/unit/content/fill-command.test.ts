/**
 * Popup Fill and the shortcut reach the field the inline button would: one detection for all three, and
 * a field still being rendered (an SPA's next step, a web component's shadow root) is waited for briefly.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createContentController, FILL_WAIT_MS } from '../../../lib/content/controller';
import { guessUsername } from '../../../lib/content/username';
import { openPage, type Page } from '../autofill/happy-page';

let page: Page | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await page?.close();
  page = undefined;
});

const ORIGIN = 'https://login.example.com';
const FIELD = '<label for="code">Authentication code</label><input id="code" autocomplete="one-time-code">';

function setup(html = '<main></main>') {
  page = openPage(`<!doctype html><body>${html}</body>`, { url: `${ORIGIN}/mfa` });
  const { view, document: doc } = page;
  Object.defineProperty(view, 'origin', { value: ORIGIN, configurable: true });
  vi.spyOn(view.Element.prototype, 'getBoundingClientRect').mockReturnValue({
    left: 10,
    top: 10,
    right: 170,
    bottom: 42,
    width: 160,
    height: 32,
    x: 10,
    y: 10,
  } as DOMRect);
  const controller = createContentController({
    doc,
    view,
    messenger: {
      contentHello: async () => ({ canFill: false }),
      requestFill: async () => ({ status: 'no-account' }),
    },
    t: (key) => key,
  });
  return { view, doc, controller };
}

const fill = (wait: boolean) => ({
  type: 'fillCodes' as const,
  codes: ['123456'],
  expectedOrigin: ORIGIN,
  wait,
});

describe('a fill waits briefly for a field rendered after the click', () => {
  it('fills a field added 400 ms later when asked to wait', async () => {
    const { doc, controller } = setup();
    setTimeout(() => (doc.querySelector('main')!.innerHTML = FIELD), 400);
    expect(await controller.onFillCommand(fill(true))).toEqual({ filled: true });
    expect((doc.getElementById('code') as HTMLInputElement).value).toBe('123456');
  });

  it('fills a field attached later inside an open shadow root (no light-DOM mutation)', async () => {
    const { doc, controller } = setup('<main><mfa-entry></mfa-entry></main>');
    const host = doc.querySelector('mfa-entry')!;
    const shadow = host.attachShadow({ mode: 'open' });
    setTimeout(() => (shadow.innerHTML = FIELD), 300);
    expect(await controller.onFillCommand(fill(true))).toEqual({ filled: true });
    expect((shadow.getElementById('code') as HTMLInputElement).value).toBe('123456');
  });

  it('answers at once without waiting on the first pass, and gives up after the wait', async () => {
    const { controller, view } = setup();
    const t0 = view.performance.now();
    expect(await controller.onFillCommand(fill(false))).toEqual({ filled: false });
    expect(view.performance.now() - t0).toBeLessThan(200);
    expect(await controller.onFillCommand(fill(true))).toEqual({ filled: false });
    expect(view.performance.now() - t0).toBeGreaterThanOrEqual(FILL_WAIT_MS - 50);
  });

  it('a probe waits too, and reports the username the page shows', async () => {
    const { doc, controller } = setup('<p class="identity">alice@contoso.com</p><main></main>');
    setTimeout(() => (doc.querySelector('main')!.innerHTML = FIELD), 300);
    expect(await controller.onFillProbe({ type: 'probeFill', expectedOrigin: ORIGIN, wait: true })).toEqual({
      ready: true,
      username: 'alice@contoso.com',
    });
    expect((doc.getElementById('code') as HTMLInputElement).value).toBe('');
  });
});

describe('the HOTP probe checks the field can hold the code before a counter is spent', () => {
  const SHORT =
    '<label for="code">Authentication code</label><input id="code" inputmode="numeric" maxlength="6">';

  it('a 6-character field is ready for a 6-digit code and refuses an 8-digit one', async () => {
    const { controller } = setup(SHORT);
    const probe = { type: 'probeFill' as const, expectedOrigin: ORIGIN };
    expect(await controller.onFillProbe({ ...probe, codeLength: 6 })).toEqual({ ready: true });
    expect(await controller.onFillProbe({ ...probe, codeLength: 8 })).toEqual({
      ready: false,
      refused: 'field-too-short',
    });
  });
});

describe('guessUsername: the identity the logon flow typed or shows', () => {
  const guess = (html: string) => {
    page = openPage(`<!doctype html><body>${html}</body>`);
    return guessUsername(page.document);
  };
  it.each([
    ['a typed username', '<input autocomplete="username" value="bob">', 'bob'],
    [
      'Microsoft: the e-mail above the code field',
      '<div id="displayName">bob@contoso.com</div>',
      'bob@contoso.com',
    ],
    ['Google: data-email', '<div data-email="carol@gmail.com">Carol</div>', 'carol@gmail.com'],
    [
      'Alibaba RAM user@alias in page text',
      '<p>RAM user: <b>alice@1234567890123456.onaliyun.com</b></p>',
      'alice@1234567890123456.onaliyun.com',
    ],
    ['nothing', '<p>Enter the code from your app</p>', null],
    ['not from script text', '<script>var u = "eve@example.com";</script><p>Enter the code</p>', null],
  ])('%s', (_name, html, expected) => {
    expect(guess(html)).toBe(expected);
  });
});
