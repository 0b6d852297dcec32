// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../lib/messaging';
import {
  account,
  click,
  fakeServices,
  mountApp,
  NOW,
  typeInto,
  waitFor,
  type FakeHandlers,
  type Mounted,
} from './harness';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

function unlockedWith(accounts: AccountView[], extra: FakeHandlers = {}, broken = 0): FakeHandlers {
  return {
    getVaultState: () => ({ state: 'unlocked', lockAt: NOW + 900_000 }),
    listAccounts: () => ({
      accounts,
      broken: Array.from({ length: broken }, (_, index) => ({
        id: `broken-${index}`,
        reason: 'tag mismatch',
      })),
    }),
    getSettings: () => ({ autoLockMinutes: 15, clearClipboard: false }),
    ...extra,
  };
}

async function rows(): Promise<HTMLElement[]> {
  await waitFor(() => mounted?.byTestId('account-row'));
  return mounted?.allByTestId('account-row') ?? [];
}

describe('account list', () => {
  it('renders codes grouped for reading, with the raw code in data-code', async () => {
    const { services, calls } = fakeServices(
      unlockedWith([
        account({ id: 'six', issuer: 'Aliyun', account: 'alice@1234567890123456', code: '123456', order: 0 }),
        account({ id: 'eight', issuer: 'AWS', code: '12345678', digits: 8, order: 1 }),
        account({ id: 'steam', issuer: 'Steam', kind: 'steam', code: 'FR8RV', digits: 5, order: 2 }),
      ]),
    );
    mounted = mountApp(services);
    const shown = await rows();
    const codes = shown.map((row) => row.querySelector<HTMLElement>('[data-testid="account-code"]'));
    expect(codes.map((code) => code?.textContent)).toEqual(['123 456', '1234 5678', 'FR8RV']);
    expect(codes.map((code) => code?.dataset.code)).toEqual(['123456', '12345678', 'FR8RV']);
    expect(shown[0]?.dataset).toMatchObject({
      id: 'six',
      issuer: 'Aliyun',
      account: 'alice@1234567890123456',
    });
    expect(shown[0]?.querySelector('.account')?.getAttribute('dir')).toBe('auto');
    expect(calls.find((call) => call.type === 'listAccounts')?.payload).toEqual({ tabId: 7 });
  });

  it('puts accounts for the current site first, then pinned ones', async () => {
    const { services } = fakeServices(
      unlockedWith([
        account({ id: 'a', order: 0 }),
        account({ id: 'pinned', order: 2, pinned: true }),
        account({ id: 'site', order: 3, matchesTab: true }),
      ]),
    );
    mounted = mountApp(services);
    expect((await rows()).map((row) => row.dataset.id)).toEqual(['site', 'pinned', 'a']);
  });

  it('shows a countdown from validUntil, and the next code only in the last 5 seconds', async () => {
    const { services } = fakeServices(
      unlockedWith([
        account({ id: 'later', validUntil: NOW + 20_000, order: 0 }),
        account({ id: 'soon', validUntil: NOW + 4_000, nextCode: '999000', order: 1 }),
      ]),
    );
    mounted = mountApp(services);
    const [later, soon] = await rows();
    expect(later?.querySelector<HTMLElement>('[data-testid="countdown"]')?.dataset.seconds).toBe('20');
    expect(later?.querySelector('[data-testid="account-next-code"]')).toBeNull();
    const next = soon?.querySelector<HTMLElement>('[data-testid="account-next-code"]');
    expect(next?.dataset.code).toBe('999000');
    expect(next?.textContent).toContain('999 000');
  });

  it('copies the code on click and says so', async () => {
    const { services, copied } = fakeServices(unlockedWith([account({ id: 'a', code: '246810' })]));
    mounted = mountApp(services);
    const [row] = await rows();
    await click(row?.querySelector('.row-main') ?? null);
    const toast = await waitFor(() => mounted?.byTestId('toast'));
    expect(copied).toEqual(['246810']);
    expect(toast.textContent).toBe('copied');
  });

  it('shows an HOTP code only after "next code" asked the background for it', async () => {
    const { services, calls } = fakeServices(
      unlockedWith([account({ id: 'h', kind: 'hotp', code: '', nextCode: '', validUntil: 0 })], {
        nextHotpCode: () => ({ code: '755224' }),
      }),
    );
    mounted = mountApp(services);
    const [row] = await rows();
    expect(row?.querySelector('[data-testid="countdown"]')).toBeNull();
    expect(row?.querySelector<HTMLElement>('[data-testid="account-code"]')?.dataset.code).toBe('');
    await click(row?.querySelector('[data-testid="hotp-next"]') ?? null);
    const code = await waitFor(() =>
      mounted?.container.querySelector<HTMLElement>('[data-testid="account-code"][data-code="755224"]'),
    );
    expect(code.textContent).toBe('755 224');
    expect(calls.find((call) => call.type === 'nextHotpCode')?.payload).toEqual({ id: 'h' });
  });

  it('refetches once a code has expired', async () => {
    let lists = 0;
    const started = Date.now();
    const { services } = fakeServices(
      unlockedWith([], {
        listAccounts: () => {
          lists += 1;
          // The first answer is already past its window (and its next one), the second is fresh.
          const validUntil = lists === 1 ? NOW - 31_000 : NOW + 30_000;
          return {
            accounts: [account({ id: 'a', code: lists === 1 ? '111111' : '222222', validUntil })],
            broken: [],
          };
        },
      }),
      // A clock that moves, so the once-a-second tick sees time pass.
      { now: () => NOW + (Date.now() - started) },
    );
    mounted = mountApp(services);
    await waitFor(() => mounted?.container.querySelector('[data-code="222222"]'), 3000);
    expect(lists).toBe(2);
  });

  it('asks for the list together with the vault state, not after its answer', async () => {
    let answerState: () => void = () => {};
    const { services, calls } = fakeServices(
      unlockedWith([account({ id: 'a' })], {
        getVaultState: () =>
          new Promise((resolve) => {
            answerState = () => resolve({ state: 'unlocked', lockAt: NOW + 900_000 });
          }),
      }),
    );
    mounted = mountApp(services);
    await waitFor(() => calls.some((call) => call.type === 'listAccounts'));
    expect(mounted.byTestId('app')?.dataset.state).toBe('loading');
    answerState();
    await rows();
    // The early answer is used: the list is not asked for a second time.
    expect(calls.filter((call) => call.type === 'listAccounts')).toHaveLength(1);
  });

  it('searches accounts not rendered yet', async () => {
    const many = Array.from({ length: 400 }, (_, index) =>
      account({ id: `id-${index}`, issuer: index === 399 ? 'Zebra' : 'Acme', order: index }),
    );
    const { services } = fakeServices(unlockedWith(many));
    mounted = mountApp(services);
    await rows();
    await typeInto(mounted.byTestId<HTMLInputElement>('search'), 'zebra');
    const found = await waitFor(() => {
      const shown = mounted?.allByTestId('account-row') ?? [];
      return shown.length === 1 ? shown : null;
    });
    expect(found.map((row) => row.dataset.id)).toEqual(['id-399']);
  });

  it('filters by issuer or account name', async () => {
    const { services } = fakeServices(
      unlockedWith([
        account({ id: 'gh', issuer: 'GitHub', account: 'octocat', order: 0 }),
        account({ id: 'ali', issuer: 'Aliyun', account: 'alice', order: 1 }),
      ]),
    );
    mounted = mountApp(services);
    await rows();
    const search = mounted.byTestId<HTMLInputElement>('search');
    await typeInto(search, 'ALI');
    expect(mounted.allByTestId('account-row').map((row) => row.dataset.id)).toEqual(['ali']);
  });

  it('focuses the search box on "/" and clears it on Esc', async () => {
    const { services } = fakeServices(
      unlockedWith([
        account({ id: 'gh', issuer: 'GitHub', order: 0 }),
        account({ id: 'ali', issuer: 'Aliyun', order: 1 }),
      ]),
    );
    mounted = mountApp(services);
    await rows();
    const search = mounted.byTestId<HTMLInputElement>('search');
    await act(() => {
      document.body.dispatchEvent(
        new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true }),
      );
    });
    expect(document.activeElement).toBe(search);
    await typeInto(search, 'git');
    expect(mounted.allByTestId('account-row')).toHaveLength(1);
    await act(() => {
      search?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });
    expect(search?.value).toBe('');
    expect(mounted.allByTestId('account-row')).toHaveLength(2);
  });

  it('reports records that could not be decrypted', async () => {
    const { services } = fakeServices(unlockedWith([account({ id: 'a' })], {}, 2));
    mounted = mountApp(services);
    const panel = await waitFor(() => mounted?.byTestId<HTMLElement>('broken-panel'));
    expect(panel.dataset.count).toBe('2');
  });

  it('shows the vault-wide integrity warning apart from undecryptable records', async () => {
    const { services } = fakeServices({
      ...unlockedWith([account({ id: 'a' })]),
      listAccounts: () => ({
        accounts: [account({ id: 'a' })],
        broken: [{ id: 'vault-index', reason: 'changed outside the extension' }],
      }),
    });
    mounted = mountApp(services);
    const panel = await waitFor(() => mounted?.byTestId<HTMLElement>('broken-panel'));
    expect(panel.dataset.count).toBe('0');
    expect(panel.dataset.indexProblem).toBe('true');
    expect(mounted.byTestId('vault-index-warning')).not.toBeNull();
  });

  it('has no broken panel when every record decrypted', async () => {
    const { services } = fakeServices(unlockedWith([account({ id: 'a' })]));
    mounted = mountApp(services);
    await rows();
    expect(mounted.byTestId('broken-panel')).toBeNull();
  });
});

