import { t } from '../../lib/ui/i18n';
import { useAutofocus } from '../hooks/use-autofocus';

/** The background did not answer or failed: say so and offer a retry. */
export function ErrorScreen({ message, onRetry }: { message: string; onRetry: () => void }) {
  const retryRef = useAutofocus<HTMLButtonElement>();
  return (
    <section class="screen screen-center" role="alert">
      <h1 class="title">{t('errorTitle')}</h1>
      <p class="muted" data-testid="error-message">
        {message}
      </p>
      <button ref={retryRef} type="button" class="button primary" data-testid="retry" onClick={onRetry}>
        {t('retry')}
      </button>
    </section>
  );
}
