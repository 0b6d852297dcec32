/**
 * Detection rules as tables of small markup, independent of the fixture pages: what counts as an MFA field,
 * what never does, split widgets, open shadow roots, two-consecutive-code forms and the cost on big pages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { collectInputs, detectOtpFields } from '../../../lib/autofill/detect';
import { isAutoOffered, matchInputs, type OtpFieldMatch } from '../../../lib/autofill/match';
import { pairConsecutiveCodeFields } from '../../../lib/autofill/code-pairs';
import type { LayoutSource } from '../../../lib/autofill/visibility';
import { openPage, styleLayout, type Page } from './happy-page';

let page: Page | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

function detectIn(html: string, layout?: (view: Window) => LayoutSource): OtpFieldMatch[] {
  page = openPage(`<!doctype html><body>${html}</body>`);
  return detectOtpFields(page.document, { view: page.view, layout: (layout ?? styleLayout)(page.view) });
}

/** The `data-probe` attribute names the field a row expects (test markup only; fixtures use index.json). */
function probe(match: OtpFieldMatch): string {
  return matchInputs(match)
    .map((i) => i.getAttribute('data-probe') ?? '?')
    .join(',');
}

describe('single fields offered automatically', () => {
  it.each([
    [
      'a label naming two-factor',
      '<label for="a">Two-factor code</label><input id="a" data-probe="t">',
      'totp',
    ],
    ['name="otp" alone', '<input name="otp" data-probe="t">', 'unknown'],
    ['an id glued to mfa', '<input id="mfacode" data-probe="t">', 'totp'],
    ['an id glued to totp', '<input name="totpcode" data-probe="t">', 'totp'],
    ['a wrapping label', '<label>Security code <input name="s" data-probe="t"></label>', 'unknown'],
    ['aria-label in Japanese', '<input aria-label="確認コード" data-probe="t">', 'unknown'],
    ['title attribute', '<input title="One-time passcode" data-probe="t">', 'unknown'],
    [
      'placeholder 6-digit code',
      '<input type="number" placeholder="6-digit code" data-probe="t">',
      'unknown',
    ],
    ['a data-* attribute', '<input data-qa="two-factor-input" data-probe="t">', 'totp'],
    ['Chinese MFA label', '<label for="m">MFA码</label><input id="m" data-probe="t">', 'totp'],
    ['Chinese 动态口令 placeholder', '<input placeholder="请输入动态口令" data-probe="t">', 'unknown'],
    [
      'the text just before it',
      '<div><span>Authenticator code</span> <input name="x" data-probe="t"></div>',
      'totp',
    ],
    [
      'a bare 6-digit numeric field under a two-factor heading',
      '<form><h2>Two-factor authentication</h2><input name="c" inputmode="numeric" maxlength="6" data-probe="t"></form>',
      'totp',
    ],
    [
      'a plain field labelled "Enter code" under an authenticator heading',
      '<form><h2>Google Authenticator</h2><label for="x">Enter code</label><input id="x" name="answer" data-probe="t"></form>',
      'totp',
    ],
    [
      'a numeric field below "use your code generator app"',
      '<div><p>Use your code generator app to generate a code and enter it below.</p><input name="text" inputmode="numeric" data-probe="t"></div>',
      'totp',
    ],
    [
      'a 6-character field in a form asking for the verification code',
      '<form><p>Enter the verification code</p><input name="v" maxlength="6" data-probe="t"></form>',
      'unknown',
    ],
    [
      'a one-time password, even of type password',
      '<label for="p">One-time password</label><input id="p" type="password" maxlength="6" inputmode="numeric" data-probe="t">',
      'unknown',
    ],
    [
      'a type=password field labelled by an authenticator keyword',
      '<input type="password" placeholder="Authenticator code" data-probe="t">',
      'totp',
    ],
    [
      'autocomplete=one-time-code beats a confusing id',
      '<input id="zip" autocomplete="one-time-code" data-probe="t">',
      'unknown',
    ],
  ])('%s', (_name, html, codeKind) => {
    const matches = detectIn(html);
    expect(matches.map(probe)).toEqual(['t']);
    expect(matches[0]?.codeKind).toBe(codeKind);
    expect(matches[0] && isAutoOffered(matches[0])).toBe(true);
  });
});

