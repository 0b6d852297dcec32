// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { App } from '../../../components/popup/App';
import { click, fakeServices, mountApp, typeInto, waitFor } from './harness';
import { NOW, snapshotSession, storedAccount } from '../ui/snapshot-session';
import { buildFirstScreen } from '../../../lib/ui/first-screen-dom';
import { prepareFirstScreen, type FirstScreenHandoff } from '../../../lib/ui/first-screen';
import { START_KEYS, type LocalArea, type LocalSources } from '../../../lib/ui/popup-local';
import { t } from '../../../lib/ui/i18n';
import { VAULT_MARKER_KEY } from '../../../lib/vault/popup-snapshot';
import type { StoredAccount } from '../../../lib/vault/types';

const TAB_URL = 'https://github.com/login';
const stored = storedAccount;
const sessionFor = (accounts: StoredAccount[], holdChunks = false) =>
  snapshotSession(accounts, { holdChunks });

function sources(session: LocalArea, now: number): LocalSources {
  return {
    session,
    local: { get: async () => ({ [VAULT_MARKER_KEY]: 'initialized' }) },
    tabUrl: async () => TAB_URL,
    now: () => now,
  };
}

/**
 * Icons load from their own chunk after the first paint (an empty tile first); whether that chunk has
 * arrived is timing, not markup, so the tiles are compared empty.
 */
function normalized(root: Element): string {
  const copy = root.cloneNode(true) as Element;
  for (const tile of copy.querySelectorAll('[data-testid="service-icon"]')) {
    tile.replaceChildren();
    tile.setAttribute('class', 'service-icon');
    tile.setAttribute('data-icon', '');
    tile.removeAttribute('style');
  }
  return copy.innerHTML;
}

const VAULTS: Record<string, StoredAccount[]> = {
  'plain TOTP rows': [stored('a', { issuer: 'Aliyun' }), stored('b', { issuer: 'AWS' }, { order: 1 })],
  'pinned, bound to the tab (Fill button), HOTP, Steam, 8 digits, SHA-256': [
    stored('p', { issuer: 'Pinned' }, { pinned: true, order: 3 }),
    stored('g', { issuer: 'GitHub' }, { allowedSites: ['github.com'], order: 2 }),
    stored('h', { issuer: 'Bank', kind: 'hotp', counter: 4 }, { order: 1 }),
    stored('s', { issuer: 'Steam', kind: 'steam', digits: 5 }, { order: 4 }),
    stored('e', { issuer: 'Eight', digits: 8, algorithm: 'SHA256' }, { order: 5 }),
  ],
  'no issuer, no account name, right-to-left and long names': [
    stored('n', { issuer: '', account: 'only-account@example.com' }),
    stored('i', { issuer: 'OnlyIssuer', account: '' }, { order: 1 }),
    stored('r', { issuer: 'بنك', account: 'مستخدم' }, { order: 2 }),
    stored('l', { issuer: 'A'.repeat(80), account: `${'b'.repeat(60)}@example.com` }, { order: 3 }),
  ],
  'more accounts than the first screen (a "more" marker, partial head)': Array.from({ length: 20 }, (_, i) =>
    stored(`id${String(i).padStart(2, '0')}`, { issuer: `Issuer ${i}` }, { order: i }),
  ),
};

describe('the first-screen script draws what the app’s first render draws', () => {
  for (const [name, accounts] of Object.entries(VAULTS)) {
    for (const [when, now] of [
      ['mid-period', NOW],
      ['in the last seconds (next code shown)', Math.ceil(NOW / 30_000) * 30_000 - 3_000],
    ] as const) {
      it(`${name}, ${when}`, async () => {
        // The app alone, from the same storage. Its read of the whole list (a longer vault) is held, so it
        // is compared as it first renders, with the head's rows: what the script draws.
        const session = sessionFor(accounts, true);
        const { services } = fakeServices(
          {},
          { local: sources(session, now), now: () => now, getTabId: async () => 7 },
        );
        const view = mountApp(services);
        const expectedRows = Math.min(accounts.length, 12);
        await waitFor(() => view.allByTestId('account-row').length === expectedRows);

        // The script's elements, from the same reads.
        const values = await session.get(START_KEYS);
        const screen = await prepareFirstScreen(values, { id: 7, url: TAB_URL }, session, now, crypto.subtle);
        expect(screen).not.toBeNull();
        const drawn = document.createElement('div');
        drawn.append(...buildFirstScreen(document, screen!.list, now, t));

        expect(normalized(drawn)).toBe(normalized(view.container));
        view.unmount();
      });
    }
  }
});

