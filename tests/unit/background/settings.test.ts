import { describe, expect, it, vi } from 'vitest';
import { createRouter } from '../../../lib/background/router';
import { createHandlers } from '../../../lib/background/handlers';
import {
  autoSubmitOn,
  LEGACY_SETTINGS_KEY,
  restrictStorageToExtension,
} from '../../../lib/background/settings';
import { parseSettings } from '../../../lib/settings';
import type { MessageType, Reply, RequestOf } from '../../../lib/messaging';
import { fakeDeps } from './fakes';
import { SUFFIXES } from '../sites/suffixes';

const EXT_ID = 'abcdefghijklmnop';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;
const popup = { id: EXT_ID, url: `${EXT_ORIGIN}/popup.html` };
const PASSWORD = 'correct horse battery staple';

function setup() {
  const env = fakeDeps();
  const route = createRouter(createHandlers(env.deps), { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN });
  async function call<K extends MessageType>(type: K, payload: RequestOf<K>) {
    const reply = route({ type, payload }, popup as never);
    if (!reply) throw new Error('router ignored the message');
    return (await reply) as Reply<unknown>;
  }
  async function ok<K extends MessageType>(type: K, payload: RequestOf<K>) {
    const reply = await call(type, payload);
    if (!reply.ok) throw new Error(`${type} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.value as never;
  }
  /** What a content script can do in Firefox (and in Chrome without the access level): write storage.local. */
  const forge = (value: unknown) => env.deps.local.set({ [LEGACY_SETTINGS_KEY]: value });
  return { ...env, call, ok, forge };
}

const FORGED = {
  autoLockMinutes: 1440,
  clearClipboard: false,
  autoSubmitSites: ['evil.test'],
  appendCodeSites: ['evil.test'],
};

describe('settings are out of reach of storage.local', () => {
  it('a value forged in storage.local changes neither auto-lock nor auto-submit', async () => {
    const t = setup();
    await t.ok('createVault', { password: PASSWORD });
    await t.ok('setSettings', { autoLockMinutes: 5 });
    await t.forge(FORGED);
    await t.ok('lockVault', {});
    await t.ok('unlockVault', { password: PASSWORD });
    expect(t.session.stored?.lockAt).toBe(t.clock.now + 5 * 60_000);
    expect(t.alarms.when).toBe(t.clock.now + 5 * 60_000);
    await t.forge(FORGED);
    t.clock.now += 60_000;
    expect(await t.ok('getSettings', {})).toEqual({
      autoLockMinutes: 5,
      clearClipboard: true,
      autoSubmitSites: [],
      clockCheck: true,
      appendCodeSites: [],
    });
    // The use above moved the deadline by the vault's 5 minutes, not the forged 1440.
    expect(t.alarms.when).toBe(t.clock.now + 5 * 60_000);
    const dek = (await t.session.load())!;
    expect(await autoSubmitOn(t.deps, dek, 'https://evil.test')).toBe(false);
    // Every unlock clears what was forged.
    await t.ok('unlockVault', { password: PASSWORD });
    expect(t.local.has(LEGACY_SETTINGS_KEY)).toBe(false);
  });

  it('a new vault starts from the defaults whatever storage.local holds', async () => {
    const t = setup();
    await t.forge(FORGED);
    await t.ok('createVault', { password: PASSWORD });
    expect(t.session.stored?.lockAt).toBe(t.clock.now + 15 * 60_000);
    expect(await t.ok('getSettings', {})).toMatchObject({ autoLockMinutes: 15, autoSubmitSites: [] });
    expect(t.local.has(LEGACY_SETTINGS_KEY)).toBe(false);
  });

  it('reading or writing settings needs the vault unlocked', async () => {
    const t = setup();
    await t.ok('createVault', { password: PASSWORD });
    await t.ok('lockVault', {});
    expect(await t.call('getSettings', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await t.call('setSettings', { autoLockMinutes: 1440 })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    expect(t.vaultSettings.stored).toMatchObject({ autoLockMinutes: 15 });
  });

  it('auto-submit applies to the sites stored in the vault only', async () => {
    const t = setup();
    await t.ok('createVault', { password: PASSWORD });
    await t.ok('setSettings', { autoSubmitSites: ['example.com'] });
    const dek = (await t.session.load())!;
    expect(await autoSubmitOn(t.deps, dek, 'https://login.example.com')).toBe(true);
    expect(await autoSubmitOn(t.deps, dek, 'https://evil.test')).toBe(false);
  });

  it('whatever is stored is re-validated on read', () => {
    expect(
      parseSettings(
        {
          autoLockMinutes: 99999,
          clearClipboard: 'yes',
          autoSubmitSites: ['ok.example', 3, 'not a site!'],
          appendCodeSites: ['vpn.example', null, 'com'],
        },
        SUFFIXES,
      ),
    ).toEqual({
      autoLockMinutes: 15,
      clearClipboard: true,
      autoSubmitSites: ['ok.example'],
      clockCheck: true,
      appendCodeSites: ['vpn.example'],
    });
    expect(parseSettings(null, SUFFIXES)).toEqual({
      autoLockMinutes: 15,
      clearClipboard: true,
      autoSubmitSites: [],
      clockCheck: true,
      appendCodeSites: [],
    });
  });
});

describe('restrictStorageToExtension', () => {
  it('sets storage.local to trusted contexts where the browser can (Chrome)', async () => {
    const area = { setAccessLevel: vi.fn(async () => undefined) };
    expect(await restrictStorageToExtension(area)).toBe(true);
    expect(area.setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
  });

  it('does nothing and does not throw where it cannot (Firefox)', async () => {
    expect(await restrictStorageToExtension({})).toBe(false);
    const refusing = { setAccessLevel: async () => Promise.reject(new Error('not supported')) };
    expect(await restrictStorageToExtension(refusing)).toBe(false);
  });
});

describe('clipboardCopied', () => {
  it('schedules the clear 30 s later when the setting is on, nothing when it is off', async () => {
    const t = setup();
    await t.ok('createVault', { password: PASSWORD });
    expect(await t.ok('clipboardCopied', {})).toEqual({ clearAt: t.clock.now + 30_000 });
    expect(t.alarms.clipboardAt).toBe(t.clock.now + 30_000);
    await t.ok('setSettings', { clearClipboard: false });
    t.alarms.clipboardAt = undefined;
    expect(await t.ok('clipboardCopied', {})).toEqual({ clearAt: null });
    expect(t.alarms.clipboardAt).toBeUndefined();
  });
});
