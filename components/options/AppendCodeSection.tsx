import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/ui/i18n';
import { sitesFromText } from '../../lib/ui/sites-text';
import { useAction } from '../hooks/use-action';
import { ErrorText, SubmitButton, TextAreaField } from '../shared/form';
import { OptionsCard } from './OptionsCard';
import { useOptionsServices } from './services';

const SITES = { label: () => t('appendCodeLabel'), testId: 'appendcode-sites', rows: 4 };

/**
 * Sites whose logon takes the password and the code in one field (VPN, RADIUS): popup Fill and the
 * shortcut append the code to the password typed there. Off everywhere by default; never a page's choice.
 */
export function AppendCodeSection() {
  const { send } = useOptionsServices();
  const [text, setText] = useState('');
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    send('getSettings', {}).then(
      (settings) => setText((settings.appendCodeSites ?? []).join('\n')),
      () => {
        // why: the list stays empty; saving still reports what the background thinks of it.
      },
    );
  }, [send]);

  function save(event: Event) {
    event.preventDefault();
    setSaved(false);
    void run('busy', async () => {
      const settings = await send('setSettings', { appendCodeSites: sitesFromText(text) });
      setText((settings.appendCodeSites ?? []).join('\n'));
      setSaved(true);
    });
  }

  return (
    <OptionsCard name="appendcode" title={t('appendCodeTitle')} intro={t('appendCodeIntro')}>
      <form class="form" onSubmit={save} aria-busy={busy}>
        <TextAreaField {...SITES} readOnly={busy} value={text} onValue={setText} />
        <ErrorText error={error} testId="appendcode-error" />
        {saved && (
          <p class="hint" role="status" data-testid="appendcode-saved">
            {t('appendCodeSaved')}
          </p>
        )}
        <SubmitButton look="primary" testId="appendcode-save" disabled={busy}>
          {t('appendCodeSave')}
        </SubmitButton>
      </form>
    </OptionsCard>
  );
}