describe('the first screen treats account names as text', () => {
  it('an issuer or account name made of markup is shown as those characters, never parsed', async () => {
    const markup = '<img src=x onerror="window.pwned=1">';
    const session = sessionFor([stored('x', { issuer: markup, account: '<b>bold</b>' })]);
    const screen = await prepareFirstScreen(
      await session.get(START_KEYS),
      { id: 7, url: TAB_URL },
      session,
      NOW,
      crypto.subtle,
    );
    const drawn = document.createElement('div');
    drawn.append(...buildFirstScreen(document, screen!.list, NOW, t));
    expect(drawn.querySelector('img')).toBeNull();
    expect(drawn.querySelector('b')).toBeNull();
    expect(drawn.querySelector('.issuer')?.textContent).toBe(markup);
    expect(drawn.querySelector('.account')?.textContent).toBe('<b>bold</b>');
  });
});

describe('the app adopts the drawn screen', () => {
  it('keeps the drawn elements (no second paint of the rows), sends nothing and reads nothing again', async () => {
    const accounts = VAULTS['pinned, bound to the tab (Fill button), HOTP, Steam, 8 digits, SHA-256']!;
    const session = sessionFor(accounts);
    const values = session.get(START_KEYS);
    const tab = Promise.resolve({ id: 7, url: TAB_URL });
    const shown = await prepareFirstScreen(await values, await tab, session, NOW, crypto.subtle);
    const container = document.createElement('div');
    document.body.append(container);
    container.append(...buildFirstScreen(document, shown!.list, NOW, t));
    const rowsBefore = [...container.querySelectorAll('[data-testid="account-row"]')];
    const readsBefore = session.reads.length;

    const handoff: FirstScreenHandoff = {
      reads: { values, tab },
      shown,
      settled: Promise.resolve(true),
      claimed: true,
    };
    const { services, calls } = fakeServices({}, { local: sources(session, NOW), firstScreen: handoff });
    // why: the app's first render must already be the list (synchronously), or the rows would flash.
    void act(() => render(<App services={services} />, container));
    const rowsAfter = [...container.querySelectorAll('[data-testid="account-row"]')];
    expect(rowsAfter).toHaveLength(rowsBefore.length);
    rowsAfter.forEach((row, i) => expect(row).toBe(rowsBefore[i]));
    expect(container.querySelector('[data-testid="app"]')?.getAttribute('data-state')).toBe('unlocked');

    // why: the notices' chunk must finish loading inside the test environment.
    await import('../../../components/popup/Notices');
    await waitFor(() => true);
    expect(calls).toEqual([]);
    // why: the whole list is in the head here (5 rows): neither the session nor the snapshot is read again
    // (the only later reads are of a keyboard command's one-shot intent).
    const later = session.reads.slice(readsBefore).flat();
    expect(later.filter((key) => key !== 'uiIntent')).toEqual([]);
    // The adopted rows work: their buttons are the app's.
    const fill = container.querySelector<HTMLButtonElement>('[data-testid="row-fill"]');
    expect(fill).not.toBeNull();
    void act(() => render(null, container));
    container.remove();
  });
});

describe('the list after an unlock', () => {
  it('shows the head’s rows without waiting for the whole list, which is read after painting', async () => {
    const accounts = VAULTS['more accounts than the first screen (a "more" marker, partial head)']!;
    // Locked at open (nothing in the session); the unlock writes the key and the snapshot, as the
    // background does. The whole list (its chunks) never answers, so only the head can show rows.
    const session = snapshotSession(accounts, { holdChunks: true });
    const unlocked = { ...session.values };
    for (const key of Object.keys(session.values)) delete session.values[key];
    const { services, calls } = fakeServices(
      {
        unlockVault: async () => {
          Object.assign(session.values, unlocked);
          return { state: 'unlocked' };
        },
      },
      { local: sources(session, NOW), now: () => NOW, getTabId: async () => 7 },
    );
    const view = mountApp(services);
    const input = await waitFor(() => view.byTestId<HTMLInputElement>('unlock-password'));
    await typeInto(input, 'correct horse');
    await click(view.byTestId('unlock-submit'));
    await waitFor(() => view.allByTestId('account-row').length === 12);
    expect(view.byTestId('account-list')?.getAttribute('data-total')).toBe('12');
    // …and the whole list is asked for after that.
    await waitFor(() => session.reads.some((keys) => keys.some((key) => key.startsWith('popupSnapshot:c'))));
    expect(calls.map((call) => call.type)).not.toContain('listAccounts');
    view.unmount();
  });
});
