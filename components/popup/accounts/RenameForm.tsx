import { useState } from 'preact/hooks';
import type { AccountPatch } from '../../../lib/messaging';
import { t } from '../../../lib/ui/i18n';
import { cleanLabel, MAX_LABEL_LENGTH } from '../../../lib/otp/label';
import { useAutofocus } from '../../hooks/use-autofocus';

interface RenameFormProps {
  issuer: string;
  account: string;
  onSave: (patch: AccountPatch) => void;
  onCancel: () => void;
}

/** Inline editor for the issuer and account name of one row. */
export function RenameForm({ issuer, account, onSave, onCancel }: RenameFormProps) {
  const [issuerText, setIssuerText] = useState(issuer);
  const [accountText, setAccountText] = useState(account);
  const issuerRef = useAutofocus<HTMLInputElement>();

  return (
    <form
      class="inline-editor form"
      onSubmit={(event) => {
        event.preventDefault();
        onSave({ issuer: cleanLabel(issuerText), account: cleanLabel(accountText) });
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <label class="field">
        <span>{t('fieldIssuer')}</span>
        <input
          ref={issuerRef}
          data-testid="rename-issuer"
          dir="auto"
          maxLength={MAX_LABEL_LENGTH}
          value={issuerText}
          onInput={(event) => setIssuerText(event.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{t('fieldAccount')}</span>
        <input
          data-testid="rename-account"
          dir="auto"
          maxLength={MAX_LABEL_LENGTH}
          value={accountText}
          onInput={(event) => setAccountText(event.currentTarget.value)}
        />
      </label>
      <div class="actions">
        <button type="button" class="button" data-testid="rename-cancel" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" class="button primary" data-testid="rename-save">
          {t('save')}
        </button>
      </div>
    </form>
  );
}
