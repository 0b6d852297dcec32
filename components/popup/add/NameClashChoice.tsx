import { accountDisplayName } from '../../../lib/account-display-name';
import type { NameClash } from '../../../lib/messaging';
import { t } from '../../../lib/ui/i18n';
import { Button } from '../../shared/form';

export type ClashDecision = 'keep-both' | 'replace';

interface NameClashChoiceProps {
  clash: NameClash;
  disabled: boolean;
  /** Each button acts at once: the user already confirmed adding; this only says how. */
  onChoose: (decision: ClashDecision) => void;
}

function sitesLine(sites: readonly string[]): string {
  return sites.length > 0 ? sites.join(', ') : t('clashNoSites');
}

/**
 * A new account has the name of a stored one but another secret. A name proves nothing (any page can
 * print "GitHub:alice" in a QR code), so nothing is refused and nothing is replaced silently: the user
 * sees where each one fills and keeps both, or replaces the old one with an explicit button.
 */
export function NameClashChoice({ clash, disabled, onChoose }: NameClashChoiceProps) {
  const name = accountDisplayName(clash.existing, 'colon');
  return (
    <div class="warning" role="alert" data-testid="name-clash" data-existing-id={clash.existing.id}>
      <p class="strong" dir="auto">
        {t('clashTitle', name)}
      </p>
      <p>
        {t('clashExistingSites')}{' '}
        <span dir="auto" data-testid="name-clash-existing-sites">
          {sitesLine(clash.existing.allowedSites)}
        </span>
      </p>
      <p>
        {t('clashNewSites')}{' '}
        <span dir="auto" data-testid="name-clash-new-sites">
          {sitesLine(clash.incomingSites)}
        </span>
      </p>
      <p class="hint">{t('clashReplaceHint')}</p>
      <div class="actions">
        <Button testId="name-clash-replace" disabled={disabled} onClick={() => onChoose('replace')}>
          {t('clashReplace')}
        </Button>
        <Button
          look="primary"
          testId="name-clash-keep-both"
          disabled={disabled}
          onClick={() => onChoose('keep-both')}
        >
          {t('clashKeepBoth')}
        </Button>
      </div>
    </div>
  );
}
