// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_PAINT_ROWS, MORE_ROWS } from '../../../components/popup/accounts/AccountList';
import type { AccountView } from '../../../lib/messaging';
import { account, fakeServices, mountApp, NOW, typeInto, waitFor, type Mounted } from './harness';

/** An IntersectionObserver the test drives: happy-dom lays nothing out, so nothing is ever "in view". */
class FakeObserver {
  static all: FakeObserver[] = [];
  readonly targets = new Set<Element>();
  constructor(readonly callback: IntersectionObserverCallback) {
    FakeObserver.all.push(this);
  }
  observe(target: Element) {
    this.targets.add(target);
  }
  unobserve(target: Element) {
    this.targets.delete(target);
  }
  disconnect() {
    this.targets.clear();
  }
  takeRecords() {
    return [];
  }
}

let mounted: Mounted | undefined;
beforeEach(() => {
  FakeObserver.all = [];
  vi.stubGlobal('IntersectionObserver', FakeObserver);
});
afterEach(() => {
  mounted?.unmount();
  vi.unstubAllGlobals();
});

function open(accounts: AccountView[]): Mounted {
  const { services } = fakeServices({
    getVaultState: () => ({ state: 'unlocked', lockAt: NOW + 900_000 }),
    listAccounts: () => ({ accounts, broken: [] }),
    getSettings: () => ({ autoLockMinutes: 15, clearClipboard: false }),
  });
  mounted = mountApp(services);
  return mounted;
}

function thousand(overrides: (index: number) => Partial<AccountView> = () => ({})): AccountView[] {
  return Array.from({ length: 1000 }, (_, index) =>
    account({
      id: `id-${String(index).padStart(4, '0')}`,
      issuer: `Issuer ${index}`,
      order: index,
      ...overrides(index),
    }),
  );
}

const rows = () => mounted?.allByTestId('account-row') ?? [];
const list = () => mounted?.byTestId('account-list');
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 30)));

/** Waits until the end of the rendered rows is watched (a lazy chunk, set up a moment after a render). */
function watched(): Promise<FakeObserver[]> {
  return waitFor(() => {
    const sentinel = mounted?.byTestId('list-more');
    const watching = FakeObserver.all.filter((observer) => sentinel && observer.targets.has(sentinel));
    return watching.length > 0 && watching;
  });
}

/** Reports the sentinel after the last rendered row as near the view (or not), as a scroll would. */
async function reportEnd(near = true) {
  const sentinel = mounted?.byTestId('list-more');
  if (!sentinel) throw new Error('no sentinel');
  const observers = await watched();
  expect(observers).toHaveLength(1);
  await act(() => {
    for (const observer of observers)
      observer.callback(
        [{ target: sentinel, isIntersecting: near } as unknown as IntersectionObserverEntry],
        observer as unknown as IntersectionObserver,
      );
  });
}

describe('account list: rows rendered on demand', () => {
  it('renders a screenful of 1,000 accounts, the tab’s first, and tells the total', async () => {
    open(thousand((index) => ({ matchesTab: index === 500 || index === 999 })));
    await waitFor(() => rows().length > 0);
    await settle();
    expect(rows()).toHaveLength(FIRST_PAINT_ROWS);
    expect(
      rows()
        .map((row) => row.dataset.id)
        .slice(0, 3),
    ).toEqual(['id-0500', 'id-0999', 'id-0000']);
    expect(list()?.dataset).toMatchObject({ total: '1000', rendered: String(FIRST_PAINT_ROWS) });
    expect(rows().map((row) => row.getAttribute('aria-posinset'))).toEqual(
      Array.from({ length: FIRST_PAINT_ROWS }, (_, index) => String(index + 1)),
    );
    expect(rows().every((row) => row.getAttribute('aria-setsize') === '1000')).toBe(true);
    // Every rendered row has its code.
    expect(
      mounted?.container.querySelectorAll('[data-testid="account-code"][data-code="123456"]'),
    ).toHaveLength(FIRST_PAINT_ROWS);
  });

  it('renders more as the end comes near the view, until the last account', async () => {
    const accounts = thousand();
    open(accounts);
    await waitFor(() => rows().length > 0);
    await reportEnd(false);
    expect(rows()).toHaveLength(FIRST_PAINT_ROWS);
    await reportEnd();
    expect(rows()).toHaveLength(FIRST_PAINT_ROWS + MORE_ROWS);
    expect(list()?.dataset.rendered).toBe(String(FIRST_PAINT_ROWS + MORE_ROWS));
    while (mounted?.byTestId('list-more')) await reportEnd();
    expect(rows().map((row) => row.dataset.id)).toEqual(accounts.map((each) => each.id));
    expect(rows().at(-1)?.getAttribute('aria-posinset')).toBe('1000');
  });

  it('renders a bounded number of search results, counts all of them, and finds one far down', async () => {
    open(thousand((index) => ({ issuer: index === 987 ? 'Zebra' : index % 9 === 0 ? 'Acme' : 'Other' })));
    await waitFor(() => rows().length > 0);
    await reportEnd();
    const search = mounted?.byTestId<HTMLInputElement>('search') ?? null;
    await typeInto(search, 'acme');
    await settle();
    expect(rows()).toHaveLength(FIRST_PAINT_ROWS);
    expect(list()?.dataset).toMatchObject({ total: '112', rendered: String(FIRST_PAINT_ROWS) });
    expect(rows()[0]?.getAttribute('aria-setsize')).toBe('112');
    await reportEnd();
    expect(rows()).toHaveLength(FIRST_PAINT_ROWS + MORE_ROWS);
    // A new query starts again from a screenful.
    await typeInto(search, 'zebra');
    await waitFor(() => rows().length === 1);
    expect(rows()[0]?.dataset.id).toBe('id-0987');
    expect(mounted?.byTestId('list-more')).toBeNull();
    await typeInto(search, '');
    await settle();
    expect(rows()).toHaveLength(FIRST_PAINT_ROWS);
  });

  it('keyboard: ArrowDown past the last rendered row, and focus in it, render more', async () => {
    open(thousand());
    await waitFor(() => rows().length > 0);
    const buttons = () => [...(list()?.querySelectorAll<HTMLButtonElement>('.row-main') ?? [])];
    const last = buttons()[FIRST_PAINT_ROWS - 1];
    await watched();
    await act(() => last?.focus());
    // Focus in the last rendered row (as Tab brings it there) rendered the next rows.
    expect(rows()).toHaveLength(FIRST_PAINT_ROWS + MORE_ROWS);
    await act(() => {
      last?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    expect(document.activeElement).toBe(buttons()[FIRST_PAINT_ROWS]);
    expect(rows()[FIRST_PAINT_ROWS]?.getAttribute('aria-posinset')).toBe(String(FIRST_PAINT_ROWS + 1));
    // Focus inside the list, not in its last row: nothing more.
    expect(rows()).toHaveLength(FIRST_PAINT_ROWS + MORE_ROWS);
    await watched();
    await act(() => buttons().at(-1)?.focus());
    expect(rows()).toHaveLength(FIRST_PAINT_ROWS + 2 * MORE_ROWS);
  });
});
