import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { VaultState } from '../../lib/messaging';

// why: the fill wording (and the error table it uses) loads when a fill happens, not at open.
const fillWords = () => import('../../lib/ui/fill-outcome');
import { t } from '../../lib/ui/i18n';
import { AccountList } from './accounts/AccountList';
import type { AddOptions } from './add/AddAccount';
import { IconButton } from '../shared/IconButton';
import type { ManualPrefill } from './scan/ScanPage';
import { lazyScreen } from './lazy-screen';
import { useServices } from './services';
import { useToast } from '../shared/Toast';

// why: the add, scan and settings screens load when first opened; the popup's first load is the list.
const AddAccount = lazyScreen(() => import('./add/AddAccount').then((m) => m.AddAccount));
const ScanPage = lazyScreen(() => import('./scan/ScanPage').then((m) => m.ScanPage));
// why: notices (host access, backup reminder) come after the codes; their code loads with them.
const Notices = lazyScreen(() => import('./Notices').then((m) => m.Notices), 'none');
const SettingsPanel = lazyScreen(() => import('./SettingsPanel').then((m) => m.SettingsPanel));

/** Screens of the unlocked popup. New ones (backup) get an entry here and a button in the bar. */
type View = 'list' | 'add' | 'settings' | 'scan';

/** The keyboard command / context menu may save its intent just after the popup asks: ask once more after this. */
export const INTENT_RETRY_MS = 300;

function viewTitle(view: View): string {
  if (view === 'scan') return t('scanTitle');
  if (view === 'add') return t('addTitle');
  if (view === 'settings') return t('settingsTitle');
  return t('extName');
}

/** The buttons of the top bar that open a screen, in their order. */
const NAV_BUTTONS = [
  { view: 'scan', testId: 'scan-open', icon: 'scan', label: () => t('scanOpen') },
  { view: 'add', testId: 'add-open', icon: 'plus', label: () => t('addAccount') },
  { view: 'settings', testId: 'settings-open', icon: 'settings', label: () => t('settingsTitle') },
] as const;

type NavView = (typeof NAV_BUTTONS)[number]['view'];

export function UnlockedView({ onState }: { onState: (state: VaultState) => void }) {
  const { send, sleep, getTabId, local } = useServices();
  const toast = useToast();
  const [view, setView] = useState<View>('list');
  const [locking, setLocking] = useState(false);
  /** The tab a scan runs on; `serial` restarts the scan when the button is pressed again. */
  const [scanTarget, setScanTarget] = useState<{ tabId: number | undefined; serial: number } | null>(null);
  const [addOptions, setAddOptions] = useState<AddOptions>({});
  /** Set by a "fill" intent: the list is for that tab, with a hint to pick the account. */
  const [fillTarget, setFillTarget] = useState<number | undefined>(undefined);
  const serial = useRef(0);

  const openScan = useCallback(
    async (tabId?: number) => {
      const target = tabId ?? (await getTabId());
      serial.current += 1;
      setScanTarget({ tabId: target, serial: serial.current });
      setView('scan');
    },
    [getTabId],
  );

  // A keyboard command or context menu opened the popup: do what it asked, once.
  useEffect(() => {
    let cancelled = false;
    async function takeIntent() {
      try {
        const { takeOpeningIntent } = await import('../../lib/ui/opening-intent');
        const input = { local, send, sleep, retryMs: INTENT_RETRY_MS, cancelled: () => cancelled };
        const intent = await takeOpeningIntent(input);
        if (!intent) return;
        if (intent.action === 'scan') await openScan(intent.tabId);
        else {
          setFillTarget(intent.tabId);
          setView('list');
          if (intent.refusal) toast((await fillWords()).refusalText(intent.refusal), 'error');
        }
      } catch {
        // why: no intent is the normal case (the popup was opened by a click); nothing to show.
      }
    }
    void takeIntent();
    return () => {
      cancelled = true;
    };
  }, [send, sleep, openScan, toast, local]);

  async function openManual({ origin, tabId }: ManualPrefill) {
    // why: only after a scan found no code; the issuer table stays out of the popup's first load.
    const { issuerForOrigin } = await import('../../lib/ui/scan-issuer');
    setAddOptions({
      initialTab: 'fields',
      issuer: issuerForOrigin(origin),
      enrolledOrigin: origin ?? '',
      fillTabId: tabId,
    });
    setView('add');
  }

  async function afterManualAdd(accountId: string) {
    const tabId = addOptions.fillTabId;
    setAddOptions({});
    setView('list');
    if (tabId === undefined) return;
    const { text, ok } = await (await fillWords()).fillAndWord(send, { tabId, accountId, twoCodes: true });
    toast(text, ok ? 'info' : 'error');
  }

  async function lock() {
    if (locking) return;
    setLocking(true);
    try {
      const { state } = await send('lockVault', {});
      onState(state);
    } catch (failure) {
      // why: the error table loads only when there is an error to word.
      toast((await import('../../lib/ui/error-messages')).errorText(failure), 'error');
    } finally {
      setLocking(false);
    }
  }

  function open(next: NavView) {
    if (next === 'scan') void openScan();
    else {
      if (next === 'add') setAddOptions({});
      setView(next);
    }
  }

  return (
    <div
      class="unlocked"
      onKeyDown={(event) => {
        // why: Esc in a sub-screen goes back to the list instead of closing the popup.
        if (event.key === 'Escape' && view !== 'list' && !event.defaultPrevented) {
          event.preventDefault();
          setView('list');
        }
      }}
    >
      <header class="topbar">
        {view === 'list' ? (
          <h1 class="brand">{viewTitle('list')}</h1>
        ) : (
          <div class="topbar-back">
            <IconButton icon="back" label={t('back')} testId="back" onClick={() => setView('list')} />
            <h1 class="brand">{viewTitle(view)}</h1>
          </div>
        )}
        <nav class="topbar-actions" aria-label={t('mainNav')}>
          {NAV_BUTTONS.map((each) => (
            <IconButton
              key={each.view}
              icon={each.icon}
              label={each.label()}
              testId={each.testId}
              current={view === each.view}
              onClick={() => open(each.view)}
            />
          ))}
          <IconButton
            icon="lock"
            label={t('lock')}
            testId="lock"
            disabled={locking}
            onClick={() => void lock()}
          />
        </nav>
      </header>
      <main class="content">
        {view === 'list' && (
          <AccountList
            onAdd={() => setView('add')}
            onScan={() => void openScan()}
            tabId={fillTarget}
            fillHint={fillTarget !== undefined}
            notices={<Notices />}
          />
        )}
        {view === 'add' && (
          <AddAccount
            key={JSON.stringify(addOptions)}
            options={addOptions}
            onDone={() => setView('list')}
            onAdded={addOptions.fillTabId !== undefined ? (id) => void afterManualAdd(id) : undefined}
          />
        )}
        {view === 'scan' && scanTarget && (
          <ScanPage
            key={scanTarget.serial}
            tabId={scanTarget.tabId}
            onManual={openManual}
            onFinish={() => setView('list')}
          />
        )}
        {view === 'settings' && <SettingsPanel />}
      </main>
    </div>
  );
}
