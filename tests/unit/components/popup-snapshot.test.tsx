// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fakeServices, mountApp, NOW, typeInto, waitFor } from './harness';
import { generateCode } from '../../../lib/otp/generate';
import type { LocalArea, LocalSources } from '../../../lib/ui/popup-local';
import {
  codeFunctionFor,
  readLocalStart,
  siteCoversUrl,
  viewsFromSnapshot,
} from '../../../lib/ui/popup-local';
import { SESSION_STORAGE_KEY } from '../../../lib/vault/session';
import {
  SNAPSHOT_KEY,
  TOUCH_KEY,
  VAULT_MARKER_KEY,
  buildParts,
  type PopupSnapshot,
} from '../../../lib/vault/popup-snapshot';
import type { StoredAccount } from '../../../lib/vault/types';
import { readTabRows, sitesForUrl } from '../../../lib/ui/popup-full';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

function area(initial: Record<string, unknown> = {}): LocalArea & { map: Map<string, unknown> } {
  const map = new Map(Object.entries(initial));
  return {
    map,
    async get(keys) {
      const out: Record<string, unknown> = {};
      const wanted = keys === null ? [...map.keys()] : typeof keys === 'string' ? [keys] : keys;
      for (const key of wanted) if (map.has(key)) out[key] = structuredClone(map.get(key));
      return out;
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) map.set(k, v);
    },
    async remove(keys) {
      for (const key of typeof keys === 'string' ? [keys] : keys) map.delete(key);
    },
  };
}

function snapshot(): PopupSnapshot {
  const row = (id: string, issuer: string, order: number, allowedSites: string[] = []) => ({
    id,
    kind: 'totp' as const,
    issuer,
    account: 'alice',
    digits: 6,
    period: 30,
    algorithm: 'SHA1' as const,
    secret: SECRET,
    pinned: false,
    order,
    allowedSites,
    createdAt: NOW - 1,
  });
  return {
    accounts: [row('a', 'Aliyun', 0), row('b', 'GitHub', 1, ['github.com'])],
    broken: [],
    backup: { lastBackupAt: NOW, accountsSinceBackup: 0, accountCount: 2 },
    idleMs: 300_000,
    complete: true,
  };
}

/** What the background stores for this snapshot: its parts and the index. */
function stored(s: PopupSnapshot = snapshot()): Record<string, unknown> {
  const accounts: StoredAccount[] = s.accounts.map((r) => ({
    id: r.id,
    data: { ...r, counter: 0 },
    allowedSites: r.allowedSites,
    enrolledOrigin: '',
    pinned: r.pinned,
    order: r.order,
    createdAt: r.createdAt,
    updatedAt: r.createdAt,
  }));
  const { parts, chunks } = buildParts(accounts, s.broken, s.backup.lastBackupAt, s.idleMs);
  return { ...parts, [SNAPSHOT_KEY]: { v: 2, gen: 'g1', chunks } };
}

const liveKey = (lockAt: number) => ({ dataKey: 'A'.repeat(43) + '=', lockAt });

function sources(session: LocalArea, marker?: string, now = NOW): LocalSources {
  return {
    session,
    local: area(marker ? { [VAULT_MARKER_KEY]: marker } : {}),
    tabUrl: async () => 'https://github.com/login',
    now: () => now,
  };
}

