import type { BrokenRecord } from '../lib/messaging';
import { t } from '../lib/ui/i18n';

/** Records that failed to decrypt: reported, never hidden, never deleted. */
export function BrokenPanel({ broken }: { broken: BrokenRecord[] }) {
  return (
    <details class="broken-panel" data-testid="broken-panel" data-count={broken.length}>
      <summary>
        {broken.length === 1 ? t('brokenSummaryOne') : t('brokenSummary', String(broken.length))}
      </summary>
      <p class="hint">{t('brokenBody')}</p>
      <ul class="broken-list">
        {broken.map((record) => (
          <li key={record.id}>
            <code>{record.id}</code> <span dir="auto">{record.reason}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