describe('fields that are never targets', () => {
  it.each([
    ['a username field', '<label for="u">Username</label><input id="u" name="username">'],
    ['a password field', '<input type="password" name="password" autocomplete="current-password">'],
    ['an email field', '<input type="email" name="email">'],
    ['a search box, even mentioning 2FA', '<input type="text" name="q" placeholder="Search 2FA settings">'],
    ['a hidden input named otp', '<input type="hidden" name="otp" value="">'],
    ['a disabled otp field', '<input name="otp" disabled>'],
    ['a read-only otp field', '<input name="otp" readonly>'],
    ['an otp field with display:none', '<input name="otp" style="display:none">'],
    ['an otp field inside a display:none container', '<div style="display:none"><input name="otp"></div>'],
    ['an otp field with visibility:hidden', '<input name="otp" style="visibility:hidden">'],
    ['a transparent otp field', '<input name="otp" style="opacity:0">'],
    ['an aria-hidden otp field', '<input name="otp" aria-hidden="true">'],
    ['a 1-pixel otp field', '<input name="otp" style="width:1px;height:1px">'],
    [
      'an otp field parked off-page',
      '<input name="otp" tabindex="-1" style="position:absolute;left:-9999px">',
    ],
    ['a captcha labelled verification code', '<input name="captcha" placeholder="Verification code">'],
    ['a 图形验证码 field', '<label for="g">图形验证码</label><input id="g" maxlength="4">'],
    [
      'a generic 验证码 next to a captcha image',
      '<div><input placeholder="验证码"><img src="/kaptcha.jpg"></div>',
    ],
    [
      'a promo code with code shape',
      '<label for="p">Promo code</label><input id="p" maxlength="6" inputmode="numeric">',
    ],
    [
      'a postal code under a two-factor heading',
      '<h2>Two-factor</h2><label for="z">Postal code</label><input id="z" maxlength="6" inputmode="numeric">',
    ],
    ['a CVC', '<input name="cvc" autocomplete="cc-csc" maxlength="3">'],
    ['a backup code', '<input name="backup_code" placeholder="Backup code">'],
    [
      'a recovery code that mentions two-factor',
      '<label for="r">Two-factor recovery code</label><input id="r">',
    ],
    [
      'a field whose only hint is "code" and a code shape',
      '<input placeholder="Enter code" maxlength="6" inputmode="numeric">',
    ],
    ['a plain "Code" field with nothing around it', '<label for="c">Code</label><input id="c" name="code">'],
    [
      'a name field on a two-factor settings page',
      '<form><h2>Two-factor authentication</h2><label for="n">Full name</label><input id="n"></form>',
    ],
    ['an API token', '<label for="k">API token</label><input id="k" type="password">'],
    ['a phone number', '<label for="m">Mobile number</label><input id="m" type="tel">'],
    ['a field with a code keyword but a 32-character limit', '<input name="otp" maxlength="32">'],
    ['a combobox', '<input role="combobox" placeholder="Verification code">'],
  ])('%s', (_name, html) => {
    expect(detectIn(html).map((m) => m.reasons)).toEqual([]);
  });
});

describe('SMS and e-mail codes are found but not offered', () => {
  it.each([
    ['a 短信验证码 label', '<label for="s">短信验证码</label><input id="s" maxlength="6">'],
    ['an email verification code label', '<label for="e">Email verification code</label><input id="e">'],
    [
      'a code "sent to your phone"',
      '<label for="c">Enter the code we sent to your phone</label><input id="c">',
    ],
    [
      'a one-time-code field beside a 获取验证码 button',
      '<form><input autocomplete="one-time-code" placeholder="验证码"><button type="button">获取验证码</button></form>',
    ],
    ['a code field beside a resend link', '<form><input name="otp"><a href="#">Resend code</a></form>'],
  ])('%s', (_name, html) => {
    const matches = detectIn(html);
    expect(matches).toHaveLength(1);
    expect(matches[0]?.codeKind).toBe('sms');
    expect(matches[0] && isAutoOffered(matches[0])).toBe(false);
  });

  it('an authenticator keyword on the field wins over SMS words around it', () => {
    const matches = detectIn(
      '<form><label for="a">Authenticator app code</label><input id="a"><a href="#">Send a code by SMS instead</a></form>',
    );
    expect(matches.map((m) => m.codeKind)).toEqual(['totp']);
  });
});

