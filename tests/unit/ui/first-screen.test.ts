import { describe, expect, it, vi } from 'vitest';
import {
  FIRST_SCREEN_GLOBAL,
  claimFirstScreen,
  prepareFirstScreen,
  startFirstReads,
  type FirstReadApi,
  type FirstScreenHandoff,
} from '../../../lib/ui/first-screen';
import { START_KEYS } from '../../../lib/ui/popup-local';
import { generateCode } from '../../../lib/otp/generate';
import { SNAPSHOT_KEY } from '../../../lib/vault/popup-snapshot';
import { NOW, SECRET, snapshotSession, storedAccount } from './snapshot-session';
import type { StoredAccount } from '../../../lib/vault/types';
import { totpData } from '../vault/helpers';

const stored = (
  id: string,
  issuer: string,
  order: number,
  extra: Partial<StoredAccount['data']> = {},
  sites: string[] = [],
) => storedAccount(id, { issuer, ...extra }, { order, allowedSites: sites });
const session = (accounts: StoredAccount[], lockAt: number | null = NOW + 60_000) =>
  snapshotSession(accounts, { lockAt });

const codeAt = (now: number) => generateCode(totpData({ secret: SECRET }), now);

async function prepare(area: ReturnType<typeof session>, url: string | undefined, now = NOW) {
  const values = await area.get(START_KEYS);
  return prepareFirstScreen(values, { id: 3, url }, area, now, crypto.subtle);
}

describe('the first screen is drawn only from a live, whole snapshot', () => {
  it('unlocked: the head’s rows with the same codes the app computes', async () => {
    const screen = await prepare(session([stored('a', 'Aliyun', 0), stored('b', 'GitHub', 1)]), undefined);
    expect(screen?.list.accounts.map((a) => [a.issuer, a.code])).toEqual([
      ['Aliyun', codeAt(NOW)],
      ['GitHub', codeAt(NOW)],
    ]);
    expect(screen?.idleMs).toBe(300_000);
    expect(screen?.list.partial).toBeUndefined();
  });

  it('nothing when the deadline has passed, the key is gone, or the index is missing (the app decides)', async () => {
    const accounts = [stored('a', 'Aliyun', 0)];
    expect(await prepare(session(accounts, NOW - 1), undefined)).toBeNull();
    expect(await prepare(session(accounts, null), undefined)).toBeNull();
    const noIndex = session(accounts);
    delete noIndex.values[SNAPSHOT_KEY];
    expect(await prepare(noIndex, undefined)).toBeNull();
  });

  it('nothing for an empty vault', async () => {
    expect(await prepare(session([]), undefined)).toBeNull();
  });

  it('every code a view can read is the generator’s, now and at the period’s end (SHA-1/256/512, Steam)', async () => {
    const accounts = [
      stored('a', 'A', 0),
      stored('b', 'B', 1, { algorithm: 'SHA256', digits: 8, period: 60 }),
      stored('c', 'C', 2, { algorithm: 'SHA512', digits: 7, period: 45 }),
      stored('d', 'Steam', 3, { kind: 'steam', digits: 5 }),
      stored('e', 'Counter', 4, { kind: 'hotp', algorithm: 'SHA1' }),
    ];
    const screen = await prepare(session(accounts), undefined);
    expect(screen?.list.accounts).toHaveLength(accounts.length);
    for (const view of screen!.list.accounts) {
      const { data } = accounts.find((account) => account.id === view.id)!;
      if (data.kind === 'hotp') {
        expect([view.code, view.nextCode]).toEqual(['', '']);
        continue;
      }
      expect(view.code).toBe(generateCode(data, NOW));
      expect(view.nextCode).toBe(generateCode(data, view.validUntil));
    }
  });

  it('a vault longer than the head: the web tab’s accounts are read from their site key and come first', async () => {
    const accounts = Array.from({ length: 30 }, (_, i) => stored(`id${i}`, `Issuer ${i}`, i));
    accounts.push(stored('gh', 'GitHub', 99, {}, ['github.com']));
    const area = session(accounts);
    const screen = await prepare(area, 'https://github.com/login');
    expect(area.reads[1]).toContain('popupSnapshot:s:github.com');
    const first = screen?.list.accounts.find((a) => a.matchesTab);
    expect(first?.issuer).toBe('GitHub');
    expect(screen?.list.partial).toBe(true);
  });

  it('a snapshot rewritten between the two reads: nothing drawn (no mix of two versions)', async () => {
    const accounts = Array.from({ length: 30 }, (_, i) =>
      stored(`id${i}`, `Issuer ${i}`, i, {}, ['github.com']),
    );
    const area = session(accounts);
    const values = await area.get(START_KEYS);
    area.values[SNAPSHOT_KEY] = { v: 2, gen: 'g2', chunks: 1 };
    expect(
      await prepareFirstScreen(values, { id: 3, url: 'https://github.com/' }, area, NOW, crypto.subtle),
    ).toBeNull();
  });
});

