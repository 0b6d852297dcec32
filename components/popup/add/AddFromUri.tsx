import { useState } from 'preact/hooks';
import type { OtpAccountData } from '../../../lib/otp/types';
import { parseOtpauthUri } from '../../../lib/otp/uri';
import { t } from '../../../lib/ui/i18n';
import { useAutofocus } from '../../hooks/use-autofocus';

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
      <label class="field">
        <span>{t('addUriLabel')}</span>
        <textarea
          ref={uriRef}
          data-testid="add-uri"
          rows={4}
          spellcheck={false}
          autocapitalize="off"
          placeholder="otpauth://totp/Issuer:name?secret=…"
          value={uri}
          aria-invalid={error ? true : undefined}
          onInput={(event) => setUri(event.currentTarget.value)}
          onKeyDown={(event) => {
            // why: a URI is one line; Enter (without Shift) submits like in any single-line field.
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
        />
      </label>
      {error && (
        <p class="error" role="alert" data-testid="add-error">
          {error}
        </p>
      )}
      <button type="submit" class="button primary wide" data-testid="add-uri-submit" disabled={!uri.trim()}>
        {t('addReview')}
      </button>
    </form>
  );
}
