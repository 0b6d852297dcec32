import { useRef, useState } from 'preact/hooks';
import { MAX_LABEL_LENGTH } from '../../../lib/otp/label';
import type { OtpAccountData, OtpAlgorithm, OtpKind } from '../../../lib/otp/types';
import { t } from '../../../lib/ui/i18n';
import { accountFromFields, DEFAULT_MANUAL_FIELDS, type ManualFields } from '../../../lib/ui/manual-add';
import { useAutofocus } from '../../hooks/use-autofocus';

/** Tab "enter the details": issuer, account, secret, and the less common settings below them. */
export function AddFromFields({
  onParsed,
  initialIssuer = '',
}: {
  onParsed: (data: OtpAccountData) => void;
  /** Prefilled from the page's site when coming from "Can't scan? Enter the key". */
  initialIssuer?: string;
}) {
  const [fields, setFields] = useState<ManualFields>({ ...DEFAULT_MANUAL_FIELDS, issuer: initialIssuer });
  const [error, setError] = useState('');
  const issuerRef = useAutofocus<HTMLInputElement>();
  const formRef = useRef<HTMLFormElement>(null);

  function set<K extends keyof ManualFields>(key: K, value: ManualFields[K]) {
    setFields((current) => ({ ...current, [key]: value }));
  }

  function submit(event: Event) {
    event.preventDefault();
    const result = accountFromFields(fields);
    if (result.ok) {
      setError('');
      onParsed(result.data);
      return;
    }
    setError(result.message ?? t(result.key));
    formRef.current?.querySelector<HTMLElement>(`[name="${result.field}"]`)?.focus();
  }

  const isSteam = fields.kind === 'steam';
  return (
    <form ref={formRef} class="form" onSubmit={submit} noValidate>
      <label class="field">
        <span>{t('fieldIssuer')}</span>
        <input
          ref={issuerRef}
          name="issuer"
          data-testid="add-issuer"
          dir="auto"
          maxLength={MAX_LABEL_LENGTH}
          placeholder="Aliyun"
          value={fields.issuer}
          onInput={(event) => set('issuer', event.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{t('fieldAccount')}</span>
        <input
          name="account"
          data-testid="add-account"
          dir="auto"
          maxLength={MAX_LABEL_LENGTH}
          placeholder="alice@example.com"
          value={fields.account}
          onInput={(event) => set('account', event.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{t('fieldSecret')}</span>
        <input
          name="secret"
          data-testid="add-secret"
          autocomplete="off"
          spellcheck={false}
          autocapitalize="characters"
          class="mono"
          placeholder="JBSW Y3DP EHPK 3PXP"
          value={fields.secret}
          onInput={(event) => set('secret', event.currentTarget.value)}
        />
      </label>
      <fieldset class="advanced">
        <legend>{t('advanced')}</legend>
        <div class="grid">
          <label class="field">
            <span>{t('fieldType')}</span>
            <select
              name="kind"
              data-testid="add-type"
              value={fields.kind}
              onChange={(event) => set('kind', event.currentTarget.value as OtpKind)}
            >
              <option value="totp">{t('typeTotp')}</option>
              <option value="hotp">{t('typeHotp')}</option>
              <option value="steam">{t('typeSteam')}</option>
            </select>
          </label>
          {!isSteam && (
            <label class="field">
              <span>{t('fieldAlgorithm')}</span>
              <select
                name="algorithm"
                data-testid="add-algorithm"
                value={fields.algorithm}
                onChange={(event) => set('algorithm', event.currentTarget.value as OtpAlgorithm)}
              >
                <option value="SHA1">SHA-1</option>
                <option value="SHA256">SHA-256</option>
                <option value="SHA512">SHA-512</option>
              </select>
            </label>
          )}
          {!isSteam && (
            <label class="field">
              <span>{t('fieldDigits')}</span>
              <select
                name="digits"
                data-testid="add-digits"
                value={fields.digits}
                onChange={(event) => set('digits', event.currentTarget.value)}
              >
                <option value="6">6</option>
                <option value="7">7</option>
                <option value="8">8</option>
              </select>
            </label>
          )}
          {fields.kind === 'totp' && (
            <label class="field">
              <span>{t('fieldPeriod')}</span>
              <input
                name="period"
                data-testid="add-period"
                type="number"
                inputMode="numeric"
                min={1}
                max={3600}
                value={fields.period}
                onInput={(event) => set('period', event.currentTarget.value)}
              />
            </label>
          )}
          {fields.kind === 'hotp' && (
            <label class="field">
              <span>{t('fieldCounter')}</span>
              <input
                name="counter"
                data-testid="add-counter"
                type="number"
                inputMode="numeric"
                min={0}
                value={fields.counter}
                onInput={(event) => set('counter', event.currentTarget.value)}
              />
            </label>
          )}
        </div>
      </fieldset>
      {error && (
        <p class="error" role="alert" data-testid="add-error">
          {error}
        </p>
      )}
      <button type="submit" class="button primary wide" data-testid="add-fields-submit">
        {t('addReview')}
      </button>
    </form>
  );
}
