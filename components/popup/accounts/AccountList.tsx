import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { t } from '../../../lib/ui/i18n';
import { TickerContext, ViewWatcherContext } from '../../hooks/use-tick-time';
import { AccountRow } from './AccountRow';
import { lazyScreen } from '../lazy-screen';
import { SearchBox } from './SearchBox';
import { useAccountList } from './use-account-list';
import { useRowActions } from './use-row-actions';

// why: only a damaged vault shows it; its code stays out of every ordinary open.
const BrokenPanel = lazyScreen(() => import('./BrokenPanel').then((m) => m.BrokenPanel), 'none');

export { CHUNK_ROWS, FIRST_PAINT_ROWS } from './use-account-list';

interface AccountListProps {
  onAdd: () => void;
  /** Offered in the empty list: the usual first step is scanning the site's enrollment QR. */
  onScan?: () => void;
  /** The tab to rank and fill for, when it is not the popup's own (a "fill" keyboard command). */
  tabId?: number;
  /** Opened to choose the account to fill: say so above the list. */
  fillHint?: boolean;
  /** Shown above the accounts once they are on screen (so their own requests never delay the codes). */
  notices?: ComponentChildren;
}

/** The accounts, searchable, with their codes; the rows' buttons and menus act through `useRowActions`. */
export function AccountList({ onAdd, onScan, tabId, fillHint, notices }: AccountListProps) {
  const [query, setQuery] = useState('');
  const { data, loadError, load, currentTabId, ticker, viewWatcher, visible, shown } = useAccountList(
    tabId,
    query,
  );
  const rows = useRowActions({ data, visible, ticker, load, currentTabId });
  const listRef = useRef<HTMLUListElement>(null);

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
                hotpCode={rows.hotpCodes[account.id]}
                hotpBusy={rows.hotpBusyId === account.id}
                menuOpen={rows.openMenuId === account.id}
                editor={rows.editing?.id === account.id ? rows.editing.editor : null}
                canMoveUp={index > 0}
                canMoveDown={index < visible.length - 1}
                actions={rows.actions}
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
