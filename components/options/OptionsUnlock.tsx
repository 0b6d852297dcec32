import type { VaultState } from '../../lib/messaging';
import { t } from '../../lib/ui/i18n';
import { useUnlock } from '../hooks/use-unlock';
import { useOptionsServices } from './services';

/** Locked vault: the same form as the popup's, with test ids of its own (both can be open at once). */
export function OptionsUnlock({ onUnlocked }: { onUnlocked: (state: VaultState) => void }) {
  const { send } = useOptionsServices();
  const { password, setPassword, error, busy, passwordRef, submit } = useUnlock(send, onUnlocked);

  return (
    <section class="options-card" aria-labelledby="options-unlock-title">
      <h2 class="subtitle" id="options-unlock-title">
        {t('unlockTitle')}
      </h2>
      <form class="form" onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <label class="field">
          <span>{t('unlockPasswordLabel')}</span>
          <input
            ref={passwordRef}
            type="password"
            data-testid="options-unlock-password"
            autocomplete="current-password"
            value={password}
            readOnly={busy}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'options-unlock-error' : undefined}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="error" role="alert" id="options-unlock-error" data-testid="options-unlock-error">
            {error}
          </p>
        )}
        <div class="actions">
          <button
            type="submit"
            class="button primary"
            data-testid="options-unlock-submit"
            disabled={busy || !password}
          >
            {busy ? t('unlockBusy') : t('unlockSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