describe('row menu', () => {
  it('asks for confirmation, naming the account, before deleting', async () => {
    const { services, calls } = fakeServices(
      unlockedWith([account({ id: 'victim', issuer: 'Aliyun', account: 'alice' })], {
        deleteAccount: () => null,
      }),
    );
    mounted = mountApp(services);
    await rows();
    await click(mounted.byTestId('row-menu'));
    // The open menu's items come from their own chunk, loaded at the first open.
    await click(await waitFor(() => mounted?.byTestId('row-delete')));
    const question = await waitFor(() => mounted?.byTestId('delete-question'));
    expect(question.textContent).toContain('Aliyun (alice)');
    expect(calls.some((call) => call.type === 'deleteAccount')).toBe(false);

    await click(mounted.byTestId('delete-confirm'));
    await waitFor(() => calls.some((call) => call.type === 'deleteAccount'));
    expect(calls.find((call) => call.type === 'deleteAccount')?.payload).toEqual({ id: 'victim' });
  });

  it('deletes nothing when the confirmation is cancelled', async () => {
    const { services, calls } = fakeServices(
      unlockedWith([account({ id: 'keep' })], { deleteAccount: () => null }),
    );
    mounted = mountApp(services);
    await rows();
    await click(mounted.byTestId('row-menu'));
    // The open menu's items come from their own chunk, loaded at the first open.
    await click(await waitFor(() => mounted?.byTestId('row-delete')));
    await click(await waitFor(() => mounted?.byTestId('delete-cancel')));
    expect(mounted.byTestId('delete-confirm')).toBeNull();
    expect(calls.some((call) => call.type === 'deleteAccount')).toBe(false);
  });

  it('pins, and moves an account before the row shown above it', async () => {
    const { services, calls } = fakeServices(
      unlockedWith([account({ id: 'first', order: 0 }), account({ id: 'second', order: 1 })], {
        updateAccount: () => null,
        reorderAccounts: () => null,
      }),
    );
    mounted = mountApp(services);
    const [first, second] = await rows();
    expect(
      first?.querySelector<HTMLButtonElement>('[data-testid="row-menu"]')?.getAttribute('aria-expanded'),
    ).toBe('false');
    await click(second?.querySelector('[data-testid="row-menu"]') ?? null);
    expect((await waitFor(() => mounted?.byTestId<HTMLButtonElement>('row-down')))?.disabled).toBe(true);
    await click(mounted.byTestId('row-up'));
    await waitFor(() => calls.some((call) => call.type === 'reorderAccounts'));
    expect(calls.find((call) => call.type === 'reorderAccounts')?.payload).toEqual({
      ids: ['second', 'first'],
    });

    await click(mounted.allByTestId('row-menu')[0] ?? null);
    await click(await waitFor(() => mounted?.byTestId('row-pin')));
    await waitFor(() => calls.some((call) => call.type === 'updateAccount'));
    expect(calls.find((call) => call.type === 'updateAccount')?.payload).toEqual({
      id: 'first',
      patch: { pinned: true },
    });
  });
});
