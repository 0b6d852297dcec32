import { t } from '../../lib/ui/i18n';
import { SiteListSection } from './SiteListSection';

/**
 * Sites whose logon takes the password and the code in one field (VPN, RADIUS): popup Fill and the
 * shortcut append the code to the password typed there. Off everywhere by default; never a page's choice.
 */
export function AppendCodeSection() {
  return (
    <SiteListSection
      setting="appendCodeSites"
      name="appendcode"
      text={{
        title: () => t('appendCodeTitle'),
        intro: () => t('appendCodeIntro'),
        label: () => t('appendCodeLabel'),
        saved: () => t('appendCodeSaved'),
        save: () => t('appendCodeSave'),
      }}
    />
  );
}
