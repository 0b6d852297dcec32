import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import type { Handler, HandlerContext, HandlerTable } from '../../../lib/background/router';
import type { MessageType, RequestOf } from '../../../lib/messaging';
import type { SyncPort } from '../../../lib/sync/background';
import { SYNC_STATE_KEY } from '../../../lib/sync/state';
import { fakeDeps } from '../background/fakes';
import { totpData } from '../vault/helpers';

const ctx = { sender: {}, senderOrigin: null, now: () => 0 } as unknown as HandlerContext;

/** Calls one handler as the router would (the message's name, its payload). */
function send<K extends MessageType>(table: HandlerTable, name: K, payload: RequestOf<K>) {
  return (table[name] as Handler<K>).handle(payload, ctx);
}

function memorySync() {
  const items = new Map<string, unknown>();
  const port: SyncPort & { scheduled: number; items: Map<string, unknown> } = {
    items,
    scheduled: 0,
    area: {
      async get() {
        return structuredClone(Object.fromEntries(items));
      },
      async set(values) {
        for (const [k, v] of Object.entries(values)) items.set(k, structuredClone(v));
      },
      async remove(keys) {
        for (const k of keys) items.delete(k);
      },
    },
    async schedule() {
      port.scheduled++;
    },
    async cancel() {},
  };
  return port;
}

async function unlockedBrowser(password: string, sync = memorySync()) {
  const fake = fakeDeps();
  fake.deps.sync = sync;
  const handlers = createHandlers(fake.deps);
  const dek = await fake.deps.vault.create(password);
  await fake.deps.session.save(dek, fake.clock.now + 60_000);
  return { ...fake, handlers, sync };
}

describe('sync handlers', () => {
  it('sync is off by default; turning it on needs the master password and reports its status', async () => {
    const a = await unlockedBrowser('password of A');
    expect(await send(a.handlers, 'syncStatus', {})).toEqual({ enabled: false, status: null });
    await expect(send(a.handlers, 'syncEnable', { password: 'not it' })).rejects.toMatchObject({
      code: 'wrong-password',
    });
    expect(a.sync.items.size).toBe(0);
    await a.deps.vault.add((await a.deps.session.load()) as Uint8Array, {
      data: totpData(),
      allowedSites: ['aliyun.com'],
      enrolledOrigin: 'https://aliyun.com',
    });
    const on = await send(a.handlers, 'syncEnable', { password: 'password of A' });
    expect(on).toMatchObject({ enabled: true, joined: false, status: { result: 'ok', accounts: 1 } });
    expect(a.sync.scheduled).toBeGreaterThan(0);
    expect((await send(a.handlers, 'syncStatus', {})).enabled).toBe(true);
    expect((await send(a.handlers, 'syncNow', {})).status?.result).toBe('ok');

    // A second browser with its own password is asked for the synced vault's; never starts a second vault.
    const b = await unlockedBrowser('password of B', a.sync);
    await expect(send(b.handlers, 'syncEnable', { password: 'password of B' })).rejects.toMatchObject({
      code: 'sync-other-password',
    });
    expect(b.local.has(SYNC_STATE_KEY)).toBe(false);
    const joined = await send(b.handlers, 'syncEnable', { password: 'password of A' });
    expect(joined).toMatchObject({ enabled: true, joined: true });
    expect(b.vault.accounts.map((x) => x.data.account)).toEqual(['alice@1234567890123456']);

    expect(await send(b.handlers, 'syncDisable', {})).toEqual({ enabled: false, status: null });
    expect(b.local.has(SYNC_STATE_KEY)).toBe(false);
    expect(a.sync.items.size).toBeGreaterThan(0);
  });

  it('refuses while locked and where storage.sync is missing', async () => {
    const a = await unlockedBrowser('password of A');
    await a.deps.session.clear();
    await expect(send(a.handlers, 'syncStatus', {})).rejects.toMatchObject({ code: 'locked' });
    const c = await unlockedBrowser('password of C');
    delete c.deps.sync;
    await expect(send(c.handlers, 'syncNow', {})).rejects.toMatchObject({ code: 'sync-unavailable' });
  });
});
