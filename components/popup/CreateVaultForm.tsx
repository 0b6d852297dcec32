import { useState } from 'preact/hooks';
import type { VaultState } from '../../lib/messaging';
import { t } from '../../lib/ui/i18n';
import { MIN_PASSWORD_LENGTH, newPasswordProblem } from '../../lib/ui/password-strength';
import { useAction } from '../hooks/use-action';
import { useAutofocus } from '../hooks/use-autofocus';
import { CHOSEN_PASSWORD, ErrorText, PasswordField } from '../shared/form';
import { PasswordStrengthMeter } from '../shared/PasswordStrengthMeter';
import { useServices } from './services';

const PASSWORD = { ...CHOSEN_PASSWORD, label: () => t('createPasswordLabel'), testId: 'create-password' };
const CONFIRM = { ...CHOSEN_PASSWORD, label: () => t('createConfirmLabel'), testId: 'create-confirm' };

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
  const { busy, error, refuse, run } = useAction();
  const passwordRef = useAutofocus<HTMLInputElement>();

  function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const problem = newPasswordProblem(password, confirm);
    if (problem) {
      refuse(problem);
      if ([...password].length < MIN_PASSWORD_LENGTH) passwordRef.current?.focus();
      return;
    }
    void run('busy', async () => onCreated((await send('createVault', { password })).state));
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
        <PasswordField
          {...PASSWORD}
          inputRef={passwordRef}
          minLength={MIN_PASSWORD_LENGTH}
          required
          describedBy="create-strength"
          value={password}
          onValue={setPassword}
        />
        <div id="create-strength">
          <PasswordStrengthMeter password={password} testId="create-strength" />
        </div>
        <PasswordField {...CONFIRM} required value={confirm} onValue={setConfirm} />
        <ErrorText error={error} testId="create-error" />
        <button type="submit" class="button primary wide" data-testid="create-submit" disabled={busy}>
          {busy ? t('createBusy') : t('createSubmit')}
        </button>
      </form>
    </section>
  );
}
