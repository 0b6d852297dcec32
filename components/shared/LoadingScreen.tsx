import { t } from '../../lib/ui/i18n';

/** Shown while the background answers, so the popup is never blank. */
export function LoadingScreen() {
  return (
    <section class="screen screen-center" aria-busy="true">
      <div class="spinner" aria-hidden="true" />
      <p class="muted">{t('loading')}</p>
    </section>
  );
}
