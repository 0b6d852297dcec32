// Issue 17.2: the popup renders the rows near the view, more as the list scrolls, while search covers every
// account. With a few hundred accounts: the DOM holds a bounded number of rows, scrolling reaches the last
// account, the keyboard crosses the rendered boundary, and a search finds an account far down.
import { expect, test } from './harness/fixtures';
import type { E2ePage } from './harness/browsers';
import { PASSWORD, sendFromExtensionPage, tid, waitForState } from './steps/popup';

const COUNT = 300;

/**
 * Focuses the main button of the last rendered row and returns that row's position. Read in the same task
 * as the focus: rows may still be added (the list's end near the view) between two calls from the test.
 */
async function focusLastRow(popup: E2ePage): Promise<number> {
  return popup.evaluate(() => {
    const buttons = document.querySelectorAll<HTMLButtonElement>('[data-testid="account-row"] .row-main');
    const last = buttons[buttons.length - 1];
    last?.focus();
    return Number(last?.closest('[data-testid="account-row"]')?.getAttribute('aria-posinset'));
  });
}

/** data-total and data-rendered of the list, and the rows actually in the DOM. */
async function listState(popup: E2ePage) {
  return popup.evaluate(() => {
    const list = document.querySelector('[data-testid="account-list"]');
    const rows = [...document.querySelectorAll('[data-testid="account-row"]')];
    return {
      total: Number(list?.getAttribute('data-total')),
      rendered: Number(list?.getAttribute('data-rendered')),
      rows: rows.length,
      withCode: document.querySelectorAll('[data-testid="account-code"][data-code]:not([data-code=""])')
        .length,
      last: rows.at(-1)?.getAttribute('data-issuer') ?? '',
      lastPosition: rows.at(-1)?.getAttribute('aria-posinset') ?? '',
      setSize: rows.at(-1)?.getAttribute('aria-setsize') ?? '',
    };
  });
}

test('a few hundred accounts: bounded rows, scrolling reaches the last, keyboard and search reach the rest', async ({
  ext,
}) => {
  const popup = await ext.openPopup();
  await popup.waitForSelector(tid('app'), { state: 'attached' });
  expect(await sendFromExtensionPage(popup, 'createVault', { password: PASSWORD })).toMatchObject({
    ok: true,
  });
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const accounts = Array.from({ length: COUNT }, (_, i) => ({
    data: {
      kind: 'totp',
      issuer: `Many ${i}`,
      account: `user${i}`,
      // why: distinct keys (an import skips duplicates).
      secret: `${alphabet[i >> 5]}${alphabet[i & 31]}SWY3DPEHPK3PXP`,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    },
  }));
  expect(
    await sendFromExtensionPage(popup, 'commitImport', { format: 'otpauth-text', accounts, invalid: [] }),
  ).toMatchObject({ ok: true, value: { added: COUNT } });
  await popup.reload();
  await waitForState(popup, 'unlocked');
  await popup.waitForFunction(
    (n) => document.querySelector('[data-testid="account-list"]')?.getAttribute('data-total') === String(n),
    COUNT,
  );
  const first = await listState(popup);
  expect(first.rendered).toBe(first.rows);
  expect(first.rows).toBeGreaterThan(0);
  expect(first.rows, 'rows rendered before any scroll').toBeLessThanOrEqual(80);
  expect(first.withCode).toBe(first.rows);
  expect(first.setSize).toBe(String(COUNT));

  // A search finds an account far below the rendered rows; clearing it renders a screenful again.
  await popup.fill(tid('search'), 'user287');
  await popup.waitForFunction(() => document.querySelectorAll('[data-testid="account-row"]').length === 1);
  expect(await popup.textContent(tid('account-row'))).toContain('Many 287');
  // why: Esc clears the search box (puppeteer's fill with '' sends no input event).
  await popup.press('Escape');
  await popup.waitForFunction(
    (n) => document.querySelector('[data-testid="account-list"]')?.getAttribute('data-total') === String(n),
    COUNT,
  );
  expect((await listState(popup)).rows).toBeLessThanOrEqual(80);

  // Keyboard: ArrowDown from the last rendered row moves to the row after it.
  const boundary = await focusLastRow(popup);
  expect(boundary).toBeGreaterThan(0);
  await popup.press('ArrowDown');
  await popup.waitForFunction(
    (n) =>
      document.activeElement?.closest('[data-testid="account-row"]')?.getAttribute('aria-posinset') === n,
    String(boundary + 1),
  );

  // Tab: focus in the last rendered row renders more, so Tab goes on to the row after it.
  const rendered = await focusLastRow(popup);
  expect(rendered).toBeGreaterThan(0);
  await popup.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="account-row"]').length > n,
    rendered,
  );
  const focusedRow = () =>
    popup.evaluate(
      () =>
        document.activeElement?.closest('[data-testid="account-row"]')?.getAttribute('aria-posinset') ?? '',
    );
  for (let i = 0; i < 4 && (await focusedRow()) === String(rendered); i++) await popup.press('Tab');
  expect(await focusedRow()).toBe(String(rendered + 1));

  // Scrolling to the end, again and again, reaches the last account.
  for (let i = 0; i < 40; i++) {
    const state = await listState(popup);
    if (state.rows === COUNT) break;
    await popup.evaluate(() => {
      const row = [...document.querySelectorAll('[data-testid="account-row"]')].at(-1);
      row?.scrollIntoView({ block: 'end' });
    });
    await popup
      .waitForFunction(
        (n) => document.querySelectorAll('[data-testid="account-row"]').length > n,
        state.rows,
        { timeout: 2_000 },
      )
      .catch(() => undefined);
  }
  const end = await listState(popup);
  expect(end).toMatchObject({ total: COUNT, rendered: COUNT, rows: COUNT, last: `Many ${COUNT - 1}` });
  expect(end.lastPosition).toBe(String(COUNT));
  expect(await popup.evaluate(() => document.querySelector('[data-testid="list-more"]'))).toBeNull();
});
