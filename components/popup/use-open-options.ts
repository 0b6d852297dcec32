import { t } from '../../lib/ui/i18n';
import { useToast } from '../shared/Toast';
import { useServices } from './services';

/** Opens the options page from a click; says so when the browser refuses. */
export function useOpenOptions(): () => void {
  const { openOptionsPage } = useServices();
  const toast = useToast();
  return () => void openOptionsPage().catch(() => toast(t('optionsOpenFailed'), 'error'));
}
