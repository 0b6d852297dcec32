import { useState } from 'preact/hooks';
import { t } from '../../../lib/ui/i18n';
import { sitesFromText } from '../../../lib/ui/sites-text';
import { useAutofocus } from '../../hooks/use-autofocus';

interface SitesFormProps {
  sites: string[];
  onSave: (sites: string[]) => void;
  onCancel: () => void;
}

/** Inline editor for the sites where an account may be filled, one per line. */
export function SitesForm({ sites, onSave, onCancel }: SitesFormProps) {
  const [text, setText] = useState(sites.join('\n'));
  const textRef = useAutofocus<HTMLTextAreaElement>();

  return (
    <form
      class="inline-editor form"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(sitesFromText(text));
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <label class="field">
        <span>{t('sitesLabel')}</span>
        <textarea
          ref={textRef}
          data-testid="sites-input"
          rows={4}
          spellcheck={false}
          autocapitalize="off"
          placeholder="aliyun.com"
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
        />
      </label>
      <p class="hint">{t('sitesHint')}</p>
      <div class="actions">
        <button type="button" class="button" data-testid="sites-cancel" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" class="button primary" data-testid="sites-save">
          {t('save')}
        </button>
      </div>
    </form>
  );
}
