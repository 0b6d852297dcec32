// Sync between two browser profiles (issue 18). The test carries the sync area from one profile to the other
// itself, reading storage.sync with the extension's own API in one profile and writing it in the other, as
// Chrome Sync / Firefox Sync would. One test per browser, two browsers each (CI time).
import { expect, test } from '../adversarial/fixtures';
import { launchBrowser, type BrowserKind, type E2ePage, type ExtensionBrowser } from './harness/browsers';
import { expectedCodes, PASSWORD, sendFromExtensionPage, tid } from './steps/popup';

const ALICE = 'otpauth://totp/Sync:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Sync';
const BOB = 'otpauth://totp/Sync:bob?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Sync';
const CAROL = 'otpauth://totp/Sync:carol?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Sync';
const PASSWORD_B = 'the other browser has its own password';

/** The second profile, on the same build as the fixture's (a mutant build when a mutation is checked). */
function secondBrowser(kind: BrowserKind): Promise<ExtensionBrowser> {
  const override =
    kind === 'chromium'
      ? process.env.ADVERSARIAL_EXTENSION_DIR_CHROMIUM
      : process.env.ADVERSARIAL_EXTENSION_DIR_FIREFOX;
  return launchBrowser(kind, override ? { extensionDir: override } : {});
}

type SyncApi = {
  storage: {
    sync: {
      get(k: null): Promise<Record<string, unknown>>;
      set(v: object): Promise<void>;
      remove(k: string[]): Promise<void>;
    };
  };
};

/** storage.sync as the extension sees it in one profile. */
function syncArea(page: E2ePage) {
  return {
    read: () =>
      page.evaluate(() => {
        const g = globalThis as unknown as { browser?: SyncApi; chrome?: SyncApi };
        return (g.browser ?? g.chrome)!.storage.sync.get(null);
      }),
    /** Replaces the whole area by `items` (one set, then the leftovers removed), like a sync download. */
    write: (items: Record<string, unknown>) =>
      page.evaluate(async (next) => {
        const g = globalThis as unknown as { browser?: SyncApi; chrome?: SyncApi };
        const area = (g.browser ?? g.chrome)!.storage.sync;
        const before = await area.get(null);
        if (Object.keys(next).length > 0) await area.set(next);
        const stale = Object.keys(before).filter((key) => !(key in next));
        if (stale.length > 0) await area.remove(stale);
      }, items),
  };
}

async function ok<T>(page: E2ePage, type: string, payload: unknown): Promise<T> {
  const reply = await sendFromExtensionPage<{ ok: boolean; value?: T; error?: unknown }>(page, type, payload);
  if (!reply.ok) throw new Error(`${type}: ${JSON.stringify(reply.error)}`);
  return reply.value as T;
}

type Reported = { reported: { problems: string[] } | null };
type SyncStatus = Reported & { conflictsResolved: number };

interface Row {
  id: string;
  account: string;
  issuer: string;
  pinned: boolean;
  code: string;
}
async function accounts(page: E2ePage): Promise<Row[]> {
  const { accounts } = await ok<{ accounts: Row[] }>(page, 'listAccounts', {});
  return accounts.map(({ id, account, issuer, pinned, code }) => ({ id, account, issuer, pinned, code }));
}
const names = async (page: E2ePage) => (await accounts(page)).map((a) => a.account).sort();

/** Polls until the account names are `expected` (a background run was started by a storage change). */
async function waitForNames(page: E2ePage, expected: string[]) {
  await expect.poll(() => names(page), { timeout: 20_000 }).toEqual(expected);
}

async function addAccount(page: E2ePage, uri: string) {
  const url = new URL(uri);
  const params = url.searchParams;
  await ok(page, 'addAccount', {
    data: {
      kind: 'totp',
      issuer: params.get('issuer') ?? '',
      account: decodeURIComponent(url.pathname.split(':')[1] ?? ''),
      secret: params.get('secret'),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    },
    allowedSites: [],
    enrolledOrigin: '',
  });
}

async function openOptions(ext: ExtensionBrowser, password: string): Promise<E2ePage> {
  const options = await ext.newPage(`${ext.extensionBaseUrl}/options.html`);
  await options.waitForSelector(`${tid('options-app')}[data-state]:not([data-state="loading"])`, {
    state: 'attached',
  });
  const created = await sendFromExtensionPage<{ ok: boolean }>(options, 'createVault', { password });
  if (!created.ok) throw new Error('createVault failed');
  await options.reload();
  await options.waitForSelector(`${tid('options-app')}[data-state="unlocked"]`, { state: 'attached' });
  await options.waitForSelector(`${tid('sync-state')}[data-enabled="off"]`, { state: 'attached' });
  return options;
}

async function enableSync(options: E2ePage, password: string) {
  await options.fill(tid('sync-password'), password);
  await options.click(tid('sync-enable'));
}

