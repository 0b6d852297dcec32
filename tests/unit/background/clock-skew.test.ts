import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../lib/background/router';
import { createHandlers } from '../../../lib/background/handlers';
import type { MessageType, Reply, RequestOf } from '../../../lib/messaging';
import { SKEW_REUSE_MS } from '../../../lib/background/clock-skew';
import { fakeDeps } from './fakes';

const EXT_ID = 'abcdefghijklmnop';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;
const popup = { id: EXT_ID, url: `${EXT_ORIGIN}/popup.html` };
const SITE = 'https://signin.aliyun.com';
// RFC 6238 SHA-1 secret: counter 0 → 755224, 1 → 287082, 2 → 359152.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

async function setup(nowMs: number, kind: 'totp' | 'hotp' = 'totp') {
  const env = fakeDeps({ now: nowMs });
  const route = createRouter(createHandlers(env.deps), { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN });
  const call = async <K extends MessageType>(type: K, payload: RequestOf<K>) =>
    (await route({ type, payload }, popup as never)) as Reply<never>;
  await call('createVault', { password: 'correct horse' });
  await call('addAccount', {
    data: {
      kind,
      issuer: 'Aliyun',
      account: 'alice',
      secret: RFC_SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    },
    allowedSites: [],
    enrolledOrigin: SITE,
  });
  env.frames.list = [
    { frameId: 0, origin: SITE },
    { frameId: 2, origin: 'https://passport.alibabacloud.com' },
  ];
  const fill = () => call('fillTab', { tabId: 5, accountId: env.vault.accounts[0]!.id, twoCodes: false });
  const filled = () =>
    env.frames.sent
      .map((s) => s.message as { type: string; codes?: string[] })
      .filter((m) => m.type === 'fillCodes')
      .map((m) => m.codes?.[0]);
  return { ...env, call, fill, filled };
}

/** The site's clock as an HTTP Date header: whole seconds. */
const httpDate = (ms: number) => new Date(ms).toUTCString();

describe('clock skew: codes follow the clock of the site being filled', () => {
  it('the inline button (requestFill from the page) gets the corrected code too', async () => {
    const t = await setup(10_500);
    t.server.date = () => httpDate(60_000);
    const route = createRouter(createHandlers(t.deps), { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN });
    const sender = {
      id: EXT_ID,
      url: `${SITE}/login`,
      origin: SITE,
      tab: { id: 5, url: `${SITE}/login` },
      frameId: 0,
    };
    const reply = (await route({ type: 'requestFill', payload: {} }, sender as never)) as Reply<never>;
    expect(reply).toMatchObject({ ok: true, value: { status: 'fill', codes: ['359152'] } });
  });

  it('corrects a clock 50 s behind and says by how much', async () => {
    // Our clock says 10.5 s (counter 0); the site's says 60 s (counter 2).
    const t = await setup(10_500);
    t.server.date = () => httpDate(60_000);
    expect(await t.fill()).toEqual({
      ok: true,
      value: { filledFrames: 2, usedNext: false, clockSkewSeconds: 50 },
    });
    expect(t.filled()).toEqual(['359152', '359152']);
    // Only the top origin being filled is asked, once, whatever frames the page has.
    expect(t.server.asked).toEqual([SITE]);
  });

  it('corrects a clock that is ahead', async () => {
    const t = await setup(100_500);
    t.server.date = () => httpDate(40_000);
    expect(await t.fill()).toMatchObject({ ok: true, value: { clockSkewSeconds: -60 } });
    expect(t.filled()[0]).toBe('287082');
  });

  it('uses the midpoint of the request when the answer takes a while', async () => {
    const t = await setup(10_000);
    t.server.date = () => {
      t.clock.now += 1_000; // the request took 1 s; the site read its clock halfway
      return httpDate(60_000);
    };
    expect(await t.fill()).toMatchObject({ ok: true, value: { clockSkewSeconds: 50 } });
  });

  it('leaves codes alone within 10 s, with no Date, or when the request fails', async () => {
    for (const date of [
      () => httpDate(18_000),
      () => null,
      () => 'not a date',
      () => Promise.reject(new TypeError('timeout')),
    ]) {
      const t = await setup(10_500);
      t.server.date = date;
      expect(await t.fill()).toEqual({ ok: true, value: { filledFrames: 2, usedNext: false } });
      expect(t.filled()[0]).toBe('755224');
    }
  });

  it('asks nothing and corrects nothing when the user turned the check off', async () => {
    const t = await setup(10_500);
    t.server.date = () => httpDate(60_000);
    await t.call('setSettings', { clockCheck: false });
    expect(await t.fill()).toEqual({ ok: true, value: { filledFrames: 2, usedNext: false } });
    expect(t.filled()[0]).toBe('755224');
    expect(t.server.asked).toEqual([]);
    expect(await t.call('getSettings', {})).toMatchObject({ ok: true, value: { clockCheck: false } });
  });

  it('reuses a measurement for a few minutes, kept in storage.session per origin', async () => {
    const t = await setup(10_500);
    t.server.date = () => httpDate(60_000);
    await t.fill();
    t.clock.now += SKEW_REUSE_MS - 1;
    await t.fill();
    expect(t.server.asked).toEqual([SITE]);
    expect((await t.deps.sessionArea.get(`clockSkew:${SITE}`))[`clockSkew:${SITE}`]).toEqual({
      offsetMs: 50_000,
      at: 10_500,
    });
    t.clock.now += 1;
    await t.fill();
    expect(t.server.asked).toEqual([SITE, SITE]);
  });

  it('never asks for an HOTP account (its code does not depend on the time)', async () => {
    const t = await setup(10_500, 'hotp');
    t.server.date = () => httpDate(60_000);
    expect(await t.fill()).toEqual({ ok: true, value: { filledFrames: 2, usedNext: false } });
    expect(t.server.asked).toEqual([]);
  });

  it('refuses a clockCheck that is not a boolean', async () => {
    const t = await setup(0);
    expect(await t.call('setSettings', { clockCheck: 'yes' as never })).toMatchObject({
      ok: false,
      error: { code: 'invalid-settings' },
    });
  });
});
