import { useRef, useState } from 'preact/hooks';
import type { OtpAccountData, OtpAlgorithm, OtpKind } from '../../../lib/otp/types';
import { t } from '../../../lib/ui/i18n';
import { accountFromFields, DEFAULT_MANUAL_FIELDS, type ManualFields } from '../../../lib/ui/manual-add';
import { useAutofocus } from '../../hooks/use-autofocus';
import { ErrorText, Field, NameFields } from '../../shared/form';

/** The less common settings with fixed choices; a Steam code has only its type. */
const SELECTS = [
  {
    name: 'kind',
    label: () => t('fieldType'),
    testId: 'add-type',
    options: { totp: () => t('typeTotp'), hotp: () => t('typeHotp'), steam: () => t('typeSteam') },
  },
  {
    name: 'algorithm',
    label: () => t('fieldAlgorithm'),
    testId: 'add-algorithm',
    options: { SHA1: () => 'SHA-1', SHA256: () => 'SHA-256', SHA512: () => 'SHA-512' },
  },
  {
    name: 'digits',
    label: () => t('fieldDigits'),
    testId: 'add-digits',
    options: { 6: () => '6', 7: () => '7', 8: () => '8' },
  },
] as const;

/** The number each kind needs: a time step for TOTP, the counter for HOTP. */
const NUMBERS = [
  { name: 'period', label: () => t('fieldPeriod'), testId: 'add-period', kind: 'totp', min: 1, max: 3600 },
  {
    name: 'counter',
    label: () => t('fieldCounter'),
    testId: 'add-counter',
    kind: 'hotp',
    min: 0,
    max: undefined,
  },
] as const;

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
      <NameFields
        testIds={['add-issuer', 'add-account']}
        issuer={fields.issuer}
        account={fields.account}
        issuerRef={issuerRef}
        placeholders={['Aliyun', 'alice@example.com']}
        onChange={(patch) => setFields((current) => ({ ...current, ...patch }))}
      />
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
          {SELECTS.filter((each) => !isSteam || each.name === 'kind').map((each) => (
            <Field key={each.name} label={each.label()}>
              <select
                name={each.name}
                data-testid={each.testId}
                value={fields[each.name]}
                onChange={(event) => set(each.name, event.currentTarget.value as OtpKind & OtpAlgorithm)}
              >
                {Object.entries(each.options).map(([value, text]) => (
                  <option key={value} value={value}>
                    {text()}
                  </option>
                ))}
              </select>
            </Field>
          ))}
          {NUMBERS.filter((each) => each.kind === fields.kind).map((each) => (
            <Field key={each.name} label={each.label()}>
              <input
                name={each.name}
                data-testid={each.testId}
                type="number"
                inputMode="numeric"
                min={each.min}
                max={each.max}
                value={fields[each.name]}
                onInput={(event) => set(each.name, event.currentTarget.value)}
              />
            </Field>
          ))}
        </div>
      </fieldset>
      <ErrorText error={error} testId="add-error" />
      <button type="submit" class="button primary wide" data-testid="add-fields-submit">
        {t('addReview')}
      </button>
    </form>
  );
}
