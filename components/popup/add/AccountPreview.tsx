import type { OtpAccountData } from '../../../lib/otp/types';
import { t } from '../../../lib/ui/i18n';

const KIND_KEYS = { totp: 'typeTotp', hotp: 'typeHotp', steam: 'typeSteam' } as const;

/** What will be saved, minus the secret: the user checks it before anything is written. */
export function AccountPreview({ data }: { data: OtpAccountData }) {
  const details =
    data.kind === 'steam'
      ? t(KIND_KEYS.steam)
      : data.kind === 'hotp'
        ? t('previewHotpDetails', [
            t(KIND_KEYS.hotp),
            String(data.digits),
            data.algorithm,
            String(data.counter),
          ])
        : t('previewTotpDetails', [
            t(KIND_KEYS.totp),
            String(data.digits),
            data.algorithm,
            String(data.period),
          ]);
  return (
    <dl class="preview" data-testid="add-preview" data-kind={data.kind}>
      <dt>{t('fieldIssuer')}</dt>
      <dd dir="auto" data-testid="preview-issuer">
        {data.issuer || '—'}
      </dd>
      <dt>{t('fieldAccount')}</dt>
      <dd dir="auto" data-testid="preview-account">
        {data.account || '—'}
      </dd>
      <dt>{t('fieldType')}</dt>
      <dd data-testid="preview-type">{details}</dd>
    </dl>
  );
}