test.describe('sync between two browser profiles (storage.sync carried by the test)', () => {
  test('add in A appears in B, delete in B reaches A; an emptied area deletes nothing; a tampered item is reported and ignored; concurrent edits converge', async ({
    ext,
    browserKind,
  }) => {
    test.setTimeout(240_000);
    const other = await secondBrowser(browserKind);
    try {
      // A: a vault with two accounts; sync on (the first browser: its own master password).
      const a = await openOptions(ext, PASSWORD);
      await addAccount(a, ALICE);
      await addAccount(a, BOB);
      await enableSync(a, PASSWORD);
      await a.waitForSelector(`${tid('sync-state')}[data-enabled="on"][data-result="ok"]`, {
        state: 'attached',
      });
      const areaA = syncArea(a);
      const carried = await areaA.read();
      expect(Object.keys(carried).sort()).toEqual(['ms.c0', 'ms.m', 'ms.slot']);
      // Only ciphertext travels: no name, issuer or secret in the clear.
      const wire = JSON.stringify(carried);
      for (const plain of ['alice', 'bob', 'Sync', 'GEZDGNBVGY3TQOJQ', 'JBSWY3DP'])
        expect(wire).not.toContain(plain);

      // B: its own vault with another password; the sync area arrives from A.
      const b = await openOptions(other, PASSWORD_B);
      const areaB = syncArea(b);
      await areaB.write(carried);
      // B's own password does not open the synced vault: refused, no second vault started.
      await enableSync(b, PASSWORD_B);
      await b.waitForSelector(`${tid('sync-error')}[data-code="sync-other-password"]`, { state: 'attached' });
      expect(await ok(b, 'syncStatus', {})).toEqual({ enabled: false, status: null });
      expect(await areaB.read()).toEqual(carried);
      // With the synced vault's password, B joins and gets A's accounts.
      await enableSync(b, PASSWORD);
      await b.waitForSelector(`${tid('sync-state')}[data-enabled="on"][data-result="ok"]`, {
        state: 'attached',
      });
      expect(await names(b)).toEqual(['alice', 'bob']);
      // Locked and unlocked again (B's own password), the synced accounts give A's codes.
      await ok(b, 'lockVault', {});
      await ok(b, 'unlockVault', { password: PASSWORD_B });
      const alice = (await accounts(b)).find((x) => x.account === 'alice');
      expect(expectedCodes(ALICE)).toContain(alice?.code);

      // Delete in B → gone in A (A's background syncs when its sync area changes).
      await ok(b, 'deleteAccount', { id: alice?.id });
      await ok(b, 'syncNow', {});
      await areaA.write(await areaB.read());
      await waitForNames(a, ['bob']);

      // An emptied sync area deletes nothing: A keeps bob, says so, and writes its copy back.
      await areaA.write({});
      await expect
        .poll(async () => (await ok<{ status: Reported }>(a, 'syncStatus', {})).status.reported?.problems, {
          timeout: 20_000,
        })
        .toEqual(['empty']);
      expect(await names(a)).toEqual(['bob']);
      expect(Object.keys(await areaA.read()).sort()).toEqual(['ms.c0', 'ms.m', 'ms.slot']);
      await a.reload();
      await a.waitForSelector(`${tid('sync-reported')}[data-problems="empty"]`, { state: 'attached' });

      // A tampered item: A adds carol; the area reaches B with one chunk altered. B reports it and changes
      // nothing (carol does not appear, bob stays).
      await addAccount(a, CAROL);
      await ok(a, 'syncNow', {});
      const fromA = await areaA.read();
      const chunk = fromA['ms.c0'] as { ct: string };
      const flipped = chunk.ct.slice(0, 10) + (chunk.ct[10] === 'A' ? 'B' : 'A') + chunk.ct.slice(11);
      await areaB.write({ ...fromA, 'ms.c0': { ...chunk, ct: flipped } });
      await expect
        .poll(async () => (await ok<{ status: Reported }>(b, 'syncStatus', {})).status.reported?.problems, {
          timeout: 20_000,
        })
        .toEqual(['chunk-invalid']);
      expect(await names(b)).toEqual(['bob']);
      await b.reload();
      await b.waitForSelector(`${tid('sync-reported')}[data-problems="chunk-invalid"]`, {
        state: 'attached',
      });
      // The genuine area arrives: carol too.
      await areaB.write(fromA);
      await waitForNames(b, ['bob', 'carol']);

      // Concurrent edits of bob in A and in B, each synced on its own side first: both end the same.
      const bobIn = async (page: E2ePage) => (await accounts(page)).find((x) => x.account === 'bob') as Row;
      await ok(a, 'updateAccount', { id: (await bobIn(a)).id, patch: { issuer: 'Edited in A' } });
      await ok(a, 'syncNow', {});
      await ok(b, 'updateAccount', {
        id: (await bobIn(b)).id,
        patch: { issuer: 'Edited in B', pinned: true },
      });
      await ok(b, 'syncNow', {});
      await areaB.write(await areaA.read());
      await expect
        .poll(async () => (await ok<{ status: SyncStatus }>(b, 'syncStatus', {})).status.conflictsResolved, {
          timeout: 20_000,
        })
        .toBeGreaterThan(0);
      await areaA.write(await areaB.read());
      await expect.poll(async () => (await bobIn(a)).issuer, { timeout: 20_000 }).toBe('Edited in B');
      expect(await bobIn(b)).toMatchObject({ issuer: 'Edited in B', pinned: true });
      expect(await bobIn(a)).toMatchObject({ issuer: 'Edited in B', pinned: true });
    } finally {
      await other.close();
    }
  });
});
