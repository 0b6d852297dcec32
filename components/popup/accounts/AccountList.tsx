import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { t } from '../../../lib/ui/i18n';
import { TickerContext, ViewWatcherContext } from '../../hooks/use-tick-time';
import { AccountRow } from './AccountRow';
import { lazyScreen } from '../lazy-screen';
import { SearchBox } from './SearchBox';
import { useAccountList } from './use-account-list';
import { useRowActions } from './use-row-actions';
import { useRowsOnDemand } from './use-rows-on-demand';

// why: only a damaged vault shows it; its code stays out of every ordinary open.
const BrokenPanel = lazyScreen(() => import('./BrokenPanel').then((m) => m.BrokenPanel), 'none');

export { FIRST_PAINT_ROWS, MORE_ROWS } from './use-account-list';

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
  const { data, loadError, load, currentTabId, ticker, viewWatcher, visible, shown, more } = useAccountList(
    tabId,
    query,
  );
  const rows = useRowActions({ data, visible, ticker, load, currentTabId });
  const listRef = useRef<HTMLUListElement>(null);
  // why: with the arrow keys, in a chunk loaded after the first screen.
  useRowsOnDemand(listRef, shown.length, visible.length, more);

  /** The first row's main button (copies its code): what Enter and ArrowDown in the search box reach. */
  const firstRow = () => listRef.current?.querySelector<HTMLButtonElement>('.row-main');

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
          onSubmit={() => firstRow()?.click()}
          onLeaveDown={() => firstRow()?.focus()}
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
          <ul
            ref={listRef}
            class="account-list"
            data-testid="account-list"
            data-total={visible.length}
            data-rendered={shown.length}
          >
            {shown.map((account, index) => (
              <AccountRow
                key={account.id}
                account={account}
                position={index + 1}
                setSize={visible.length}
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
          {shown.length < visible.length && <div data-testid="list-more" />}
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
