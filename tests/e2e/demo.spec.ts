// The `npm start` demo console, driven end to end in both browsers: the extension enrolls from the demo's
// QR (the server checks the two consecutive codes it fills), then fills the logon's MFA step from its inline
// button (the server checks that code too). The demo runs under real-looking host names over HTTPS, the way
// the extension meets Alibaba Cloud: enrolment on account.console.aliyun.com, logon on signin.aliyun.com.
import type { Page as PlaywrightPage } from '@playwright/test';
import * as OTPAuth from 'otpauth';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import {
  DEMO_ACCOUNT,
  DEMO_PASSWORD,
  ENROLL_PATH,
  LOGIN_PATH,
  startDemoServer,
  type DemoServer,
} from '../../demo/server.mjs';
import type { E2ePage } from './harness/browsers';
import { expect, test as base } from './harness/fixtures';
import { createVaultInPopup, tid, waitForState } from './steps/popup';

const ENROLL_HOST = 'account.console.aliyun.com';
const SIGNIN_HOST = 'signin.aliyun.com';
const FILL_BUTTON = 'mfa-autofill-button';
const STEP_MS = 30_000;

// How the demo is met: under Alibaba-like names over HTTPS (enrol on one host, log on on another of the same
// site), and the way `npm start` serves it (plain http on 127.0.0.1, which the extension allows for loopback).
const SERVED_AS = [
  { name: 'https, Alibaba-like hosts', enrollHost: ENROLL_HOST, signinHost: SIGNIN_HOST, https: true },
  {
    name: 'http on 127.0.0.1, as npm start serves it',
    enrollHost: '127.0.0.1',
    signinHost: '127.0.0.1',
    https: false,
  },
] as const;

const test = base.extend<{ demo: DemoServer }>({
  // why: Playwright reads fixture dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  demo: async ({}, use) => {
    const demo = await startDemoServer({ https: true });
    try {
      await use(demo);
    } finally {
      await demo.close();
    }
  },
});

test.use({ hosts: [ENROLL_HOST, SIGNIN_HOST] });

/** A trusted click where a user would click: the inline button is in a closed shadow root. */
async function mouseClickAt(page: E2ePage, point: { x: number; y: number }): Promise<void> {
  if (page.kind === 'chromium') await (page.raw as PlaywrightPage).mouse.click(point.x, point.y);
  else await (page.raw as PuppeteerPage).mouse.click(point.x, point.y);
}

function centreOf(page: E2ePage, selector: string): Promise<{ x: number; y: number }> {
  return page.evaluate((s) => {
    const element = document.querySelector(s);
    if (!element) throw new Error(`no ${s}`);
    const box = element.getBoundingClientRect();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }, selector);
}

function fieldsHoldCodes(page: E2ePage, ids: string[]): Promise<void> {
  return page.waitForFunction(
    (fieldIds) =>
      fieldIds.every((id) =>
        /^\d{6}$/.test((document.getElementById(id) as HTMLInputElement | null)?.value ?? ''),
      ),
    ids,
  );
}

