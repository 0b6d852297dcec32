import { useState } from 'preact/hooks';
import { errorCode, errorMessage } from '../../lib/ui/api';
import { t } from '../../lib/ui/i18n';
import { MIN_PASSWORD_LENGTH } from '../../lib/ui/password-strength';
import { PasswordStrengthMeter } from '../shared/PasswordStrengthMeter';
import { useServices } from './services';
import { useToast } from '../shared/Toast';

/** Re-wraps the vault key under a new master password (the background checks the old one). */
export function ChangePasswordForm({ onStateLost }: { onStateLost: () => void }) {
  const { send } = useServices();
  const toast = useToast();
  const [oldPassword, setOldPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if ([...newPassword].length < MIN_PASSWORD_LENGTH) {
      setError(t('createErrorTooShort', String(MIN_PASSWORD_LENGTH)));
      return;
    }
    if (newPassword !== confirm) {
      setError(t('createErrorMismatch'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await send('changePassword', { oldPassword, newPassword });
      setOldPassword('');
      setNewPassword('');
      setConfirm('');
      toast(t('passwordChanged'));
    } catch (failure) {
      const code = errorCode(failure);
      if (code === 'locked') onStateLost();
      else setError(code === 'wrong-password' ? t('changeWrongPassword') : errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form section" onSubmit={submit} aria-busy={busy}>
      <h2 class="subtitle">{t('changePasswordTitle')}</h2>
      <label class="field">
        <span>{t('changeOldLabel')}</span>
        <input
          type="password"
          data-testid="settings-old-password"
          autocomplete="current-password"
          value={oldPassword}
          onInput={(event) => setOldPassword(event.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{t('changeNewLabel')}</span>
        <input
          type="password"
          data-testid="settings-new-password"
          autocomplete="new-password"
          value={newPassword}
          onInput={(event) => setNewPassword(event.currentTarget.value)}
        />
      </label>
      <PasswordStrengthMeter password={newPassword} testId="settings-new-strength" />
      <label class="field">
        <span>{t('createConfirmLabel')}</span>
        <input
          type="password"
          data-testid="settings-new-confirm"
          autocomplete="new-password"
          value={confirm}
          onInput={(event) => setConfirm(event.currentTarget.value)}
        />
      </label>
      <p class="hint">{t('createWarningBody')}</p>
      {error && (
        <p class="error" role="alert" data-testid="password-error">
          {error}
        </p>
      )}
      <button
        type="submit"
        class="button wide"
        data-testid="settings-change-password"
        disabled={busy || !oldPassword || !newPassword}
      >
        {busy ? t('changeBusy') : t('changeSubmit')}
      </button>
    </form>
  );
}