describe('split one-digit boxes', () => {
  const boxes = (n: number, attrs = 'inputmode="numeric"') =>
    Array.from({ length: n }, (_, i) => `<input maxlength="1" ${attrs} data-probe="b${i}">`).join('');

  it('six boxes in a row are one split field, in order', () => {
    const matches = detectIn(`<div class="otp">${boxes(6)}</div>`);
    expect(matches.map((m) => m.kind)).toEqual(['split']);
    expect(matches.map(probe)).toEqual(['b0,b1,b2,b3,b4,b5']);
  });

  it('boxes each wrapped in their own element are still one group', () => {
    const wrapped = Array.from(
      { length: 6 },
      (_, i) => `<div class="cell"><span><input maxlength="1" data-probe="b${i}"></span></div>`,
    ).join('');
    expect(detectIn(`<div>${wrapped}</div>`).map(probe)).toEqual(['b0,b1,b2,b3,b4,b5']);
  });

  it('four boxes need a code keyword around them', () => {
    expect(detectIn(`<div>${boxes(4)}</div>`)).toEqual([]);
    expect(
      detectIn(`<form><p>Enter the verification code</p><div>${boxes(4)}</div></form>`).map(probe),
    ).toEqual(['b0,b1,b2,b3']);
  });

  it('three or nine boxes are not a code widget', () => {
    expect(detectIn(`<form><p>Verification code</p><div>${boxes(3)}</div></form>`)).toEqual([]);
    expect(detectIn(`<form><p>Verification code</p><div>${boxes(9)}</div></form>`)).toEqual([]);
  });

  it('boxes of different sizes or rows are not one widget', () => {
    const html = `<div>${boxes(6)}</div>`;
    let call = 0;
    const staggered = (view: Window) =>
      styleLayout(view, {
        rect: () => ({ left: 10, top: 10 + 40 * call++, width: 40, height: 40 }),
      });
    expect(detectIn(html, staggered)).toEqual([]);
  });

  it('six masked boxes of a payment PIN are not an MFA code', () => {
    expect(detectIn(`<p>请输入支付密码</p><div>${boxes(6, 'type="password"')}</div>`)).toEqual([]);
  });

  it('boxes separated by another field are not one group', () => {
    const html = `<div>${boxes(3)}<input name="other">${boxes(3)}</div>`;
    expect(detectIn(html).filter((m) => m.kind === 'split')).toEqual([]);
  });
});

describe('scan roots', () => {
  it('scans only under an Element root, including the root itself', () => {
    page = openPage(
      '<!doctype html><body><form id="a"><input name="otp" id="x"></form><form id="b"><input name="otp" id="y"></form></body>',
    );
    const formB = page.document.getElementById('b') as HTMLElement;
    const inputY = page.document.getElementById('y') as HTMLInputElement;
    const layout = styleLayout(page.view);
    expect(detectOtpFields(formB, { view: page.view, layout }).map((m) => matchInputs(m)[0])).toEqual([
      inputY,
    ]);
    expect(detectOtpFields(inputY, { view: page.view, layout }).map((m) => matchInputs(m)[0])).toEqual([
      inputY,
    ]);
  });
});