describe('the first reads', () => {
  const api = (tabs: Partial<FirstReadApi['tabs']> = {}) => {
    const calls: string[] = [];
    const value: FirstReadApi = {
      storage: { session: { get: async (keys) => (calls.push(`get ${String(keys)}`), {}) } },
      tabs: {
        query: async () => (calls.push('query'), [{ id: 4, url: 'https://a.example/' }]),
        get: async (id) => (calls.push(`get tab ${id}`), { url: 'https://b.example/' }),
        ...tabs,
      },
    };
    return { value, calls };
  };

  it('the active tab’s id and URL from one query, beside the storage read', async () => {
    const { value, calls } = api();
    const reads = startFirstReads(value, '', START_KEYS);
    expect(await reads.tab).toEqual({ id: 4, url: 'https://a.example/' });
    expect(calls).toEqual([`get ${START_KEYS.join(',')}`, 'query']);
  });

  it('?tabId=N aims at that tab; a tabs failure leaves the URL unknown, never a rejection', async () => {
    const { value, calls } = api();
    expect(await startFirstReads(value, '?tabId=12', START_KEYS).tab).toEqual({
      id: 12,
      url: 'https://b.example/',
    });
    expect(calls).toContain('get tab 12');
    const failing = api({
      query: () => Promise.reject(new Error('no tabs')),
      get: () => Promise.reject(new Error('gone')),
    });
    expect(await startFirstReads(failing.value, '', START_KEYS).tab).toEqual({
      id: undefined,
      url: undefined,
    });
    expect(await startFirstReads(failing.value, '?tabId=5', START_KEYS).tab).toEqual({
      id: 5,
      url: undefined,
    });
  });
});

describe('the app takes the handoff once, and never waits long for it', () => {
  const handoff = (settled: Promise<boolean>): FirstScreenHandoff => ({
    reads: { values: Promise.resolve({}), tab: Promise.resolve({ id: undefined, url: undefined }) },
    shown: null,
    settled,
    claimed: false,
  });
  const timers = {
    setTimeout: ((fn: () => void, ms?: number) => setTimeout(fn, ms)) as typeof setTimeout,
    requestAnimationFrame: (fn: FrameRequestCallback) => {
      setTimeout(() => fn(0), 1);
      return 0;
    },
  };

  it('no script, no handoff', async () => {
    expect(await claimFirstScreen({}, 50, timers)).toBeNull();
  });

  it('after the script settled: the handoff, claimed (the script draws nothing after this)', async () => {
    const win = { [FIRST_SCREEN_GLOBAL]: handoff(Promise.resolve(true)) };
    const taken = await claimFirstScreen(win, 50, timers);
    expect(taken).toBe(win[FIRST_SCREEN_GLOBAL]);
    expect(taken?.claimed).toBe(true);
    expect(await claimFirstScreen(win, 50, timers)).toBeNull();
  });

  it('a script that never settles: the app renders alone after the wait, and the script may no longer draw', async () => {
    vi.useFakeTimers();
    try {
      const win = { [FIRST_SCREEN_GLOBAL]: handoff(new Promise<boolean>(() => {})) };
      const taken = claimFirstScreen(win, 300, timers);
      await vi.advanceTimersByTimeAsync(301);
      expect(await taken).toBeNull();
      expect(win[FIRST_SCREEN_GLOBAL].claimed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
