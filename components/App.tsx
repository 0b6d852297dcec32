import { useCallback, useEffect, useState } from 'preact/hooks';
import type { VaultState } from '../lib/messaging';
import { errorMessage } from '../lib/ui/api';
import { CreateVaultForm } from './CreateVaultForm';
import { ErrorScreen } from './ErrorScreen';
import { LoadingScreen } from './LoadingScreen';
import { NewerSchemaScreen } from './NewerSchemaScreen';
import { ServicesContext, type PopupServices } from './services';
import { ToastProvider } from './Toast';
import { UnlockForm } from './UnlockForm';
import { UnlockedView } from './UnlockedView';

/** What the root shows; mirrored in `data-state` for tests. */
export type AppState = 'loading' | 'error' | VaultState;

/** The popup: asks the background for the vault state, then shows the screen for it. */
export function App({ services }: { services: PopupServices }) {
  const [state, setState] = useState<AppState>('loading');
  const [failure, setFailure] = useState('');

  const refresh = useCallback(async () => {
    setState('loading');
    try {
      const reply = await services.send('getVaultState', {});
      setState(reply.state);
    } catch (error) {
      setFailure(errorMessage(error));
      setState('error');
    }
  }, [services]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const onStateLost = useCallback(() => void refresh(), [refresh]);

  return (
    <ServicesContext.Provider value={services}>
      <ToastProvider>
        <div class="app" data-testid="app" data-state={state}>
          {state === 'loading' && <LoadingScreen />}
          {state === 'error' && <ErrorScreen message={failure} onRetry={() => void refresh()} />}
          {state === 'uninitialized' && <CreateVaultForm onCreated={setState} />}
          {state === 'locked' && <UnlockForm onUnlocked={setState} />}
          {state === 'newer-schema' && <NewerSchemaScreen />}
          {state === 'unlocked' && <UnlockedView onState={setState} onStateLost={onStateLost} />}
        </div>
      </ToastProvider>
    </ServicesContext.Provider>
  );
}
