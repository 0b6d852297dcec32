import type { ImportPreview } from '../../lib/messaging';
import { t } from '../../lib/ui/i18n';
import { accountDisplayName } from '../../lib/account-display-name';
import { duplicateReason, formatName, kindLabel } from './import-labels';
import { ReasonRow } from './ReasonRow';
import { entryPlaceText, skipReasonText } from '../../lib/ui/import-skip-reasons';

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
              <ReasonRow
                key={index}
                testId="import-dup-row"
                dataReason={duplicate.reason}
                name={accountDisplayName(duplicate, 'colon')}
                reason={duplicateReason(duplicate)}
              />
            ))}
          </ul>
        </>
      )}
      {preview.invalid.length > 0 && (
        <>
          <h3 class="list-title">{t('importInvalidTitle', String(preview.invalid.length))}</h3>
          <ul class="plain-list">
            {preview.invalid.map((entry, index) => (
              <ReasonRow
                key={index}
                testId="import-invalid-row"
                dataReason={entry.code}
                name={entryPlaceText(entry.at)}
                reason={skipReasonText(entry)}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
