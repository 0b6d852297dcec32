import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AccountPatch, AccountView, BrokenRecord } from '../../../lib/messaging';
import { errorCode, errorMessage } from '../../../lib/ui/api';
import { copyCode } from '../../../lib/ui/clipboard';
import { fillFailure, fillOutcome } from '../../../lib/ui/fill-outcome';
import { filterAccounts } from '../../../lib/ui/filter-accounts';
import { t } from '../../../lib/ui/i18n';
import { earliestExpiry, liveCode } from '../../../lib/ui/live-code';
import { moveNextTo } from '../../../lib/ui/reorder';
import { sortAccounts } from '../../../lib/ui/sort-accounts';
import { createTicker } from '../../../lib/ui/ticker';
import { browserViewWatcher } from '../../../lib/ui/view-watcher';
import { AccountRow, type RowActions, type RowEditor } from './AccountRow';
import { BrokenPanel } from './BrokenPanel';
import type { RowAction } from './RowMenu';
import { SearchBox } from './SearchBox';
import { useBoot, useServices } from '../services';
import { useToast } from '../../shared/Toast';
import { TickerContext, ViewWatcherContext } from '../../hooks/use-tick-time';

interface ListData {
  accounts: AccountView[];
  broken: BrokenRecord[];
}

interface AccountListProps {
  onAdd: () => void;
  /** Offered in the empty list: the usual first step is scanning the site's enrollment QR. */
  onScan?: () => void;
  /** The tab to rank and fill for, when it is not the popup's own (a "fill" keyboard command). */
  tabId?: number;
  /** Opened to choose the account to fill: say so above the list. */
  fillHint?: boolean;
  /** The background says the vault is no longer unlocked (auto-lock while open): re-read the state. */
  onStateLost: () => void;
  /** Shown above the accounts once they are on screen (so their own requests never delay the codes). */
  notices?: ComponentChildren;
}

/** Minimum gap between two refetches triggered by expiring codes, in case clocks disagree. */
const REFETCH_GAP_MS = 1000;

/**
 * A long list renders its first FIRST_PAINT_ROWS rows, lets them paint, then renders the rest: more than
 * a 600-px popup shows (about 10), so the first screenful never waits for the other rows. Lists of up to
 * ONE_PASS_MAX_ROWS render at once (splitting them would cost a frame for little gain).
 */
export const FIRST_PAINT_ROWS = 30;
export const ONE_PASS_MAX_ROWS = 100;

