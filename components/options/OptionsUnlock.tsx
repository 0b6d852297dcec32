import { useRef, useState } from 'preact/hooks';
import type { VaultState } from '../../lib/messaging';
import { errorCode, errorMessage } from '../../lib/ui/api';
import { t } from '../../lib/ui/i18n';
import { useAutofocus } from '../use-autofocus';
import { useOptionsServices } from './services';

/** Locked vault: the same form as the popup's, with test ids of its own (both can be open at once). */
export function OptionsUnlock({ onUnlocked }: { onUnlocked: (state: VaultState) => void }) {
  const { send } = useOptionsServices();
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const passwordRef = useAutofocus<HTMLInputElement>();
  const submitting = useRef(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (submitting.current || !password) return;
    submitting.current = true;
    setBusy(true);
    setError('');
    try {
      const { state } = await send('unlockVault', { password });
      setPassword('');
      onUnlocked(state);
    } catch (failure) {
      setError(errorCode(failure) === 'wrong-password' ? t('unlockWrongPassword') : errorMessage(failure));
      setBusy(false);
      // why: the input is read-only while busy; select once it is editable so the user can retype at once.
      setTimeout(() => passwordRef.current?.select(), 0);
    } finally {
      submitting.current = false;
    }
  }

  return (
    <section class="options-card" aria-labelledby="options-unlock-title">
      <h2 class="subtitle" id="options-unlock-title">
        {t('unlockTitle')}
      </h2>
      <form class="form" onSubmit={submit} aria-busy={busy}>
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
