import { useState } from 'preact/hooks';
import type { VaultState } from '../lib/messaging';
import { errorMessage } from '../lib/ui/api';
import { t } from '../lib/ui/i18n';
import { AccountList } from './AccountList';
import { AddAccount } from './AddAccount';
import { Icon } from './Icon';
import { SettingsPanel } from './SettingsPanel';
import { useServices } from './services';
import { useToast } from './Toast';

/** Screens of the unlocked popup. New ones (scan QR, backup) get an entry here and a button in the bar. */
type View = 'list' | 'add' | 'settings';

function viewTitle(view: View): string {
  if (view === 'add') return t('addTitle');
  if (view === 'settings') return t('settingsTitle');
  return t('extName');
}

interface UnlockedViewProps {
  onState: (state: VaultState) => void;
  onStateLost: () => void;
}

export function UnlockedView({ onState, onStateLost }: UnlockedViewProps) {
  const { send } = useServices();
  const toast = useToast();
  const [view, setView] = useState<View>('list');
  const [locking, setLocking] = useState(false);

  async function lock() {
    setLocking(true);
    try {
      const { state } = await send('lockVault', {});
      onState(state);
    } catch (failure) {
      toast(errorMessage(failure), 'error');
      setLocking(false);
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
            <button
              type="button"
              class="icon-button"
              data-testid="back"
              aria-label={t('back')}
              title={t('back')}
              onClick={() => setView('list')}
            >
              <Icon name="back" />
            </button>
            <h1 class="brand">{viewTitle(view)}</h1>
          </div>
        )}
        <nav class="topbar-actions" aria-label={t('mainNav')}>
          <button
            type="button"
            class="icon-button"
            data-testid="add-open"
            aria-label={t('addAccount')}
            title={t('addAccount')}
            aria-current={view === 'add' ? 'page' : undefined}
            onClick={() => setView('add')}
          >
            <Icon name="plus" />
          </button>
          <button
            type="button"
            class="icon-button"
            data-testid="settings-open"
            aria-label={t('settingsTitle')}
            title={t('settingsTitle')}
            aria-current={view === 'settings' ? 'page' : undefined}
            onClick={() => setView('settings')}
          >
            <Icon name="settings" />
          </button>
          <button
            type="button"
            class="icon-button"
            data-testid="lock"
            aria-label={t('lock')}
            title={t('lock')}
            disabled={locking}
            onClick={() => void lock()}
          >
            <Icon name="lock" />
          </button>
        </nav>
      </header>
      <main class="content">
        {view === 'list' && <AccountList onAdd={() => setView('add')} onStateLost={onStateLost} />}
        {view === 'add' && <AddAccount onDone={() => setView('list')} onStateLost={onStateLost} />}
        {view === 'settings' && <SettingsPanel onStateLost={onStateLost} />}
      </main>
    </div>
  );
}
