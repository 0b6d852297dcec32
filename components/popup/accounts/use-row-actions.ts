import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import type { AccountView } from '../../../lib/messaging';
import { t } from '../../../lib/ui/i18n';
import { liveCode } from '../../../lib/ui/live-code';
import type { Ticker } from '../../../lib/ui/ticker';
import { useToast } from '../../shared/Toast';
import { useServices } from '../services';
import type { RowActions, RowEditor } from './AccountRow';
import type { RowAction } from './RowMenu';
import type { ListData } from './use-account-list';

function storedOrder(accounts: readonly AccountView[]): string[] {
  return [...accounts]
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1))
    .map((account) => account.id);
}

interface RowActionsInput {
  data: ListData | null;
  /** The rows as shown (sorted, filtered): "move up" goes past the row above on screen. */
  visible: readonly AccountView[];
  ticker: Ticker;
  load: () => Promise<void>;
  currentTabId: () => Promise<number | undefined>;
}

/**
 * What the rows of the list do (copy, fill, next HOTP code, the ⋮ menu and its editors) and the state
 * that goes with it: which menu is open, which row is being edited, the HOTP codes fetched so far.
 */
export function useRowActions({ data, visible, ticker, load, currentTabId }: RowActionsInput) {
  const { send, clipboard } = useServices();
  const toast = useToast();
  const [openMenuId, setOpenMenuId] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string; editor: RowEditor } | null>(null);
  const [hotpCodes, setHotpCodes] = useState<Record<string, string>>({});
  const [hotpBusyId, setHotpBusyId] = useState<string | null>(null);

  /** why asked at the copy, not at open: an open must not wake the background. */
  async function clearClipboardLater(): Promise<void> {
    if ((await send('getSettings', {})).clearClipboard) await send('clipboardCopied', {});
  }

  const closeMenu = useCallback(() => setOpenMenuId(null), []);
  // why: the error table and the fill wording load when first needed, not with the popup's first screen.
  const showFailure = (failure: unknown) =>
    void import('../../../lib/ui/error-messages').then(({ errorText }) => toast(errorText(failure), 'error'));
  const fillWords = () => import('../../../lib/ui/fill-outcome');

  async function copy(code: string) {
    if (!code) return toast(t('hotpPressNext'));
    try {
      const { copyCode } = await import('../../../lib/ui/clipboard');
      await copyCode(clipboard, code, {
        clearLater: clearClipboardLater,
      });
      toast(t('copied'));
    } catch {
      toast(t('copyFailed'), 'error');
    }
  }

  async function fill(account: AccountView) {
    const target = await currentTabId();
    if (target === undefined) return toast(t('scanNoTab'), 'error');
    const { fillAndWord } = await fillWords();
    const { text, ok } = await fillAndWord(send, { tabId: target, accountId: account.id, twoCodes: false });
    toast(text, ok ? 'info' : 'error');
  }

  async function nextHotp(account: AccountView) {
    setHotpBusyId(account.id);
    try {
      const { code } = await send('nextHotpCode', { id: account.id });
      setHotpCodes((codes) => ({ ...codes, [account.id]: code }));
    } catch (failure) {
      showFailure(failure);
    } finally {
      setHotpBusyId(null);
    }
  }

  /** Sends a change, says so, and reads the list again (also after a refusal: the vault may have moved on). */
  async function change(action: () => Promise<unknown>, successMessage: string) {
    try {
      await action();
      setEditing(null);
      toast(successMessage);
    } catch (failure) {
      showFailure(failure);
    }
    await load();
  }

  async function move(account: AccountView, direction: 'up' | 'down') {
    const index = visible.indexOf(account);
    const neighbor = visible[direction === 'up' ? index - 1 : index + 1];
    if (!data || !neighbor) return;
    const place = direction === 'up' ? 'before' : 'after';
    // why: loaded with the first move, not with every open.
    const { moveNextTo } = await import('../../../lib/ui/reorder');
    const ids = moveNextTo(storedOrder(data.accounts), account.id, neighbor.id, place);
    if (ids) void change(() => send('reorderAccounts', { ids }), t('moved'));
  }

  function onAction(account: AccountView, action: RowAction) {
    if (action === 'up' || action === 'down') return void move(account, action);
    if (action !== 'pin') return setEditing({ id: account.id, editor: action });
    const patch = { pinned: !account.pinned };
    void change(
      () => send('updateAccount', { id: account.id, patch }),
      account.pinned ? t('unpinnedToast') : t('pinnedToast'),
    );
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
    rename: (account, patch) =>
      void change(() => send('updateAccount', { id: account.id, patch }), t('renamed')),
    sites: (account, allowedSites) =>
      void change(() => send('updateAccount', { id: account.id, patch: { allowedSites } }), t('sitesSaved')),
    delete: (account) => void change(() => send('deleteAccount', { id: account.id }), t('deleted')),
    cancelEdit: () => setEditing(null),
  };
  const actions = useMemo<RowActions>(() => {
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

  return { actions, openMenuId, editing, hotpCodes, hotpBusyId };
}
