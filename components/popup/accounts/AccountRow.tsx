import { accountDisplayName } from '../../../lib/account-display-name';
import type { AccountPatch, AccountView } from '../../../lib/messaging';
import { t } from '../../../lib/ui/i18n';
import { Icon } from '../../shared/Icon';
import { ServiceIcon } from '../../shared/ServiceIcon';
import { LiveCode, LiveCountdown } from './LiveCode';
import { memo } from '../../shared/memo';
import { RowMenu, type RowAction } from './RowMenu';
import { lazyScreen } from '../lazy-screen';

// why: the editors open on demand; the popup's first load carries only the rows.
const RenameForm = lazyScreen(() => import('./RenameForm').then((m) => m.RenameForm), 'none');
const SitesForm = lazyScreen(() => import('./SitesForm').then((m) => m.SitesForm), 'none');
const DeleteConfirm = lazyScreen(() => import('./DeleteConfirm').then((m) => m.DeleteConfirm), 'none');

export type RowEditor = 'rename' | 'sites' | 'delete';

/**
 * What a row can ask its list to do. One object for all rows, stable across renders, so a memoized row
 * is not re-rendered because its parent made new callbacks.
 */
export interface RowActions {
  /** `hotpCode` is the code fetched for an HOTP row ('' or undefined before "next code"). */
  copy(account: AccountView, hotpCode: string | undefined): void;
  /** Fills this account's code into the current tab; offered only when the account is bound to it. */
  fill(account: AccountView): void;
  hotpNext(account: AccountView): void;
  menuToggle(account: AccountView, open: boolean): void;
  action(account: AccountView, action: RowAction): void;
  rename(account: AccountView, patch: AccountPatch): void;
  sites(account: AccountView, sites: string[]): void;
  delete(account: AccountView): void;
  cancelEdit(): void;
}

export interface AccountRowProps {
  account: AccountView;
  /** 1-based place in the list and the list's length: only some rows are rendered, so they are told. */
  position: number;
  setSize: number;
  /** The HOTP code fetched in this popup session, if any. */
  hotpCode: string | undefined;
  hotpBusy: boolean;
  menuOpen: boolean;
  editor: RowEditor | null;
  canMoveUp: boolean;
  canMoveDown: boolean;
  actions: RowActions;
}

/**
 * One account. It does not depend on the time: the code and the countdown are leaves that follow the
 * ticker themselves (LiveCode.tsx), so a 1-second tick never re-renders the row.
 */
function AccountRowView({ account, hotpCode, actions, ...props }: AccountRowProps) {
  const isHotp = account.kind === 'hotp';
  const hasCode = isHotp ? Boolean(hotpCode) : account.code !== '';
  const name = accountDisplayName(account, 'parens');

  return (
    <li
      class={`account-row${account.matchesTab ? ' matches-tab' : ''}${props.menuOpen ? ' menu-open' : ''}`}
      data-testid="account-row"
      data-id={account.id}
      data-issuer={account.issuer}
      data-account={account.account}
      data-kind={account.kind}
      aria-posinset={props.position}
      aria-setsize={props.setSize}
    >
      <div class="row-line">
        <button
          type="button"
          class="row-main"
          // why: its name is the visible issuer, account and code (label in name, WCAG 2.5.3); what a click
          // does is the description.
          title={hasCode ? t('copyCodeFor', name) : undefined}
          onClick={() => actions.copy(account, hotpCode)}
        >
          <span class="labels">
            <ServiceIcon name={account.issuer || account.account} />
            <span class="issuer" dir="auto">
              {account.pinned && (
                <span class="pin-mark" role="img" aria-label={t('pinned')} title={t('pinned')}>
                  <Icon name="pin" size={12} />
                </span>
              )}
              {account.issuer || account.account}
            </span>
            {account.issuer && account.account && (
              <span class="account" dir="auto">
                {account.account}
              </span>
            )}
          </span>
          <LiveCode account={account} hotpCode={hotpCode} />
        </button>
        {!isHotp && <LiveCountdown account={account} />}
        {account.matchesTab && (
          <button
            type="button"
            class="button small primary"
            data-testid="row-fill"
            aria-label={t('fillFor', name)}
            title={t('fillFor', name)}
            onClick={() => actions.fill(account)}
          >
            {t('fill')}
          </button>
        )}
        {isHotp && (
          <button
            type="button"
            class="button small"
            data-testid="hotp-next"
            disabled={props.hotpBusy}
            aria-label={t('hotpNextFor', name)}
            onClick={() => actions.hotpNext(account)}
          >
            {t('hotpNext')}
          </button>
        )}
        <RowMenu
          label={name}
          open={props.menuOpen}
          pinned={account.pinned}
          canMoveUp={props.canMoveUp}
          canMoveDown={props.canMoveDown}
          onToggle={(open) => actions.menuToggle(account, open)}
          onAction={(action) => actions.action(account, action)}
        />
      </div>
      {props.editor === 'rename' && (
        <RenameForm
          issuer={account.issuer}
          account={account.account}
          onSave={(patch) => actions.rename(account, patch)}
          onCancel={actions.cancelEdit}
        />
      )}
      {props.editor === 'sites' && (
        <SitesForm
          sites={account.allowedSites}
          onSave={(sites) => actions.sites(account, sites)}
          onCancel={actions.cancelEdit}
        />
      )}
      {props.editor === 'delete' && (
        <DeleteConfirm name={name} onConfirm={() => actions.delete(account)} onCancel={actions.cancelEdit} />
      )}
    </li>
  );
}

export const AccountRow = memo(AccountRowView);
