import { t } from '../../lib/ui/i18n';

/** The vault was written by a newer build: this one refuses to touch it (nothing is lost). */
export function NewerSchemaScreen() {
  return (
    <section class="screen screen-center" role="alert">
      <h1 class="title">{t('newerSchemaTitle')}</h1>
      <p>{t('newerSchemaBody')}</p>
      <p class="muted">{t('newerSchemaSafe')}</p>
    </section>
  );
}
