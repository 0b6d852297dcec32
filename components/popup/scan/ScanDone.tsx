import { t } from '../../../lib/ui/i18n';
import { fillOutcomeText, type FillOutcome } from '../../../lib/ui/fill-outcome';
import { useAutofocus } from '../../hooks/use-autofocus';
import { Button } from '../../shared/form';

/**
 * What happened after "Add": names added (replacements included), those that replaced an older account of
 * the same name, duplicates refused, and the fill on the page (null: not tried).
 */
export interface EnrollSummary {
  added: string[];
  replaced: string[];
  duplicates: string[];
  fill: FillOutcome | null;
}

function addedLine({ added, fill }: EnrollSummary): string {
  const names = added.join(', ');
  if (!fill) return t('scanDoneAdded', names);
  if (fill.ok) return t('scanDoneFilled', names);
  if (fill.key === 'fillNoField') return t('scanDoneNoField', names);
  return t('scanDoneNotFilled', [names, fillOutcomeText(fill)]);
}

/** The outcome of a scan enrollment, and the reminder that the site shows its QR code only once. */
export function ScanDone({ summary, onFinish }: { summary: EnrollSummary; onFinish: () => void }) {
  const finishRef = useAutofocus<HTMLButtonElement>();
  const filled = summary.fill?.ok === true;
  return (
    <section
      class="screen"
      data-testid="scan-done"
      data-filled={String(filled)}
      data-added={summary.added.length}
    >
      {summary.added.length > 0 ? (
        <p class={filled ? 'success' : 'strong'} role="status" data-testid="scan-done-message">
          {addedLine(summary)}
        </p>
      ) : (
        <p class="strong" role="status" data-testid="scan-done-message">
          {t('scanNothingAdded')}
        </p>
      )}
      {summary.fill?.ok && summary.fill.key === 'fillDoneNext' && (
        <p class="hint" data-testid="scan-used-next">
          {t('fillDoneNext')}
        </p>
      )}
      {summary.replaced.length > 0 && (
        <p class="hint" dir="auto" data-testid="scan-replaced">
          {t('scanDoneReplaced', summary.replaced.join(', '))}
        </p>
      )}
      {summary.duplicates.map((message) => (
        <p key={message} class="error" data-testid="scan-duplicate">
          {message}
        </p>
      ))}
      {summary.added.length > 0 && (
        <p class="warning" data-testid="scan-backup-hint">
          {t('scanBackupHint')}
        </p>
      )}
      <div class="actions">
        <Button buttonRef={finishRef} look="primary" testId="scan-finish" onClick={onFinish}>
          {t('done')}
        </Button>
      </div>
    </section>
  );
}
