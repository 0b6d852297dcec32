import { useCallback, useLayoutEffect, useState } from 'preact/hooks';
import type { VaultState } from '../../lib/messaging';
import { settle, startPopupBoot } from '../../lib/ui/popup-boot';
import { useLockAwareServices } from '../hooks/use-lock-aware';
import { LoadingScreen } from '../shared/LoadingScreen';
import { ToastProvider } from '../shared/Toast';
import { lazyScreen } from './lazy-screen';
import { BootContext, ServicesContext, type PopupServices } from './services';
import { UnlockedView } from './UnlockedView';

// why: shown once in the extension's life; its password-strength rules stay out of every other open.
const CreateVaultForm = lazyScreen(() => import('./CreateVaultForm').then((m) => m.CreateVaultForm));
// why: an open loads the code of the one screen it shows; the unlocked list is the common case.
const UnlockForm = lazyScreen(() => import('./UnlockForm').then((m) => m.UnlockForm));
// why: rare states (a failed start, a vault from a newer version); their screens load only then.
const ErrorScreen = lazyScreen(() => import('../shared/ErrorScreen').then((m) => m.ErrorScreen));
const NewerSchemaScreen = lazyScreen(() =>
  import('../shared/NewerSchemaScreen').then((m) => m.NewerSchemaScreen),
);

/** What the root shows; mirrored in `data-state` for tests. */
export type AppState = 'loading' | 'error' | VaultState;

/**
 * The popup: reads the vault state and the unlocked snapshot itself (asks the background only when they are
 * not there), then shows the screen for it.
 */
export function App({ services }: { services: PopupServices }) {
  const { client, onLocked } = useLockAwareServices(services);
  // why: created during the first render, so the first messages leave before any paint or effect.
  const [boot] = useState(() =>
    startPopupBoot(client.send, client.getTabId, client.local, services.firstScreen),
  );
  // why: when the first-screen script drew the list, the first render is that list (its elements are adopted).
  const [state, setState] = useState<AppState>(() => (boot.shown ? 'unlocked' : 'loading'));
  const [failure, setFailure] = useState('');

  const refresh = useCallback(
    async (first = false) => {
      if (!(first && boot.shown)) setState('loading');
      if (!first) boot.expire();
      const reply = await (first ? boot.state : settle(client.send('getVaultState', {})));
      if (reply.ok) {
        setState(reply.value.state);
      } else {
        // why: the error table loads only when there is an error to word.
        const { errorText } = await import('../../lib/ui/error-messages');
        setFailure(errorText(reply.error));
        setState('error');
      }
    },
    [client, boot],
  );
  onLocked.current = () => void refresh();

  // why: a layout effect runs right after the first render; a plain effect would wait for a paint.
  useLayoutEffect(() => {
    void refresh(true);
  }, [refresh]);

  /** A screen changed the state itself (created, unlocked, locked): the list asked at start is stale. */
  const onState = useCallback(
    (next: VaultState) => {
      boot.expire();
      setState(next);
    },
    [boot],
  );

  return (
    <ServicesContext.Provider value={client}>
      <BootContext.Provider value={boot}>
        <ToastProvider>
          <div class="app" data-testid="app" data-state={state}>
            {state === 'loading' && <LoadingScreen />}
            {state === 'error' && <ErrorScreen message={failure} onRetry={() => void refresh()} />}
            {state === 'uninitialized' && <CreateVaultForm onCreated={onState} />}
            {state === 'locked' && <UnlockForm onUnlocked={onState} />}
            {state === 'newer-schema' && <NewerSchemaScreen />}
            {state === 'unlocked' && <UnlockedView onState={onState} />}
          </div>
        </ToastProvider>
      </BootContext.Provider>
    </ServicesContext.Provider>
  );
}
