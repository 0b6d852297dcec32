import type { ComponentChildren } from 'preact';
import { t } from '../../../lib/ui/i18n';
import { Button, SubmitButton } from '../../shared/form';

/**
 * An editor opened inside a row (rename, sites): Enter saves, Esc and Cancel close it without saving.
 * `name` gives the buttons' test ids (`<name>-cancel`, `<name>-save`).
 */
export function InlineEditor({
  name,
  onSave,
  onCancel,
  children,
}: {
  name: string;
  onSave: () => void;
  onCancel: () => void;
  children: ComponentChildren;
}) {
  return (
    <form
      class="inline-editor form"
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      {children}
      <div class="actions">
        <Button testId={`${name}-cancel`} onClick={onCancel}>
          {t('cancel')}
        </Button>
        <SubmitButton look="primary" testId={`${name}-save`}>
          {t('save')}
        </SubmitButton>
      </div>
    </form>
  );
}
