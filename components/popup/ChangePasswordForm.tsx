import { useState } from 'preact/hooks';
import { t } from '../../lib/ui/i18n';
import { newPasswordProblem } from '../../lib/ui/password-strength';
import { useAction } from '../hooks/use-action';
import { CHOSEN_PASSWORD, ErrorText, PasswordField, SubmitButton } from '../shared/form';
import { PasswordStrengthMeter } from '../shared/PasswordStrengthMeter';
import { useToast } from '../shared/Toast';
import { useServices } from './services';

const OLD_PASSWORD = { label: () => t('changeOldLabel'), testId: 'settings-old-password' };
const NEW_PASSWORD = {
  ...CHOSEN_PASSWORD,
  label: () => t('changeNewLabel'),
  testId: 'settings-new-password',
};
const NEW_CONFIRM = {
  ...CHOSEN_PASSWORD,
  label: () => t('createConfirmLabel'),
  testId: 'settings-new-confirm',
};

/** Re-wraps the vault key under a new master password (the background checks the old one). */
export function ChangePasswordForm() {
  const { send } = useServices();
  const toast = useToast();
  const [oldPassword, setOldPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, refuse, run } = useAction({ 'wrong-password': () => t('changeWrongPassword') });

  function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const problem = newPasswordProblem(newPassword, confirm);
    if (problem) return refuse(problem);
    void run('busy', async () => {
      await send('changePassword', { oldPassword, newPassword });
      [setOldPassword, setNewPassword, setConfirm].forEach((clear) => clear(''));
      toast(t('passwordChanged'));
    });
  }

  return (
    <form class="form section" onSubmit={submit} aria-busy={busy}>
      <h2 class="subtitle">{t('changePasswordTitle')}</h2>
      <PasswordField {...OLD_PASSWORD} value={oldPassword} onValue={setOldPassword} />
      <PasswordField {...NEW_PASSWORD} value={newPassword} onValue={setNewPassword} />
      <PasswordStrengthMeter password={newPassword} testId="settings-new-strength" />
      <PasswordField {...NEW_CONFIRM} value={confirm} onValue={setConfirm} />
      <p class="hint">{t('createWarningBody')}</p>
      <ErrorText error={error} testId="password-error" />
      <SubmitButton
        look="wide"
        testId="settings-change-password"
        disabled={busy || !oldPassword || !newPassword}
      >
        {busy ? t('changeBusy') : t('changeSubmit')}
      </SubmitButton>
    </form>
  );
}
