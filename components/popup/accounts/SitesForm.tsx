import { useState } from 'preact/hooks';
import { t } from '../../../lib/ui/i18n';
import { sitesFromText } from '../../../lib/ui/sites-text';
import { useAutofocus } from '../../hooks/use-autofocus';
import { TextAreaField } from '../../shared/form';
import { InlineEditor } from './InlineEditor';

const SITES = { label: () => t('sitesLabel'), testId: 'sites-input', rows: 4, placeholder: 'aliyun.com' };

/** Inline editor for the sites where an account may be filled, one per line. */
export function SitesForm({
  sites,
  onSave,
  onCancel,
}: {
  sites: string[];
  onSave: (sites: string[]) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(sites.join('\n'));
  const textRef = useAutofocus<HTMLTextAreaElement>();

  return (
    <InlineEditor name="sites" onSave={() => onSave(sitesFromText(text))} onCancel={onCancel}>
      <TextAreaField {...SITES} textareaRef={textRef} value={text} onValue={setText} />
      <p class="hint">{t('sitesHint')}</p>
    </InlineEditor>
  );
}
