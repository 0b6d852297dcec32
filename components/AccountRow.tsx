import type { AccountPatch, AccountView } from '../lib/messaging';
import { countdown, showsNextCode } from '../lib/ui/countdown';
import { formatCode } from '../lib/ui/format-code';
import { t } from '../lib/ui/i18n';
import { liveCode } from '../lib/ui/live-code';
import { CodeCountdown } from './CodeCountdown';
import { DeleteConfirm } from './DeleteConfirm';
import { Icon } from './Icon';
import { RenameForm } from './RenameForm';
import { RowMenu, type RowAction } from './RowMenu';
import { SitesForm } from './SitesForm';

export type RowEditor = 'rename' | 'sites' | 'delete';

export interface AccountRowProps {
  account: AccountView;
  /** The HOTP code fetched in this popup session, if any. */
  hotpCode: string | undefined;
  hotpBusy: boolean;
  now: number;
  menuOpen: boolean;
  editor: RowEditor | null;
  canMoveUp: boolean;
  canMoveDown: boolean;
  /** Called with '' for an HOTP row whose code has not been asked for yet. */
  onCopy: (code: string) => void;
  /** Fills this account's code into the current tab; offered only when the account is bound to it. */
  onFill?: () => void;
  onHotpNext: () => void;
  onMenuToggle: (open: boolean) => void;
  onAction: (action: RowAction) => void;
  onRename: (patch: AccountPatch) => void;
  onSites: (sites: string[]) => void;
  onDelete: () => void;
  onCancelEdit: () => void;
}

/** "Issuer (account)", or whichever of the two exists: how a person names the account. */
export function displayName(account: Pick<AccountView, 'issuer' | 'account'>): string {
  if (account.issuer && account.account) return `${account.issuer} (${account.account})`;
  return account.issuer || account.account;
}

const HIDDEN_CODE = '•••';

export function AccountRow(props: AccountRowProps) {
  const { account, now } = props;
  const live = liveCode(account, now);
  const isHotp = account.kind === 'hotp';
  const code = isHotp ? (props.hotpCode ?? '') : live.code;
  const timer = isHotp ? null : countdown(live.validUntil, account.period, now);
  const name = displayName(account);

  return (
    <li
      class={`account-row${account.matchesTab ? ' matches-tab' : ''}${live.stale ? ' stale' : ''}`}
      data-testid="account-row"
      data-id={account.id}
      data-issuer={account.issuer}
      data-account={account.account}
      data-kind={account.kind}
    >
      <div class="row-line">
        <button
          type="button"
          class="row-main"
          aria-label={code ? t('copyCodeFor', name) : name}
          onClick={() => props.onCopy(code)}
        >
          <span class="labels">
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
          <span class="code-box">
            <span
              class={`code${code ? '' : ' code-hidden'}`}
              data-testid="account-code"
              data-code={code}
              aria-hidden={code ? undefined : true}
            >
              {code ? formatCode(code, account.kind) : HIDDEN_CODE}
            </span>
            {timer && showsNextCode(timer, live.nextCode) && (
              <span class="next-code" data-testid="account-next-code" data-code={live.nextCode}>
                {t('nextCodeLabel')} {formatCode(live.nextCode, account.kind)}
              </span>
            )}
          </span>
        </button>
        {timer && <CodeCountdown state={timer} />}
        {account.matchesTab && props.onFill && (
          <button
            type="button"
            class="button small primary"
            data-testid="row-fill"
            aria-label={t('fillFor', name)}
            title={t('fillFor', name)}
            onClick={props.onFill}
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
            onClick={props.onHotpNext}
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
          onToggle={props.onMenuToggle}
          onAction={props.onAction}
        />
      </div>
      {props.editor === 'rename' && (
        <RenameForm
          issuer={account.issuer}
          account={account.account}
          onSave={props.onRename}
          onCancel={props.onCancelEdit}
        />
      )}
      {props.editor === 'sites' && (
        <SitesForm sites={account.allowedSites} onSave={props.onSites} onCancel={props.onCancelEdit} />
      )}
      {props.editor === 'delete' && (
        <DeleteConfirm name={name} onConfirm={props.onDelete} onCancel={props.onCancelEdit} />
      )}
    </li>
  );
}
