import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/ui/i18n';
import { isLocked, toFailure, type Failure } from './failure';
import { useOptionsServices } from './services';

/**
 * Sites where the MFA form is submitted right after a fill. Off everywhere by default: submitting for the
 * user is a convenience they opt into per site, never something a page can turn on.
 */
export function AutoSubmitSection({ onLocked }: { onLocked: () => void }) {
  const { send } = useOptionsServices();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    send('getSettings', {}).then(
      (settings) => setText((settings.autoSubmitSites ?? []).join('\n')),
      (failure: unknown) => {
        if (isLocked(toFailure(failure))) onLocked();
      },
    );
  }, [send, onLocked]);

  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const sites = text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      const settings = await send('setSettings', { autoSubmitSites: sites });
      setText((settings.autoSubmitSites ?? []).join('\n'));
      setSaved(true);
    } catch (failure) {
      const info = toFailure(failure);
      if (isLocked(info)) onLocked();
      else setError(info);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="options-card" data-testid="autosubmit-section" aria-labelledby="autosubmit-title">
      <h2 class="subtitle" id="autosubmit-title">
        {t('autoSubmitTitle')}
      </h2>
      <p class="muted">{t('autoSubmitIntro')}</p>
      <form class="form" onSubmit={(event) => void save(event)} aria-busy={busy}>
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
        {error && (
          <p class="error" role="alert" data-testid="autosubmit-error">
            {error.message}
          </p>
        )}
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
