import { useRef, useState } from 'preact/hooks';
import type { VaultState } from '../lib/messaging';
import { errorCode, errorMessage } from '../lib/ui/api';
import { t } from '../lib/ui/i18n';
import { useServices } from './services';
import { useAutofocus } from './use-autofocus';

/** Locked vault: one password field, Enter submits; the KDF takes a moment, so show that we are busy. */
export function UnlockForm({ onUnlocked }: { onUnlocked: (state: VaultState) => void }) {
  const { send } = useServices();
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
      onUnlocked(state);
    } catch (failure) {
      setError(errorCode(failure) === 'wrong-password' ? t('unlockWrongPassword') : errorMessage(failure));
      setBusy(false);
      // why: the input is disabled while busy; focus once it is enabled again so the user can retype at once.
      setTimeout(() => passwordRef.current?.select(), 0);
    } finally {
      submitting.current = false;
    }
  }

  return (
    <section class="screen screen-center">
      <h1 class="title">{t('unlockTitle')}</h1>
      <form class="form wide" onSubmit={submit} aria-busy={busy}>
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
