// Hostile pages: a page may fade, cover, move or restyle things around our inline button, pretend to be the
// issuer, or speak our protocol. Whatever it does, a real mouse click fills nothing and no code reaches the
// page. One browser session walks every case (tests/fixtures/pages/adversarial/hostile.html?case=...); a
// control case first proves the same click does fill on an honest page, so "nothing happened" means refused.
import type { Page as PlaywrightPage } from '@playwright/test';
import { expect, test } from './fixtures';
import type { E2ePage } from '../e2e/harness/browsers';
import { seedVault, sendFromExtensionPage } from '../e2e/steps/popup';
import { BUTTON, countInlineButtons, inlineButtonBox, waitForInlineButton } from '../e2e/steps/inline-button';
import { mouseClickAt, mouseDownUp, mouseMoveTo, pageCodeSurface, plausibleCodes, sleep } from './steps';
import { evaluateInContentScript } from '../e2e/steps/content-world';

const ALIYUN =
  'otpauth://totp/Aliyun:alice@1234567890123456?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Aliyun';
const BOUND_HOST = 'signin.aliyun.com';
// A sibling origin on the bound site: the account is bound to both (aliyun.com).
const SIBLING_HOST = 'account.aliyun.com';
const UNBOUND_HOST = 'evil.test';
// why: long enough for detection (document_idle + 400 ms re-scan), the background round trip and a fill.
const SETTLE_MS = 1_200;

type Seen = unknown[];

async function seen(page: E2ePage): Promise<Seen> {
  return page.evaluate(() => (window as unknown as { __seen: unknown[] }).__seen ?? []);
}

async function fieldValue(page: E2ePage): Promise<string> {
  return page.evaluate(() => (document.querySelector('#mfacode') as HTMLInputElement).value);
}

/** No code of the bound account in the page's DOM, input values or message log; the field is empty. */
async function expectNothingDisclosed(page: E2ePage, label: string): Promise<void> {
  const surface = await pageCodeSurface(page);
  for (const code of plausibleCodes(ALIYUN)) {
    expect.soft(surface.includes(code), `${label}: code ${code} found in the page`).toBe(false);
  }
  expect.soft(await fieldValue(page), `${label}: field value`).toBe('');
}

/** A real click at the centre of our button, if the page shows one; returns whether there was one. */
async function clickButtonIfAny(page: E2ePage): Promise<boolean> {
  // why: our button ignores clicks for 500 ms after it appears or moves; wait that out like a user would.
  await new Promise((r) => setTimeout(r, 600));
  const box = await inlineButtonBox(page).catch(() => null);
  if (!box || box.width === 0) return false;
  await mouseClickAt(page, box.x + box.width / 2, box.y + box.height / 2);
  return true;
}

