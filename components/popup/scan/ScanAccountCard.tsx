import type { OtpAccountData } from '../../../lib/otp/types';
import type { SiteChoice } from '../../../lib/sites/binding';
import { t } from '../../../lib/ui/i18n';
import { sitesFromText } from '../../../lib/ui/sites-text';
import { NameFields, TextAreaField } from '../../shared/form';

/** One found account as the confirm screen edits it. */
export interface ScanCardState {
  data: OtpAccountData;
  issuer: string;
  account: string;
  include: boolean;
  /** Allowed sites, one per line, as typed. */
  sitesText: string;
  sitesEdited: boolean;
  /** The page's exact host and the "all of …" site offered instead; absent when there is nothing wider. */
  siteChoice?: SiteChoice | null;
  /** The user chose "all of …" (off by default: an account is bound to the exact host it came from). */
  wholeDomain?: boolean;
  status: 'pending' | 'added' | 'duplicate' | 'error';
  error: string;
  id?: string;
}

const SITES = { label: () => t('scanSitesLabel'), testId: 'scan-sites', rows: 2, placeholder: 'aliyun.com' };

const KIND_KEYS = { totp: 'typeTotp', hotp: 'typeHotp', steam: 'typeSteam' } as const;

/** Type, digits, period or counter, algorithm: read-only, they come from the QR code. */
export function accountDetails(data: OtpAccountData): string {
  if (data.kind === 'steam') return t(KIND_KEYS.steam);
  if (data.kind === 'hotp') {
    return t('previewHotpDetails', [
      t(KIND_KEYS.hotp),
      String(data.digits),
      data.algorithm,
      String(data.counter),
    ]);
  }
  return t('previewTotpDetails', [
    t(KIND_KEYS.totp),
    String(data.digits),
    data.algorithm,
    String(data.period),
  ]);
}

/**
 * Toggling "all of …" swaps the exact host for the wider site in the sites text (or back), keeping every
 * other line the user wrote.
 */
export function wholeDomainPatch(card: ScanCardState, wholeDomain: boolean): Partial<ScanCardState> {
  const choice = card.siteChoice;
  if (!choice) return {};
  const [from, to] = wholeDomain ? [choice.exact, choice.whole] : [choice.whole, choice.exact];
  const sites = sitesFromText(card.sitesText).map((site) => (site === from ? to : site));
  if (!sites.includes(to)) sites.unshift(to);
  // why: marked edited so a later issuer change does not silently undo the choice.
  return { wholeDomain, sitesText: [...new Set(sites)].join('\n'), sitesEdited: true };
}

interface ScanAccountCardProps {
  card: ScanCardState;
  /** Several accounts were found: each gets a checkbox. */
  selectable: boolean;
  disabled: boolean;
  onChange: (patch: Partial<ScanCardState>) => void;
}

export function ScanAccountCard({ card, selectable, disabled, onChange }: ScanAccountCardProps) {
  const locked = disabled || card.status === 'added';
  return (
    <fieldset
      class={`scan-card${card.include ? '' : ' excluded'}`}
      data-testid="scan-account"
      data-issuer={card.data.issuer}
      data-account={card.data.account}
      data-status={card.status}
      disabled={locked}
    >
      {selectable && (
        <label class="check">
          <input
            type="checkbox"
            data-testid="scan-include"
            checked={card.include}
            onChange={(event) => onChange({ include: event.currentTarget.checked })}
          />
          <span>{t('scanInclude')}</span>
        </label>
      )}
      <div class="scan-names">
        <NameFields
          testIds={['scan-issuer', 'scan-account-name']}
          issuer={card.issuer}
          account={card.account}
          onChange={onChange}
        />
      </div>
      <p class="hint" data-testid="scan-details" data-kind={card.data.kind}>
        {accountDetails(card.data)}
      </p>
      <TextAreaField
        {...SITES}
        value={card.sitesText}
        onValue={(sitesText) => onChange({ sitesText, sitesEdited: true })}
      />
      {card.siteChoice && (
        <label class="check">
          <input
            type="checkbox"
            data-testid="scan-whole-domain"
            data-site={card.siteChoice.whole}
            checked={card.wholeDomain === true}
            onChange={(event) => onChange(wholeDomainPatch(card, event.currentTarget.checked))}
          />
          <span dir="auto">{t('scanWholeDomain', card.siteChoice.whole)}</span>
        </label>
      )}
      <p class="hint">{t('scanSitesHint')}</p>
      {card.status === 'added' && (
        <p class="success" data-testid="scan-account-added">
          {t('scanAccountAdded')}
        </p>
      )}
      {card.error && (
        <p class="error" role="alert" data-testid="scan-account-error" data-status={card.status}>
          {card.error}
        </p>
      )}
    </fieldset>
  );
}
