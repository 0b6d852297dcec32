import { useState } from 'preact/hooks';
import type { OtpAccountData } from '../../../lib/otp/types';
import { parseOtpauthUri } from '../../../lib/otp/uri';
import { t } from '../../../lib/ui/i18n';
import { useAutofocus } from '../../hooks/use-autofocus';
import { ErrorText, TextAreaField } from '../../shared/form';

const URI = {
  label: () => t('addUriLabel'),
  testId: 'add-uri',
  rows: 4,
  placeholder: 'otpauth://totp/Issuer:name?secret=…',
};

/** Tab "paste an otpauth:// URI": the parser's own error message is shown as it is. */
export function AddFromUri({ onParsed }: { onParsed: (data: OtpAccountData) => void }) {
  const [uri, setUri] = useState('');
  const [error, setError] = useState('');
  const uriRef = useAutofocus<HTMLTextAreaElement>();

  return (
    <form
      class="form"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseOtpauthUri(uri.trim());
        if (parsed.ok) {
          setError('');
          onParsed(parsed.account);
        } else {
          setError(parsed.error.message);
          uriRef.current?.focus();
        }
      }}
    >
      <TextAreaField
        {...URI}
        textareaRef={uriRef}
        invalid={Boolean(error)}
        value={uri}
        onValue={setUri}
        onKeyDown={(event) => {
          // why: a URI is one line; Enter (without Shift) submits like in any single-line field.
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            (event.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
          }
        }}
      />
      <ErrorText error={error} testId="add-error" />
      <button type="submit" class="button primary wide" data-testid="add-uri-submit" disabled={!uri.trim()}>
        {t('addReview')}
      </button>
    </form>
  );
}