/** Runs `callback` after the next paint (a frame, then a task), or soon where there are no frames. */
function afterNextPaint(callback: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (typeof requestAnimationFrame !== 'function') {
    timer = setTimeout(callback, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(callback, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

function storedOrder(accounts: readonly AccountView[]): string[] {
  return [...accounts]
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1))
    .map((account) => account.id);
}

export function AccountList({
  onAdd,
  onScan,
  tabId: tabIdProp,
  fillHint,
  onStateLost,
  notices,
}: AccountListProps) {
  const { send, clipboard, now: clock, getTabId } = useServices();
  const boot = useBoot();
  const toast = useToast();
  const ticker = useMemo(() => createTicker(clock), [clock]);
  const [viewWatcher] = useState(browserViewWatcher);
  useEffect(() => () => viewWatcher?.disconnect(), [viewWatcher]);
  const [data, setData] = useState<ListData | null>(null);
  const [loadError, setLoadError] = useState('');
  const [query, setQuery] = useState('');
  const [openMenuId, setOpenMenuId] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string; editor: RowEditor } | null>(null);
  const [hotpCodes, setHotpCodes] = useState<Record<string, string>>({});
  const [hotpBusyId, setHotpBusyId] = useState<string | null>(null);
  const [clearClipboard, setClearClipboard] = useState(false);
  /** False until the first screenful of rows has been painted (see FIRST_PAINT_ROWS). */
  const [allRows, setAllRows] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const tabId = useRef<{ for: number | undefined; id: Promise<number | undefined> } | null>(null);
  const fetching = useRef(false);
  const fetchAgain = useRef(false);
  const lastFetchAt = useRef(0);

  const handleFailure = useCallback(
    (failure: unknown) => {
      if (errorCode(failure) === 'locked') onStateLost();
      else toast(errorMessage(failure), 'error');
    },
    [onStateLost, toast],
  );

  /** The tab the list is for: the one given, else the popup's tab (asked once). */
  const currentTabId = useCallback((): Promise<number | undefined> => {
    if (tabId.current?.for !== tabIdProp) tabId.current = null;
    tabId.current ??= {
      for: tabIdProp,
      id: tabIdProp !== undefined ? Promise.resolve(tabIdProp) : (boot?.tabId ?? getTabId()),
    };
    return tabId.current.id;
  }, [tabIdProp, getTabId, boot]);

  const load = useCallback(async (): Promise<void> => {
    // why: a change made during a fetch must still be seen, so a call while busy queues one more fetch.
    if (fetching.current) {
      fetchAgain.current = true;
      return;
    }
    fetching.current = true;
    lastFetchAt.current = clock();
    // why: the popup asked for the list together with the vault state; the first list for its tab uses that.
    const asked = tabIdProp === undefined ? boot?.takeList() : null;
    try {
      let result: ListData;
      if (asked) {
        const reply = await asked;
        if (!reply.ok) throw reply.error;
        result = reply.value;
      } else {
        result = await send('listAccounts', { tabId: await currentTabId() });
      }
      setData(result);
      setLoadError('');
    } catch (failure) {
      if (errorCode(failure) === 'locked') onStateLost();
      else setLoadError(errorMessage(failure));
    } finally {
      fetching.current = false;
    }
    if (fetchAgain.current) {
      fetchAgain.current = false;
      await load();
    }
  }, [send, clock, currentTabId, onStateLost, tabIdProp, boot]);

  // why: a layout effect starts right after the first render; a plain effect would wait for a paint first.
  useLayoutEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    send('getSettings', {}).then(
      (settings) => setClearClipboard(settings.clearClipboard),
      () => setClearClipboard(false),
    );
  }, [send]);

  // Codes come from the background: fetch fresh ones once a shown code has expired. The tick compares
  // one number; nothing re-renders unless the fetch brings new codes.
  const expiresAt = useMemo(() => earliestExpiry(data?.accounts ?? []), [data]);
  useEffect(() => {
    if (expiresAt === Number.POSITIVE_INFINITY) return;
    return ticker.subscribe((now) => {
      if (now >= expiresAt && now - lastFetchAt.current >= REFETCH_GAP_MS) void load();
    });
  }, [ticker, expiresAt, load]);

  const hasData = data !== null;
  useEffect(() => {
    if (hasData && !allRows) return afterNextPaint(() => setAllRows(true));
  }, [hasData, allRows]);

  const sorted = useMemo(() => sortAccounts(data?.accounts ?? []), [data]);
  const visible = useMemo(() => filterAccounts(sorted, query), [sorted, query]);
  const shown = useMemo(
    () => (allRows || visible.length <= ONE_PASS_MAX_ROWS ? visible : visible.slice(0, FIRST_PAINT_ROWS)),
    [visible, allRows],
  );

  const closeMenu = useCallback(() => setOpenMenuId(null), []);

  async function copy(code: string) {
    if (!code) {
      toast(t('hotpPressNext'));
      return;
    }
    try {
      await copyCode(clipboard, code, {
        clearLater: clearClipboard ? () => send('clipboardCopied', {}) : undefined,
      });
      toast(t('copied'));
    } catch {
      toast(t('copyFailed'), 'error');
    }
  }

  async function fill(account: AccountView) {
    const target = await currentTabId();
    if (target === undefined) {
      toast(t('scanNoTab'), 'error');
      return;
    }
    try {
      const outcome = fillOutcome(
        await send('fillTab', { tabId: target, accountId: account.id, twoCodes: false }),
      );
      toast(t(outcome.key));
    } catch (failure) {
      const outcome = fillFailure(failure);
      if (outcome.code === 'locked') onStateLost();
      else toast(outcome.key ? t(outcome.key) : outcome.message, 'error');
    }
  }

  async function nextHotp(account: AccountView) {
    setHotpBusyId(account.id);
    try {
      const { code } = await send('nextHotpCode', { id: account.id });
      setHotpCodes((codes) => ({ ...codes, [account.id]: code }));
    } catch (failure) {
      handleFailure(failure);
    } finally {
      setHotpBusyId(null);
    }
  }

  async function change(action: () => Promise<unknown>, successMessage: string) {
    try {
      await action();
      setEditing(null);
      toast(successMessage);
    } catch (failure) {
      handleFailure(failure);
    }
    await load();
  }

  function move(account: AccountView, direction: 'up' | 'down') {
    const index = visible.indexOf(account);
    const neighbor = visible[direction === 'up' ? index - 1 : index + 1];
    if (!data || !neighbor) return;
    const ids = moveNextTo(
      storedOrder(data.accounts),
      account.id,
      neighbor.id,
      direction === 'up' ? 'before' : 'after',
    );
    if (ids) void change(() => send('reorderAccounts', { ids }), t('moved'));
  }

  function onAction(account: AccountView, action: RowAction) {
    if (action === 'pin') {
      void change(
        () => send('updateAccount', { id: account.id, patch: { pinned: !account.pinned } }),
        account.pinned ? t('unpinnedToast') : t('pinnedToast'),
      );
    } else if (action === 'up' || action === 'down') {
      move(account, action);
    } else {
      setEditing({ id: account.id, editor: action });
    }
  }

  function rowButtons(): HTMLButtonElement[] {
    return [...(listRef.current?.querySelectorAll<HTMLButtonElement>('.row-main') ?? [])];
  }

  function onListKeyDown(event: KeyboardEvent) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = rowButtons();
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    event.preventDefault();
    const next = buttons[index + (event.key === 'ArrowDown' ? 1 : -1)];
    next?.focus();
  }

  // why: rows are memoized; they get one stable actions object that calls this render's handlers.
  const latest = useRef<RowActions | null>(null);
  latest.current = {
    copy: (account, hotpCode) =>
      void copy(account.kind === 'hotp' ? (hotpCode ?? '') : liveCode(account, ticker.read()).code),
    fill: (account) => void fill(account),
    hotpNext: (account) => void nextHotp(account),
    menuToggle: (account, open) => (open ? setOpenMenuId(account.id) : closeMenu()),
    action: onAction,
    rename: (account, patch: AccountPatch) =>
      void change(() => send('updateAccount', { id: account.id, patch }), t('renamed')),
    sites: (account, allowedSites) =>
      void change(() => send('updateAccount', { id: account.id, patch: { allowedSites } }), t('sitesSaved')),
    delete: (account) => void change(() => send('deleteAccount', { id: account.id }), t('deleted')),
    cancelEdit: () => setEditing(null),
  };
  const rowActions = useMemo<RowActions>(() => {
    const current = () => latest.current as RowActions;
    return {
      copy: (account, hotpCode) => current().copy(account, hotpCode),
      fill: (account) => current().fill(account),
      hotpNext: (account) => current().hotpNext(account),
      menuToggle: (account, open) => current().menuToggle(account, open),
      action: (account, action) => current().action(account, action),
      rename: (account, patch) => current().rename(account, patch),
      sites: (account, sites) => current().sites(account, sites),
      delete: (account) => current().delete(account),
      cancelEdit: () => current().cancelEdit(),
    };
  }, []);

  if (!data) {
    return loadError ? (
      <section class="screen screen-center" role="alert">
        <p class="error" data-testid="list-error">
          {loadError}
        </p>
        <button type="button" class="button primary" data-testid="list-retry" onClick={() => void load()}>
          {t('retry')}
        </button>
      </section>
    ) : (
      <section class="screen screen-center" aria-busy="true">
        <div class="spinner" aria-hidden="true" />
      </section>
    );
  }

  return (
    <section class="list-screen">
      {notices}
      {data.accounts.length > 0 && (
        <SearchBox
          query={query}
          onQuery={setQuery}
          onSubmit={() => {
            rowButtons()[0]?.click();
          }}
          onLeaveDown={() => rowButtons()[0]?.focus()}
        />
      )}
      {fillHint && (
        <p class="hint fill-hint" role="status" data-testid="fill-hint">
          {data.accounts.some((each) => each.matchesTab) ? t('fillHint') : t('fillHintNone')}
        </p>
      )}
      {data.broken.length > 0 && <BrokenPanel broken={data.broken} />}
      {loadError && (
        <p class="error" role="alert" data-testid="list-error">
          {loadError}
        </p>
      )}
      <TickerContext.Provider value={ticker}>
        <ViewWatcherContext.Provider value={viewWatcher}>
          <ul ref={listRef} class="account-list" data-testid="account-list" onKeyDown={onListKeyDown}>
            {shown.map((account, index) => (
              <AccountRow
                key={account.id}
                account={account}
                hotpCode={hotpCodes[account.id]}
                hotpBusy={hotpBusyId === account.id}
                menuOpen={openMenuId === account.id}
                editor={editing?.id === account.id ? editing.editor : null}
                canMoveUp={index > 0}
                canMoveDown={index < visible.length - 1}
                actions={rowActions}
              />
            ))}
          </ul>
        </ViewWatcherContext.Provider>
      </TickerContext.Provider>
      {data.accounts.length === 0 && (
        <div class="empty" data-testid="list-empty">
          <p>{t('emptyList')}</p>
          {onScan && (
            <button type="button" class="button primary" data-testid="list-empty-scan" onClick={onScan}>
              {t('scanOpen')}
            </button>
          )}
          <button type="button" class={onScan ? 'button' : 'button primary'} onClick={onAdd}>
            {t('addAccount')}
          </button>
        </div>
      )}
      {data.accounts.length > 0 && visible.length === 0 && (
        <p class="empty muted" data-testid="no-match">
          {t('noMatch')}
        </p>
      )}
    </section>
  );
}
