import { t } from '../../../lib/ui/i18n';
import { useAutofocus } from '../../hooks/use-autofocus';

/** The confirmation step of a delete: names the account; Cancel has the focus so Enter does not delete. */
export function DeleteConfirm({
  name,
  onConfirm,
  onCancel,
}: {
  name: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancelRef = useAutofocus<HTMLButtonElement>();
  return (
    <div
      class="inline-editor confirm"
      role="alertdialog"
      aria-labelledby="delete-question"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <p id="delete-question" data-testid="delete-question">
        {t('deleteQuestion')} <bdi class="strong">{name}</bdi>
      </p>
      <p class="hint">{t('deleteWarning')}</p>
      <div class="actions">
        <button ref={cancelRef} type="button" class="button" data-testid="delete-cancel" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" class="button danger" data-testid="delete-confirm" onClick={onConfirm}>
          {t('deleteConfirm')}
        </button>
      </div>
    </div>
  );
}
