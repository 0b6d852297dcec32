import { useState } from 'preact/hooks';
import type { VaultState } from '../../lib/messaging';
import { errorMessage } from '../../lib/ui/api';
import { t } from '../../lib/ui/i18n';
import { MIN_PASSWORD_LENGTH } from '../../lib/ui/password-strength';
import { PasswordStrengthMeter } from '../shared/PasswordStrengthMeter';
import { useServices } from './services';
import { useAutofocus } from '../hooks/use-autofocus';

/** The three steps of first use, shown above the password form (the form itself is step 1). */
function Onboarding() {
  return (
    <section class="onboarding-box" aria-labelledby="onboarding-title" data-testid="onboarding">
      <h1 class="title" id="onboarding-title">
        {t('onboardingTitle')}
      </h1>
      <ol class="onboarding">
        <li>{t('onboardingStepPassword')}</li>
        <li>{t('onboardingStepScan', t('scanOpen'))}</li>
        <li>{t('onboardingStepFill')}</li>
      </ol>
    </section>
  );
}

/** First run: what the extension is for in three steps, then the master password (twice), warned that it cannot be recovered. */
export function CreateVaultForm({ onCreated }: { onCreated: (state: VaultState) => void }) {
  const { send } = useServices();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const passwordRef = useAutofocus<HTMLInputElement>();

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if ([...password].length < MIN_PASSWORD_LENGTH) {
      setError(t('createErrorTooShort', String(MIN_PASSWORD_LENGTH)));
      passwordRef.current?.focus();
      return;
    }
    if (password !== confirm) {
      setError(t('createErrorMismatch'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const { state } = await send('createVault', { password });
      onCreated(state);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <section class="screen">
      <Onboarding />
      <h2 class="subtitle">{t('createTitle')}</h2>
      <p class="muted">{t('createIntro')}</p>
      <p class="warning" role="note">
        <strong>{t('createWarningTitle')}</strong> {t('createWarningBody')}
      </p>
      <form class="form" onSubmit={submit} aria-busy={busy} noValidate>
        <label class="field">
          <span>{t('createPasswordLabel')}</span>
          <input
            ref={passwordRef}
            type="password"
            data-testid="create-password"
            autocomplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            required
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
            aria-describedby="create-strength"
          />
        </label>
        <div id="create-strength">
          <PasswordStrengthMeter password={password} testId="create-strength" />
        </div>
        <label class="field">
          <span>{t('createConfirmLabel')}</span>
          <input
            type="password"
            data-testid="create-confirm"
            autocomplete="new-password"
            required
            value={confirm}
            onInput={(event) => setConfirm(event.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="error" role="alert" data-testid="create-error">
            {error}
          </p>
        )}
        <button type="submit" class="button primary wide" data-testid="create-submit" disabled={busy}>
          {busy ? t('createBusy') : t('createSubmit')}
        </button>
      </form>
    </section>
  );
}
