import type { ImportPreview } from '../../lib/messaging';
import { t } from '../../lib/ui/i18n';
import { accountDisplayName } from '../../lib/account-display-name';
import { duplicateReason, formatName, kindLabel } from './import-labels';

/** What an import would do, in three lists; nothing here is secret (the background sends no secrets). */
export function ImportPreviewList({ preview }: { preview: ImportPreview }) {
  return (
    <div class="import-preview" data-testid="import-preview-list" data-format={preview.format}>
      <p class="muted" data-testid="import-format">
        {t('importFormat', formatName(preview.format))}
      </p>
      <h3 class="list-title">{t('importAddTitle', String(preview.add.length))}</h3>
      {preview.add.length === 0 ? (
        <p class="hint" data-testid="import-nothing">
          {t('importNothingToAdd')}
        </p>
      ) : (
        <ul class="plain-list">
          {preview.add.map((account, index) => (
            <li key={index} data-testid="import-add-row">
              <span class="strong" dir="auto">
                {accountDisplayName(account, 'colon')}
              </span>{' '}
              <span class="hint">{kindLabel(account.kind)}</span>
            </li>
          ))}
        </ul>
      )}
      {preview.duplicates.length > 0 && (
        <>
          <h3 class="list-title">{t('importDupTitle', String(preview.duplicates.length))}</h3>
          <ul class="plain-list">
            {preview.duplicates.map((duplicate, index) => (
              <li key={index} data-testid="import-dup-row" data-reason={duplicate.reason}>
                <span dir="auto">{accountDisplayName(duplicate, 'colon')}</span>{' '}
                <span class="hint" dir="auto">
                  — {duplicateReason(duplicate)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.invalid.length > 0 && (
        <>
          <h3 class="list-title">{t('importInvalidTitle', String(preview.invalid.length))}</h3>
          <ul class="plain-list">
            {preview.invalid.map((entry, index) => (
              <li key={index} data-testid="import-invalid-row">
                <span dir="auto">{entry.where}</span>{' '}
                <span class="hint" dir="auto">
                  — {entry.reason}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