describe('open shadow roots', () => {
  it('finds a field two shadow roots deep, and not one in a closed root', () => {
    page = openPage('<!doctype html><body><div id="outer"></div><div id="closed"></div></body>');
    const doc = page.document;
    const outer = (doc.getElementById('outer') as HTMLElement).attachShadow({ mode: 'open' });
    outer.innerHTML = '<section><div id="inner"></div></section>';
    const inner = (outer.getElementById('inner') as HTMLElement).attachShadow({ mode: 'open' });
    inner.innerHTML = '<label for="c">Two-factor code</label><input id="c">';
    const closed = (doc.getElementById('closed') as HTMLElement).attachShadow({ mode: 'closed' });
    closed.innerHTML = '<label for="d">Two-factor code</label><input id="d">';

    const matches = detectOtpFields(doc, { view: page.view, layout: styleLayout(page.view) });
    expect(matches.map((m) => matchInputs(m)[0])).toEqual([inner.getElementById('c')]);
  });

  it('collects inputs in document order with shadow content at its host', () => {
    page = openPage('<!doctype html><body><input id="a"><div id="host"></div><input id="z"></body>');
    const shadow = (page.document.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = '<input id="m">';
    expect(collectInputs(page.document).map((i) => i.id)).toEqual(['a', 'm', 'z']);
  });
});

describe('pairConsecutiveCodeFields', () => {
  function pairOf(html: string): string[] | null {
    const matches = detectIn(html);
    const pair = pairConsecutiveCodeFields(matches);
    return pair ? pair.map(probe) : null;
  }

  it('orders the fields by their ordinals, not by document order', () => {
    const html =
      '<form><label for="b">Second code</label><input id="b" name="otp_b" data-probe="2">' +
      '<label for="a">First code</label><input id="a" name="otp_a" data-probe="1"></form>';
    expect(pairOf(html)).toEqual(['1', '2']);
  });

  it('reads numbered labels (MFA code 1 / MFA code 2) and Chinese ordinals', () => {
    expect(
      pairOf(
        '<form><input placeholder="MFA code 1" data-probe="1"><input placeholder="MFA code 2" data-probe="2"></form>',
      ),
    ).toEqual(['1', '2']);
    expect(
      pairOf(
        '<form><label for="x">第一组动态码</label><input id="x" data-probe="1"><label for="y">第二组动态码</label><input id="y" data-probe="2"></form>',
      ),
    ).toEqual(['1', '2']);
  });

  it('pairs two unnumbered code fields when the form asks for consecutive codes', () => {
    const html =
      '<form><p>Enter two consecutive codes from your authenticator app</p>' +
      '<input name="otp" data-probe="a"><input name="otp" data-probe="b"></form>';
    expect(pairOf(html)).toEqual(['a', 'b']);
  });

  it('returns null for a single code field, or two unrelated ones', () => {
    expect(pairOf('<form><label for="a">Authenticator code</label><input id="a"></form>')).toBeNull();
    expect(
      pairOf(
        '<form><input name="otp" data-probe="a"></form><div><form><input name="otp" data-probe="b"></form></div>',
      ),
    ).toBeNull();
  });

  it('does not read "2-step" or "6 digits" as ordinals', () => {
    const html =
      '<form><input placeholder="2-step code, 6 digits" data-probe="a"><input placeholder="Authenticator code" data-probe="b"></form>';
    expect(pairOf(html)).toBeNull();
  });
});

describe('cost on large pages', () => {
  it('scans 2,000 inputs, computing style only for the few candidates', () => {
    const rows: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const kind = i % 4;
      if (kind === 0)
        rows.push(
          `<tr><td><label for="f${i}">Quantity ${i}</label></td><td><input id="f${i}" type="number"></td></tr>`,
        );
      else if (kind === 1) rows.push(`<tr><td>Name ${i}</td><td><input name="name${i}"></td></tr>`);
      else if (kind === 2)
        rows.push(`<tr><td><input type="checkbox" name="c${i}"></td><td>Row ${i}</td></tr>`);
      else rows.push(`<tr><td><input placeholder="Comment ${i}" maxlength="200"></td></tr>`);
    }
    const html = `<form><table>${rows.join('')}</table><label for="otp">Authenticator code</label><input id="otp" data-probe="t"></form>`;
    page = openPage(`<!doctype html><body>${html}</body>`);
    let styleCalls = 0;
    const base = styleLayout(page.view);
    const counting: LayoutSource = {
      ...base,
      style: (el) => {
        styleCalls++;
        return base.style(el);
      },
    };
    const matches = detectOtpFields(page.document, { view: page.view, layout: counting });
    expect(matches.map(probe)).toEqual(['t']);
    expect(styleCalls).toBeLessThan(50);
  });
});
