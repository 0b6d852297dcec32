import { t } from '../../lib/ui/i18n';
import { SiteListSection } from './SiteListSection';

/**
 * Sites where the MFA form is submitted right after a fill. Off everywhere by default: submitting for the
 * user is a convenience they opt into per site, never something a page can turn on.
 */
export function AutoSubmitSection() {
  return (
    <SiteListSection
      setting="autoSubmitSites"
      name="autosubmit"
      text={{
        title: () => t('autoSubmitTitle'),
        intro: () => t('autoSubmitIntro'),
        label: () => t('autoSubmitLabel'),
        saved: () => t('autoSubmitSaved'),
        save: () => t('autoSubmitSave'),
      }}
    />
  );
}
