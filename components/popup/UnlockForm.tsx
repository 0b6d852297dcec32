import type { VaultState } from '../../lib/messaging';
import { t } from '../../lib/ui/i18n';
import { useServices } from './services';
import { useUnlock } from '../hooks/use-unlock';

/** Locked vault: one password field, Enter submits; the KDF takes a moment, so show that we are busy. */
export function UnlockForm({ onUnlocked }: { onUnlocked: (state: VaultState) => void }) {
  const { send } = useServices();
  const { password, setPassword, error, busy, passwordRef, submit } = useUnlock(send, onUnlocked);

  return (
    <section class="screen screen-center">
      <h1 class="title">{t('unlockTitle')}</h1>
      <form class="form wide" onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <label class="field">
          <span>{t('unlockPasswordLabel')}</span>
          <input
            ref={passwordRef}
            type="password"
            data-testid="unlock-password"
            autocomplete="current-password"
            value={password}
            readOnly={busy}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'unlock-error' : undefined}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="error" role="alert" id="unlock-error" data-testid="unlock-error">
            {error}
          </p>
        )}
        <button type="submit" class="button primary wide" data-testid="unlock-submit" disabled={busy}>
          {busy ? t('unlockBusy') : t('unlockSubmit')}
        </button>
      </form>
    </section>
  );
}