test.describe('hostile pages', () => {
  test.use({ hosts: [BOUND_HOST, SIBLING_HOST, UNBOUND_HOST], serverHttps: true });

  test('fading, covering, moving or restyling around our button never fills; no code reaches the page', async ({
    ext,
    server,
  }) => {
    test.setTimeout(150_000);
    await seedVault(ext, [{ uri: ALIYUN, enrolledOrigin: 'https://account.aliyun.com' }]);
    const page = await ext.newPage();
    const open = async (kase: string, host = BOUND_HOST, extra = '') => {
      await page.goto(server.url(`/adversarial/hostile.html?case=${kase}${extra}`, { host, https: true }));
    };

    await test.step('control: an honest page on the bound host is filled by the same click', async () => {
      await open('control');
      await waitForInlineButton(page);
      await sleep(300);
      expect(await clickButtonIfAny(page)).toBe(true);
      await page.waitForFunction(() =>
        /^\d{6}$/.test((document.querySelector('#mfacode') as HTMLInputElement).value),
      );
      expect(plausibleCodes(ALIYUN)).toContain(await fieldValue(page));
    });

    await test.step('the field at opacity 0.01 (advertised as one-time-code)', async () => {
      await open('faded-field');
      await sleep(SETTLE_MS);
      const clicked = await clickButtonIfAny(page);
      test.info().annotations.push({
        type: 'faded-field',
        description: clicked ? 'button shown, click refused' : 'no button',
      });
      await sleep(SETTLE_MS);
      await expectNothingDisclosed(page, 'faded-field');
    });

    await test.step('the form at opacity 0.01: no button at all', async () => {
      await open('faded-ancestor');
      await sleep(SETTLE_MS);
      expect.soft(await countInlineButtons(page), 'faded-ancestor buttons').toBe(0);
      await clickButtonIfAny(page);
      await sleep(300);
      await expectNothingDisclosed(page, 'faded-ancestor');
    });

    await test.step('a transparent click-catching layer over the field', async () => {
      await open('overlay-field');
      await waitForInlineButton(page);
      await sleep(300);
      expect.soft(await clickButtonIfAny(page), 'overlay-field: button shown').toBe(true);
      await sleep(SETTLE_MS);
      await expectNothingDisclosed(page, 'overlay-field');
    });

    await test.step('a transparent top-layer popover over our button', async () => {
      await open('overlay-button');
      await waitForInlineButton(page);
      await page.waitForFunction(() =>
        (window as unknown as { __seen: unknown[] }).__seen.includes('overlay-open'),
      );
      await sleep(300);
      await clickButtonIfAny(page);
      await sleep(SETTLE_MS);
      // why: our button puts itself back on top when a later top-layer element opens, and refuses clicks
      // while one is open; so either the overlay took the click or our button refused it.
      test.info().annotations.push({
        type: 'overlay-button',
        description: (await seen(page)).includes('overlay-click')
          ? 'overlay took the click'
          : 'button refused',
      });
      await expectNothingDisclosed(page, 'overlay-button');
    });

    await test.step('the field (and with it our button) jumps under the pointer just before the click', async () => {
      await open('moved');
      await waitForInlineButton(page);
      await sleep(600);
      const decoy = await page.evaluate(() => {
        const r = document.querySelector('#decoy')!.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      });
      await mouseMoveTo(page, decoy.x - 30, decoy.y - 25);
      await mouseMoveTo(page, decoy.x, decoy.y);
      // A person's press comes a moment after the pointer arrives; by then our button sits under it.
      await sleep(150);
      const box = await inlineButtonBox(page);
      const underPointer =
        box !== null &&
        decoy.x >= box.x &&
        decoy.x <= box.x + box.width &&
        decoy.y >= box.y &&
        decoy.y <= box.y + box.height;
      const fieldNow = await page.evaluate(() =>
        JSON.stringify(document.querySelector('#mfacode')!.getBoundingClientRect()),
      );
      expect
        .soft(
          underPointer,
          `moved: our button under the pointer ${JSON.stringify({ box, decoy, fieldNow, seen: await seen(page) })}`,
        )
        .toBe(true);
      await mouseDownUp(page);
      await sleep(SETTLE_MS);
      await expectNothingDisclosed(page, 'moved');
    });

    await test.step('page CSS aimed at mfa-autofill-button changes nothing about it', async () => {
      await open('restyle');
      const box = await waitForInlineButton(page);
      const style = await page.evaluate((tag) => {
        const s = getComputedStyle(document.querySelector(tag)!);
        return {
          opacity: s.opacity,
          display: s.display,
          visibility: s.visibility,
          transform: s.transform,
          filter: s.filter,
          clipPath: s.clipPath,
          pointerEvents: s.pointerEvents,
        };
      }, BUTTON);
      expect.soft(style).toEqual({
        opacity: '1',
        display: 'block',
        visibility: 'visible',
        transform: 'none',
        filter: 'none',
        clipPath: 'none',
        pointerEvents: 'auto',
      });
      const field = await page.evaluate(() => {
        const r = document.querySelector('#mfacode')!.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      });
      expect.soft(box.width, 'restyle: button width').toBeGreaterThan(10);
      expect
        .soft(box.x >= field.left && box.x + box.width <= field.right + 30, 'restyle: beside the field')
        .toBe(true);
      await expectNothingDisclosed(page, 'restyle');
    });

    await test.step('a page titled "Aliyun" on an unbound host', async () => {
      await open('title', UNBOUND_HOST);
      await sleep(SETTLE_MS);
      expect.soft(await page.title()).toBe('Aliyun');
      expect.soft(await countInlineButtons(page), 'title: buttons').toBe(0);
      const popup = await ext.openPopup(page);
      const tabId = await ext.tabIdFor(page);
      const list = await sendFromExtensionPage<{
        ok: boolean;
        value: { accounts: { id: string; matchesTab: boolean }[] };
      }>(popup, 'listAccounts', { tabId });
      expect
        .soft(
          list.value.accounts.map((a) => a.matchesTab),
          'title: matchesTab',
        )
        .toEqual([false]);
      const fill = await sendFromExtensionPage<{ ok: boolean; error?: { code: string } }>(popup, 'fillTab', {
        tabId,
        accountId: list.value.accounts[0]?.id,
        twoCodes: false,
      });
      expect
        .soft(fill, 'title: popup fill refused')
        .toMatchObject({ ok: false, error: { code: 'site-not-allowed' } });
      await popup.close();
      await page.bringToFront();
      await expectNothingDisclosed(page, 'title');
    });

    await test.step('postMessage traffic shaped like our protocol, on the bound host', async () => {
      await open('postmessage');
      await waitForInlineButton(page);
      await sleep(SETTLE_MS + 300);
      const log = await seen(page);
      // Only the page's own messages: nothing answered, nothing with a code.
      // why: WXT's content-script context announces itself with window.postMessage ("…:content-script-started");
      // that is the framework's, carries no data, and is filtered out here.
      const foreign = log.filter((entry) => {
        const text = JSON.stringify(entry);
        return !/requestFill|fillCodes|contentHello|listAccounts|wxt:content-script-started/.test(text);
      });
      expect.soft(foreign, 'postmessage: messages the page did not send').toEqual([]);
      expect.soft(await fieldValue(page), 'postmessage: fillCodes from the page ignored').not.toBe('424242');
      await expectNothingDisclosed(page, 'postmessage');
    });

    await test.step('page script calling runtime.sendMessage with our extension id', async () => {
      const id = new URL(ext.extensionBaseUrl).host;
      await open('runtime', BOUND_HOST, `&ext=${id}`);
      await page.waitForFunction(
        () => (window as unknown as { __runtimeDone?: unknown }).__runtimeDone !== undefined,
      );
      await page.evaluate(() =>
        Promise.race([
          (window as unknown as { __runtimeDone: Promise<unknown> }).__runtimeDone,
          new Promise((resolve) => setTimeout(resolve, 5_000)),
        ]),
      );
      const log = ((await seen(page)) as { api?: string; threw?: string; reply?: unknown }[]).filter(
        (entry) => entry.api !== undefined,
      );
      expect.soft(log.length, 'runtime: every attempt finished').toBe(10);
      for (const entry of log) {
        const refused = entry.threw !== undefined || entry.reply === 'undefined';
        expect.soft(refused, `runtime: ${entry.api} → ${JSON.stringify(entry)}`).toBe(true);
      }
      await expectNothingDisclosed(page, 'runtime');
    });
  });

  test('decoys in the top layer, a restyled button, a faded frame and keyboard activation', async ({
    ext,
    server,
    browserKind,
  }) => {
    test.setTimeout(150_000);
    await seedVault(ext, [{ uri: ALIYUN, enrolledOrigin: 'https://account.aliyun.com' }]);
    const page = await ext.newPage();
    const open = async (kase: string) => {
      await page.goto(
        server.url(`/adversarial/hostile.html?case=${kase}`, { host: BOUND_HOST, https: true }),
      );
    };
    const filled = () =>
      page.waitForFunction(() =>
        /^\d{6}$/.test((document.querySelector('#mfacode') as HTMLInputElement).value),
      );
    /** Moves focus to our button the way a keyboard user does: Tab from the last control before it. */
    const tabToButton = async () => {
      await page.evaluate(() => (document.querySelector('#decoy') as HTMLElement).focus());
      await page.press('Tab');
      return page.evaluate((tag) => document.activeElement?.localName === tag, BUTTON);
    };

    await test.step('keyboard: Enter on our focused button fills an honest page', async () => {
      await open('control');
      await waitForInlineButton(page);
      await sleep(600);
      expect(await tabToButton(), 'Tab reaches our button').toBe(true);
      await page.press('Enter');
      await filled();
      expect(plausibleCodes(ALIYUN)).toContain(await fieldValue(page));
    });

    await test.step('a later opaque popover with pointer-events:none over everything', async () => {
      await open('popover-decoy');
      await waitForInlineButton(page);
      await page.waitForFunction(() =>
        (window as unknown as { __seen: unknown[] }).__seen.includes('decoy-open'),
      );
      await sleep(300);
      expect.soft(await clickButtonIfAny(page), 'popover-decoy: button there').toBe(true);
      await sleep(SETTLE_MS);
      await expectNothingDisclosed(page, 'popover-decoy');
    });

    await test.step('keyboard: Enter on our focused button while a decoy popover covers it', async () => {
      await open('popover-decoy');
      await waitForInlineButton(page);
      await page.waitForFunction(() =>
        (window as unknown as { __seen: unknown[] }).__seen.includes('decoy-open'),
      );
      await sleep(600);
      expect.soft(await tabToButton(), 'popover-decoy (keyboard): Tab reaches our button').toBe(true);
      await page.press('Enter');
      await sleep(SETTLE_MS);
      await expectNothingDisclosed(page, 'popover-decoy (keyboard)');
    });

    await test.step('keyboard: Enter on our focused button while a layer covers the field', async () => {
      await open('overlay-field');
      await waitForInlineButton(page);
      await sleep(600);
      expect.soft(await tabToButton(), 'overlay-field (keyboard): Tab reaches our button').toBe(true);
      await page.press('Enter');
      await sleep(SETTLE_MS);
      await expectNothingDisclosed(page, 'overlay-field (keyboard)');
    });

    await test.step('the form hidden by filter: opacity(0) (its computed opacity stays 1)', async () => {
      await open('filtered-ancestor');
      await waitForInlineButton(page);
      await sleep(300);
      expect.soft(await clickButtonIfAny(page), 'filtered-ancestor: button there').toBe(true);
      await sleep(SETTLE_MS);
      await expectNothingDisclosed(page, 'filtered-ancestor');
    });

    for (const kase of ['host-filter', 'host-mask', 'pseudo-decoy']) {
      await test.step(`page script or CSS hides our button's host (${kase})`, async () => {
        await open(kase);
        await waitForInlineButton(page);
        await sleep(300);
        expect.soft(await clickButtonIfAny(page), `${kase}: button there`).toBe(true);
        await sleep(SETTLE_MS);
        await expectNothingDisclosed(page, kase);
      });
    }

    const framed = (opacity: string) =>
      server.url(
        `/adversarial/frame-decoy.html?opacity=${opacity}&frame=${encodeURIComponent(
          server.url('/adversarial/hostile.html?case=control', { host: BOUND_HOST, https: true }),
        )}`,
        { host: SIBLING_HOST, https: true },
      );
    const frameField = () =>
      page.evaluateInFrame(
        `//${BOUND_HOST}:`,
        () => (document.querySelector('#mfacode') as HTMLInputElement | null)?.value ?? 'missing',
      );

    await test.step('a bound frame on a sibling origin, at full opacity', async () => {
      await page.goto(framed('1'));
      if (browserKind === 'firefox') {
        // why: Firefox has no IntersectionObserver v2, so a subframe cannot prove it is visible; it shows no
        // inline button at all (the popup's Fill still works there).
        await sleep(SETTLE_MS);
        expect.soft(await inlineButtonBox(page, '#frame'), 'firefox: no button in a subframe').toBeNull();
        return;
      }
      await waitForInlineButton(page, '#frame');
      await sleep(700); // the grace period, and IntersectionObserver v2 reporting the button visible
      const box = await inlineButtonBox(page, '#frame');
      await mouseClickAt(page, box!.x + box!.width / 2, box!.y + box!.height / 2);
      await expect.poll(frameField, { timeout: 8_000 }).toMatch(/^\d{6}$/);
    });

    await test.step('the same frame faded to opacity 0.01 over a decoy', async () => {
      await page.goto(framed('0.01'));
      if (browserKind === 'firefox') {
        await sleep(SETTLE_MS);
        expect.soft(await inlineButtonBox(page, '#frame'), 'firefox: no button in a subframe').toBeNull();
      } else {
        await waitForInlineButton(page, '#frame');
        await sleep(700);
        const box = await inlineButtonBox(page, '#frame');
        await mouseClickAt(page, box!.x + box!.width / 2, box!.y + box!.height / 2);
        await sleep(SETTLE_MS);
      }
      expect.soft(await frameField(), 'faded frame: field value').toBe('');
      const surface = await pageCodeSurface(page);
      for (const code of plausibleCodes(ALIYUN)) {
        expect.soft(surface.includes(code), `faded frame: code ${code} found in the page`).toBe(false);
      }
    });
  });

  test('a content script on an unbound page cannot get a code by naming a bound account', async ({
    ext,
    server,
    browserKind,
  }) => {
    test.skip(browserKind === 'firefox', 'Firefox exposes no content-script realm to the test driver');
    const popup = await seedVault(ext, [{ uri: ALIYUN, enrolledOrigin: 'https://account.aliyun.com' }]);
    const list = await sendFromExtensionPage<{ value: { accounts: { id: string }[] } }>(
      popup,
      'listAccounts',
      {},
    );
    const accountId = list.value.accounts[0]?.id;
    expect(accountId).toBeTruthy();
    const page = await ext.newPage(
      server.url('/adversarial/hostile.html?case=title', { host: UNBOUND_HOST, https: true }),
    );
    await sleep(SETTLE_MS);
    const raw = page.raw as PlaywrightPage;
    const replies: Record<string, unknown> = {};
    for (const [type, payload] of [
      ['requestFill', { accountId, twoCodes: false }],
      ['requestFill', { accountId, twoCodes: true }],
      ['contentHello', { fieldCount: 1 }],
      ['nextHotpCode', { id: accountId }],
      ['fillTab', { tabId: 0, accountId, twoCodes: false }],
    ] as const) {
      replies[`${type} ${JSON.stringify(payload)}`] = await evaluateInContentScript(
        raw,
        `chrome.runtime.sendMessage(${JSON.stringify({ type, payload })})`,
      );
    }
    expect(Object.values(replies)).toEqual([
      { ok: true, value: { status: 'no-account' } },
      { ok: true, value: { status: 'no-account' } },
      { ok: true, value: { canFill: false } },
      { ok: false, error: expect.objectContaining({ code: 'forbidden' }) },
      { ok: false, error: expect.objectContaining({ code: 'forbidden' }) },
    ]);
    expect(JSON.stringify(replies)).not.toMatch(new RegExp(plausibleCodes(ALIYUN).join('|')));
  });
});
