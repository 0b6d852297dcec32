import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { generateDataKey } from '../../../lib/vault/crypto';
import { SESSION_STORAGE_KEY, createVaultSession, type SessionStorageArea } from '../../../lib/vault/session';
import { SNAPSHOT_KEY, TOUCH_KEY } from '../../../lib/vault/popup-snapshot';
import { manualClock } from './helpers';

const area: SessionStorageArea = fakeBrowser.storage.session;

function setup() {
  const clock = manualClock();
  return { clock, session: createVaultSession(area, clock.now), dataKey: generateDataKey(globalThis.crypto) };
}

async function raw(): Promise<unknown> {
  return (await area.get(SESSION_STORAGE_KEY))[SESSION_STORAGE_KEY];
}

describe('vault session in storage.session', () => {
  it('returns the saved key until the deadline', async () => {
    const { clock, session, dataKey } = setup();
    await session.save(dataKey, clock.now() + 60_000);
    await expect(session.load()).resolves.toEqual(dataKey);
    await expect(session.lockAt()).resolves.toBe(clock.now() + 60_000);
    clock.advance(59_999);
    await expect(session.load()).resolves.toEqual(dataKey);
  });

  it('stores the key as a base64 string, never as binary (an ArrayBuffer comes back as {})', async () => {
    const { clock, session, dataKey } = setup();
    await session.save(dataKey, clock.now() + 1000);
    const stored = (await raw()) as { dataKey: unknown };
    expect(typeof stored.dataKey).toBe('string');
    expect(JSON.parse(JSON.stringify(await raw()))).toEqual(await raw());
  });

  it('forgets the key at the deadline even if no alarm fired', async () => {
    const { clock, session, dataKey } = setup();
    await session.save(dataKey, clock.now() + 1000);
    clock.advance(1000);
    await expect(session.load()).resolves.toBeNull();
    await expect(raw()).resolves.toBeUndefined();
  });

  it('reports no deadline and clears an expired session', async () => {
    const { clock, session, dataKey } = setup();
    await session.save(dataKey, clock.now() + 1000);
    clock.advance(5000);
    await expect(session.lockAt()).resolves.toBeNull();
    await expect(raw()).resolves.toBeUndefined();
  });

  it('extends a live session', async () => {
    const { clock, session, dataKey } = setup();
    await session.save(dataKey, clock.now() + 1000);
    await session.extend(clock.now() + 10_000);
    clock.advance(5000);
    await expect(session.load()).resolves.toEqual(dataKey);
    await expect(session.lockAt()).resolves.toBe(clock.now() + 5000);
  });

  it('does not revive an expired or absent session when extending', async () => {
    const { clock, session, dataKey } = setup();
    await session.extend(clock.now() + 10_000);
    await expect(raw()).resolves.toBeUndefined();
    await session.save(dataKey, clock.now() + 1000);
    clock.advance(2000);
    await session.extend(clock.now() + 10_000);
    await expect(session.load()).resolves.toBeNull();
  });

  it('clears on lock', async () => {
    const { clock, session, dataKey } = setup();
    await session.save(dataKey, clock.now() + 60_000);
    await session.clear();
    await expect(session.load()).resolves.toBeNull();
    await expect(raw()).resolves.toBeUndefined();
  });

  it.each([
    ['an ArrayBuffer that came back as {}', { dataKey: {}, lockAt: Number.MAX_SAFE_INTEGER }],
    ['a key of the wrong length', { dataKey: 'AAAA', lockAt: Number.MAX_SAFE_INTEGER }],
    ['no deadline', { dataKey: 'A'.repeat(43) + '=' }],
    ['garbage', 'not an object'],
  ])('treats %s as locked and removes it', async (_label, value) => {
    const { session } = setup();
    await area.set({ [SESSION_STORAGE_KEY]: value });
    await expect(session.load()).resolves.toBeNull();
    await expect(raw()).resolves.toBeUndefined();
  });

  it('a later deadline set by the popup (a touch) keeps the session; lock and expiry remove key, snapshot and touch', async () => {
    const { clock, session, dataKey } = setup();
    await session.save(dataKey, clock.now() + 60_000);
    await area.set({ [TOUCH_KEY]: { lockAt: clock.now() + 120_000 }, [SNAPSHOT_KEY]: { v: 1 } });
    clock.advance(90_000);
    await expect(session.load()).resolves.toEqual(dataKey);
    await expect(session.lockAt()).resolves.toBe(clock.now() + 30_000);
    clock.advance(30_000);
    await expect(session.load()).resolves.toBeNull();
    const left = await area.get([SESSION_STORAGE_KEY, SNAPSHOT_KEY, TOUCH_KEY]);
    expect(left).toEqual({});

    await session.save(dataKey, clock.now() + 60_000);
    await area.set({ [TOUCH_KEY]: { lockAt: clock.now() + 120_000 }, [SNAPSHOT_KEY]: { v: 1 } });
    await session.clear();
    expect(await area.get([SESSION_STORAGE_KEY, SNAPSHOT_KEY, TOUCH_KEY])).toEqual({});
  });

  it('a touch left from an earlier session does not lengthen a new one', async () => {
    const { clock, session, dataKey } = setup();
    await area.set({ [TOUCH_KEY]: { lockAt: clock.now() + 600_000 } });
    await session.save(dataKey, clock.now() + 60_000);
    await expect(session.lockAt()).resolves.toBe(clock.now() + 60_000);
  });

  it('refuses to save a key of the wrong length', async () => {
    const { clock, session } = setup();
    await expect(session.save(new Uint8Array(16), clock.now() + 1000)).rejects.toThrow(/32 bytes/);
  });
});
