import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../../lib/messaging';
import { AUTO_LOCK_MINUTES } from '../../lib/settings';
import { toFailure } from '../../lib/ui/error-messages';
import { t } from '../../lib/ui/i18n';
import { useAction } from '../hooks/use-action';
import { Button, CheckField, ErrorText, SubmitButton } from '../shared/form';
import { useOpenOptions } from './use-open-options';
import { ChangePasswordForm } from './ChangePasswordForm';
import { useServices } from './services';
import { useToast } from '../shared/Toast';

// why: the limits come from the settings table, so the form and the background cannot disagree.
export const MIN_AUTO_LOCK_MINUTES = AUTO_LOCK_MINUTES.min;
export const MAX_AUTO_LOCK_MINUTES = AUTO_LOCK_MINUTES.max;

/** Auto-lock minutes as typed → a whole number in range, or null. */
export function parseAutoLockMinutes(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const minutes = Number(trimmed);
  return minutes >= MIN_AUTO_LOCK_MINUTES && minutes <= MAX_AUTO_LOCK_MINUTES ? minutes : null;
}

/** Settings: the way to backup/restore/import, auto-lock delay, clipboard clearing, the master password change. */
export function SettingsPanel() {
  const { send } = useServices();
  const openOptions = useOpenOptions();
  const toast = useToast();
  const [loaded, setLoaded] = useState<Settings | null>(null);
  const [minutes, setMinutes] = useState('15');
  const [clearClipboard, setClearClipboard] = useState(true);
  const [clockCheck, setClockCheck] = useState(true);
  const { busy, error, setError, refuse, run } = useAction();

  useEffect(() => {
    send('getSettings', {}).then(
      (settings) => {
        setLoaded(settings);
        setMinutes(String(settings.autoLockMinutes));
        setClearClipboard(settings.clearClipboard);
        setClockCheck(settings.clockCheck ?? true);
      },
      (failure: unknown) => setError(toFailure(failure)),
    );
  }, [send, setError]);

  function save(event: Event) {
    event.preventDefault();
    const autoLockMinutes = parseAutoLockMinutes(minutes);
    if (autoLockMinutes === null) {
      refuse(t('settingsAutoLockInvalid', [String(MIN_AUTO_LOCK_MINUTES), String(MAX_AUTO_LOCK_MINUTES)]));
      return;
    }
    void run('busy', async () => {
      setLoaded(await send('setSettings', { autoLockMinutes, clearClipboard, clockCheck }));
      toast(t('settingsSaved'));
    });
  }

  return (
    <section class="screen settings-screen">
      <div class="settings-options">
        <Button look="wide" testId="options-open" onClick={openOptions}>
          {t('optionsOpen')}
        </Button>
        <p class="hint">{t('optionsOpenHint')}</p>
      </div>
      <form class="form" onSubmit={save} aria-busy={!loaded || busy} noValidate>
        <label class="field">
          <span>{t('settingsAutoLock')}</span>
          <input
            type="number"
            inputMode="numeric"
            data-testid="settings-autolock"
            min={MIN_AUTO_LOCK_MINUTES}
            max={MAX_AUTO_LOCK_MINUTES}
            step={1}
            value={minutes}
            onInput={(event) => setMinutes(event.currentTarget.value)}
          />
        </label>
        <CheckField
          testId="settings-clear-clipboard"
          checked={clearClipboard}
          onChecked={setClearClipboard}
          label={t('settingsClearClipboard')}
          hint={t('settingsClearClipboardHint')}
        />
        <CheckField
          testId="settings-clock-check"
          checked={clockCheck}
          onChecked={setClockCheck}
          label={t('settingsClockCheck')}
          hint={t('settingsClockCheckHint')}
        />
        <ErrorText error={error} testId="settings-error" />
        <SubmitButton look="primary wide" testId="settings-save" disabled={!loaded || busy}>
          {t('save')}
        </SubmitButton>
      </form>
      <ChangePasswordForm />
    </section>
  );
}