/** A minimal cookie-keeping client for the demo's plain-HTTP listener. */
function demoClient(demo: DemoServer) {
  let cookie = '';
  const send = async (pathname: string, form?: Record<string, string>) => {
    const response = await fetch(demo.url(pathname), {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0] ?? '';
    return {
      status: response.status,
      location: response.headers.get('location'),
      html: await response.text(),
    };
  };
  return { get: (pathname: string) => send(pathname), post: send };
}

test.describe('demo console (npm start)', () => {
  test('its server accepts only two consecutive codes for the shown key, then only a current logon code', async ({
    demo,
  }) => {
    const client = demoClient(demo);
    const enrollPage = await client.get(ENROLL_PATH);
    const groupedKey = /id="J_SecretKey">([A-Z2-7 ]+)</.exec(enrollPage.html)?.[1] ?? '';
    expect(groupedKey).toMatch(/^([A-Z2-7]{4} ){15}[A-Z2-7]{4}$/);
    expect(enrollPage.html).toContain('src="data:image/png;base64,');
    const secret = OTPAuth.Secret.fromBase32(groupedKey.replaceAll(' ', ''));
    const now = Date.now();
    const codeAt = (ms: number) => OTPAuth.TOTP.generate({ secret, timestamp: ms });

    expect((await client.post(ENROLL_PATH, { code1: codeAt(now), code2: codeAt(now) })).status).toBe(400);
    expect(
      (await client.post(ENROLL_PATH, { code1: codeAt(now + STEP_MS), code2: codeAt(now) })).status,
    ).toBe(400);
    const bound = await client.post(ENROLL_PATH, { code1: codeAt(now), code2: codeAt(now + STEP_MS) });
    expect(bound.status).toBe(200);
    expect(bound.html).toContain('data-result="bound"');

    expect((await client.post(LOGIN_PATH, { loginId: DEMO_ACCOUNT, password: 'wrong' })).status).toBe(401);
    const passwordStep = await client.post(LOGIN_PATH, { loginId: DEMO_ACCOUNT, password: DEMO_PASSWORD });
    expect(passwordStep).toMatchObject({ status: 303, location: `${LOGIN_PATH}/mfa` });
    expect((await client.get('/console')).location).toBe(LOGIN_PATH);
    expect((await client.post(`${LOGIN_PATH}/mfa`, { checkcode: codeAt(now + 3 * STEP_MS) })).status).toBe(
      401,
    );
    const mfaStep = await client.post(`${LOGIN_PATH}/mfa`, { checkcode: codeAt(Date.now()) });
    expect(mfaStep).toMatchObject({ status: 303, location: '/console' });
    expect((await client.get('/console')).html).toContain('id="J_Welcome"');

    expect(demo.events.map((e) => `${e.kind}:${e.ok}`)).toEqual([
      'bind:false',
      'bind:false',
      'bind:true',
      'password:false',
      'password:true',
      'mfa:false',
      'mfa:true',
    ]);
  });

  for (const served of SERVED_AS) {
    test(`the extension enrolls from its QR, and the code it fills at logon is accepted (${served.name})`, async ({
      ext,
      demo,
    }) => {
      const setup = await ext.openPopup();
      await createVaultInPopup(setup);
      await setup.close();

      // Enrol: scan the QR from the popup, confirm, and the page's two code fields are filled.
      const enroll = await ext.newPage(
        demo.url(ENROLL_PATH, { host: served.enrollHost, https: served.https }),
      );
      await enroll.waitForSelector('#J_QrCode');
      const popup = await ext.openPopup(enroll);
      await waitForState(popup, 'unlocked');
      await popup.click(tid('scan-open'));
      await popup.waitForSelector(tid('scan-confirm'), { timeout: 30_000 });
      const shown = await popup.evaluate(
        (selectors) => selectors.map((s) => (document.querySelector(s) as HTMLInputElement | null)?.value),
        [tid('scan-issuer'), tid('scan-account-name')],
      );
      expect(shown, 'the popup shows what it found before adding it').toEqual(['Aliyun', DEMO_ACCOUNT]);
      await popup.click(tid('scan-add'));
      await popup.waitForSelector(tid('scan-done'), { state: 'attached', timeout: 30_000 });
      const outcome = await popup.evaluate(
        ([done, message]) => ({
          filled: document.querySelector(done)?.getAttribute('data-filled'),
          message: document.querySelector(message)?.textContent,
        }),
        [tid('scan-done'), tid('scan-done-message')] as const,
      );
      expect(outcome, 'the popup fills both code fields of the page after adding').toMatchObject({
        filled: 'true',
      });
      await popup.close();

      await enroll.bringToFront();
      await fieldsHoldCodes(enroll, ['J_Code1', 'J_Code2']);
      await enroll.click('#J_BindSubmit');
      await enroll.waitForSelector('#J_BindResult[data-result="bound"]');
      expect(demo.events).toEqual([expect.objectContaining({ kind: 'bind', ok: true })]);

      // Log on: password step, then the MFA step filled from the inline button.
      const logon = await ext.newPage(demo.url(LOGIN_PATH, { host: served.signinHost, https: served.https }));
      await logon.fill('#J_LoginId', DEMO_ACCOUNT);
      await logon.fill('#J_Password', DEMO_PASSWORD);
      await logon.click('#J_LoginSubmit');
      await logon.waitForSelector('#J_Tp_Checkcode');
      await logon.waitForSelector(FILL_BUTTON, { state: 'visible' });
      // why: the button ignores clicks for 500 ms after it appears (it might have appeared under the pointer).
      await new Promise((r) => setTimeout(r, 600));
      await mouseClickAt(logon, await centreOf(logon, FILL_BUTTON));
      await fieldsHoldCodes(logon, ['J_Tp_Checkcode']);
      await logon.click('#J_Tp_Submit');
      await logon.waitForSelector('#J_Welcome');

      expect(demo.events.map((e) => `${e.kind}:${e.ok}@${e.host.split(':')[0]}`)).toEqual([
        `bind:true@${served.enrollHost}`,
        `password:true@${served.signinHost}`,
        `mfa:true@${served.signinHost}`,
      ]);
    });
  }
});
