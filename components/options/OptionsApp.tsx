import { useCallback, useEffect, useState } from 'preact/hooks';
import type { VaultState } from '../../lib/messaging';
import { errorText } from '../../lib/ui/error-messages';
import { t } from '../../lib/ui/i18n';
import { useLockAwareServices } from '../hooks/use-lock-aware';
import { ErrorScreen } from '../shared/ErrorScreen';
import { LoadingScreen } from '../shared/LoadingScreen';
import { NewerSchemaScreen } from '../shared/NewerSchemaScreen';
import { AccountQrSection } from './AccountQrSection';
import { AutoSubmitSection } from './AutoSubmitSection';
import { AppendCodeSection } from './AppendCodeSection';
import { BackupSection } from './BackupSection';
import { ExportSection } from './ExportSection';
import { ImportSection } from './ImportSection';
import { OptionsUnlock } from './OptionsUnlock';
import { SyncSection } from './SyncSection';
import { OptionsServicesContext, type OptionsServices } from './services';

/** What the page shows; mirrored in `data-state` for tests. */
export type OptionsState = 'loading' | 'error' | VaultState;

/**
 * The options page (a full tab): backup, restore/import, export and "show as QR". File pickers live here
 * rather than in the popup because Firefox closes the popup when a file dialog opens.
 */
export function OptionsApp({ services }: { services: OptionsServices }) {
  const { client, onLocked } = useLockAwareServices(services);
  const [state, setState] = useState<OptionsState>('loading');
  const [failure, setFailure] = useState('');
  /** Bumped when the vault's accounts change, so sections that list or count them read again. */
  const [revision, setRevision] = useState(0);

  const refresh = useCallback(async () => {
    setState('loading');
    try {
      const reply = await client.send('getVaultState', {});
      setState(reply.state);
    } catch (error) {
      setFailure(errorText(error));
      setState('error');
    }
  }, [client]);
  onLocked.current = () => void refresh();

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const onVaultChanged = useCallback(() => setRevision((value) => value + 1), []);

  return (
    <OptionsServicesContext.Provider value={client}>
      <div class="options-page" data-testid="options-app" data-state={state}>
        <header class="options-header">
          <h1 class="title">{t('optionsTitle')}</h1>
          <p class="muted">{t('optionsIntro')}</p>
        </header>
        {state === 'loading' && <LoadingScreen />}
        {state === 'error' && <ErrorScreen message={failure} onRetry={() => void refresh()} />}
        {state === 'uninitialized' && (
          <p class="warning" role="alert" data-testid="options-uninitialized">
            {t('optionsUninitialized')}
          </p>
        )}
        {state === 'newer-schema' && <NewerSchemaScreen />}
        {state === 'locked' && <OptionsUnlock onUnlocked={setState} />}
        {state === 'unlocked' && (
          <main class="options-sections">
            <BackupSection revision={revision} />
            <ImportSection onVaultChanged={onVaultChanged} />
            <ExportSection />
            <AccountQrSection revision={revision} />
            <AutoSubmitSection />
            <AppendCodeSection />
            <SyncSection onVaultChanged={onVaultChanged} />
          </main>
        )}
      </div>
    </OptionsServicesContext.Provider>
  );
}
