import type { BrokenRecord } from '../../../lib/messaging';
import { t } from '../../../lib/ui/i18n';

/** The vault-wide integrity report (lib/vault/repository VAULT_INDEX_PROBLEM): not a record of its own. */
const VAULT_INDEX_ID = 'vault-index';

/**
 * Records that failed to decrypt, and the vault-wide warning when records were replaced, removed or added
 * outside the extension: reported, never hidden, never deleted.
 */
export function BrokenPanel({ broken }: { broken: BrokenRecord[] }) {
  const index = broken.find((record) => record.id === VAULT_INDEX_ID);
  const records = broken.filter((record) => record.id !== VAULT_INDEX_ID);
  return (
    <div data-testid="broken-panel" data-count={records.length} data-index-problem={index ? 'true' : 'false'}>
      {index && (
        <p class="warning" role="alert" data-testid="vault-index-warning" dir="auto">
          {t('vaultIndexWarning')}
        </p>
      )}
      {records.length > 0 && (
        <details class="broken-panel">
          <summary>
            {records.length === 1 ? t('brokenSummaryOne') : t('brokenSummary', String(records.length))}
          </summary>
          <p class="hint">{t('brokenBody')}</p>
          <ul class="broken-list">
            {records.map((record) => (
              <li key={record.id}>
                <code>{record.id}</code> <span dir="auto">{record.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