describe('popup opens from its own reads', () => {
  it('unlocked: live codes from the snapshot, the tab’s accounts first, no message sent, deadline moved', async () => {
    const session = area({ [SESSION_STORAGE_KEY]: liveKey(NOW + 60_000), ...stored() });
    const { services, calls } = fakeServices({}, { local: sources(session) });
    const view = mountApp(services);
    const codes = await waitFor(() => {
      const found = view.allByTestId('account-code');
      return found.length === 2 && found;
    });
    const expected = generateCode(
      {
        kind: 'totp',
        issuer: '',
        account: '',
        secret: SECRET,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
      NOW,
    );
    expect(codes.map((c) => c.dataset.code)).toEqual([expected, expected]);
    expect(view.container.querySelector('.matches-tab')?.textContent).toContain('GitHub');
    expect(view.allByTestId('account-row')[0]?.textContent).toContain('GitHub');
    expect(calls).toEqual([]);
    expect(session.map.get(TOUCH_KEY)).toEqual({ lockAt: NOW + 300_000 });
    view.unmount();
  });

  it('a passed deadline shows the unlock screen and clears key and snapshot', async () => {
    const session = area({ [SESSION_STORAGE_KEY]: liveKey(NOW - 1), ...stored() });
    const { services, calls } = fakeServices({}, { local: sources(session, 'initialized') });
    const view = mountApp(services);
    await waitFor(() => view.byTestId('app')?.dataset.state === 'locked');
    expect(session.map.size).toBe(0);
    expect(calls).toEqual([]);
    view.unmount();
  });

  it('locked: the unlock or create screen from the marker, with no message', async () => {
    for (const [marker, state] of [
      ['initialized', 'locked'],
      ['uninitialized', 'uninitialized'],
    ]) {
      const { services, calls } = fakeServices({}, { local: sources(area(), marker) });
      const view = mountApp(services);
      await waitFor(() => view.byTestId('app')?.dataset.state === state);
      expect(calls).toEqual([]);
      view.unmount();
    }
  });

  it('a malformed snapshot is ignored: the background is asked for the list', async () => {
    const session = area({
      [SESSION_STORAGE_KEY]: liveKey(NOW + 60_000),
      [SNAPSHOT_KEY]: { v: 1, accounts: 'x' },
    });
    const { services, calls } = fakeServices(
      {
        listAccounts: () => ({ accounts: [], broken: [] }),
        backupStatus: () => ({ lastBackupAt: NOW, accountsSinceBackup: 0, accountCount: 0 }),
      },
      { local: sources(session) },
    );
    const view = mountApp(services);
    await waitFor(() => calls.some((c) => c.type === 'listAccounts'));
    expect(await readLocalStart(sources(session))).toEqual({ state: 'unlocked', snapshot: null });
    view.unmount();
  });

  it('no marker and no session: asks the background as before', async () => {
    const { services, calls } = fakeServices(
      { getVaultState: () => ({ state: 'locked', lockAt: 0 }) },
      { local: sources(area()) },
    );
    const view = mountApp(services);
    await waitFor(() => view.byTestId('app')?.dataset.state === 'locked');
    expect(calls.map((c) => c.type)).toContain('getVaultState');
    view.unmount();
  });
});

describe('a paged snapshot (issue 21)', () => {
  it('5,000 accounts: the tab’s accounts first from the first read, every account searchable after', async () => {
    const many = snapshot();
    many.accounts = Array.from({ length: 5_000 }, (_, i) => ({
      ...many.accounts[0]!,
      id: `id${String(i).padStart(4, '0')}`,
      issuer: `Issuer ${i}`,
      order: i,
      allowedSites: i >= 4_998 ? ['github.com'] : [],
    }));
    const session = area({ [SESSION_STORAGE_KEY]: liveKey(NOW + 60_000), ...stored(many) });
    const asked: string[][] = [];
    const get = session.get.bind(session);
    session.get = async (keys) => {
      asked.push(keys === null ? ['*'] : ([] as string[]).concat(keys));
      return get(keys);
    };
    const { services, calls } = fakeServices({}, { local: sources(session) });
    const view = mountApp(services);
    const first = await waitFor(() => {
      const rows = view.allByTestId('account-row');
      return rows.length > 0 && rows.map((row) => row.textContent ?? '');
    });
    expect(first[0]).toContain('Issuer 4998');
    expect(first[1]).toContain('Issuer 4999');
    expect(view.container.querySelectorAll('.matches-tab')).toHaveLength(2);
    // The first screen came from a few keys; the chunks came after it.
    expect(asked[0]!.length).toBeLessThanOrEqual(4);
    await waitFor(() => asked.some((keys) => keys.includes('popupSnapshot:c9')));
    await typeInto(view.byTestId<HTMLInputElement>('search'), 'Issuer 3456');
    await waitFor(() => view.allByTestId('account-row').length === 1);
    expect(view.allByTestId('account-row')[0]?.textContent).toContain('Issuer 3456');
    expect(calls).toEqual([]);
    view.unmount();
  });

  it('an account bound to the tab’s host and to its parent domain is one of the tab’s rows, not two', async () => {
    const base = snapshot();
    const bound = { ...base.accounts[0]!, id: 'x', allowedSites: ['console.aliyun.com', 'aliyun.com'] };
    const session = area(stored({ ...base, accounts: [bound] }));
    const rows = await readTabRows(session, 'https://console.aliyun.com/overview', 'g1');
    expect(rows?.map((row) => row.id)).toEqual(['x']);
  });

  it('the tab’s sites are the host and its parent domains, as siteCoversUrl matches them', () => {
    const url = (u: string) => new URL(u);
    expect(sitesForUrl(url('https://a.gist.github.com/x'))).toEqual([
      'a.gist.github.com',
      'gist.github.com',
      'github.com',
      'com',
    ]);
    expect(sitesForUrl(url('http://127.0.0.1:8765/'))).toEqual(['127.0.0.1:8765']);
    expect(sitesForUrl(url('chrome://settings'))).toEqual([]);
    for (const u of ['https://a.gist.github.com/x', 'http://localhost:3000/', 'https://example.co.uk./']) {
      for (const site of sitesForUrl(url(u))) expect(siteCoversUrl(site, url(u))).toBe(true);
    }
  });
});

describe('snapshot views', () => {
  it('computes a code only when a row reads it', async () => {
    const { accounts } = viewsFromSnapshot(snapshot(), NOW, undefined, await codeFunctionFor(snapshot()));
    const descriptor = Object.getOwnPropertyDescriptor(accounts[0], 'code');
    expect(typeof descriptor?.get).toBe('function');
    expect(accounts[0]!.code).toMatch(/^\d{6}$/u);
    expect(accounts[0]!.validUntil).toBeGreaterThan(NOW);
  });

  it('a SHA-512 account gets its code from the full generator (loaded only then)', async () => {
    const s = snapshot();
    s.accounts[0] = { ...s.accounts[0]!, algorithm: 'SHA512', digits: 8 };
    const { accounts } = viewsFromSnapshot(s, NOW, undefined, await codeFunctionFor(s));
    expect(accounts[0]!.code).toBe(generateCode({ ...s.accounts[0]!, counter: 0 }, NOW));
    expect(accounts[0]!.code).toMatch(/^\d{8}$/u);
  });

  it('matches the tab on label boundaries only (ordering; the background decides fills)', () => {
    const url = (u: string) => new URL(u);
    expect(siteCoversUrl('github.com', url('https://github.com/'))).toBe(true);
    expect(siteCoversUrl('github.com', url('https://gist.github.com/'))).toBe(true);
    expect(siteCoversUrl('github.com', url('https://evilgithub.com/'))).toBe(false);
    expect(siteCoversUrl('github.com', url('https://github.com.evil.test/'))).toBe(false);
    expect(siteCoversUrl('127.0.0.1:8765', url('http://127.0.0.1:8765/'))).toBe(true);
    expect(siteCoversUrl('127.0.0.1:8765', url('http://127.0.0.1:9999/'))).toBe(false);
  });
});
