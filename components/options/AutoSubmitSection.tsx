import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/ui/i18n';
import { sitesFromText } from '../../lib/ui/sites-text';
import { useAction } from '../hooks/use-action';
import { ErrorText } from '../shared/form';
import { useOptionsServices } from './services';

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
    <section class="options-card" data-testid="autosubmit-section" aria-labelledby="autosubmit-title">
      <h2 class="subtitle" id="autosubmit-title">
        {t('autoSubmitTitle')}
      </h2>
      <p class="muted">{t('autoSubmitIntro')}</p>
      <form class="form" onSubmit={save} aria-busy={busy}>
        <label class="field">
          <span>{t('autoSubmitLabel')}</span>
          <textarea
            data-testid="autosubmit-sites"
            rows={4}
            spellcheck={false}
            value={text}
            readOnly={busy}
            onInput={(event) => setText(event.currentTarget.value)}
          />
        </label>
        <ErrorText error={error} testId="autosubmit-error" />
        {saved && (
          <p class="hint" role="status" data-testid="autosubmit-saved">
            {t('autoSubmitSaved')}
          </p>
        )}
        <button type="submit" class="button primary" data-testid="autosubmit-save" disabled={busy}>
          {t('autoSubmitSave')}
        </button>
      </form>
    </section>
  );
}
