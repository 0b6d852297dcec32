import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/ui/i18n';
import { sitesFromText } from '../../lib/ui/sites-text';
import { useAction } from '../hooks/use-action';
import { ErrorText, SubmitButton, TextAreaField } from '../shared/form';
import { OptionsCard } from './OptionsCard';
import { useOptionsServices } from './services';

const SITES = { label: () => t('autoSubmitLabel'), testId: 'autosubmit-sites', rows: 4 };

/**
 * Sites where the MFA form is submitted right after a fill. Off everywhere by default: submitting for the
 * user is a convenience they opt into per site, never something a page can turn on.
 */
export function AutoSubmitSection() {
  const { send } = useOptionsServices();
  const [text, setText] = useState('');
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    send('getSettings', {}).then(
      (settings) => setText((settings.autoSubmitSites ?? []).join('\n')),
      () => {
        // why: the list stays empty; saving still reports what the background thinks of it.
      },
    );
  }, [send]);

  function save(event: Event) {
    event.preventDefault();
    setSaved(false);
    void run('busy', async () => {
      const settings = await send('setSettings', { autoSubmitSites: sitesFromText(text) });
      setText((settings.autoSubmitSites ?? []).join('\n'));
      setSaved(true);
    });
  }

  return (
    <OptionsCard name="autosubmit" title={t('autoSubmitTitle')} intro={t('autoSubmitIntro')}>
      <form class="form" onSubmit={save} aria-busy={busy}>
        <TextAreaField {...SITES} readOnly={busy} value={text} onValue={setText} />
        <ErrorText error={error} testId="autosubmit-error" />
        {saved && (
          <p class="hint" role="status" data-testid="autosubmit-saved">
            {t('autoSubmitSaved')}
          </p>
        )}
        <SubmitButton look="primary" testId="autosubmit-save" disabled={busy}>
          {t('autoSubmitSave')}
        </SubmitButton>
      </form>
    </OptionsCard>
  );
}
