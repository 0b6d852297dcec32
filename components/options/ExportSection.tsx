import { useCallback, useState } from 'preact/hooks';
import type { PlainExport } from '../../lib/messaging';
import { t } from '../../lib/ui/i18n';
import { accountDisplayName } from '../../lib/account-display-name';
import { useAction } from '../hooks/use-action';
import { Button, SubmitButton, TextAreaField } from '../shared/form';
import { MasterPasswordStep } from './MasterPasswordStep';
import { OptionsCard } from './OptionsCard';
import { ReasonRow } from './ReasonRow';
import { useOptionsServices } from './services';
import { useSecretLifetime } from './use-secret-lifetime';

/** Plain secrets stay on screen this long at most (long enough to scan several QR codes in turn). */
export const PLAIN_EXPORT_LIFETIME_MS = 5 * 60_000;

export const OTPAUTH_EXPORT_FILE_NAME = 'otpauth-accounts.txt';

const EXPORT_IDS = { password: 'export-plain-password', error: 'export-error' };
const PLAIN_TEXT = {
  label: (count?: string) => t('exportPlainLabel', count),
  testId: 'export-plain-text',
  rows: 8,
};

/** The exports beside the otpauth list (the form's submit button), in the order they are offered. */
const OTHER_EXPORTS = [
  { kind: 'migration', testId: 'export-migration', label: 'exportMigration' },
  { kind: 'aegis', testId: 'export-aegis', label: 'exportAegis' },
  { kind: '2fas', testId: 'export-2fas', label: 'exportTwofas' },
] as const satisfies readonly { kind: PlainExport['kind']; testId: string; label: string }[];

type Shown =
  | { kind: 'otpauth'; text: string; count: number }
  | { kind: 'file'; count: number; fileName: string }
  | { kind: 'migration'; images: string[]; skipped: Extract<PlainExport, { kind: 'migration' }>['skipped'] };

/**
 * Exports for another app, in the clear: an otpauth:// list, Google Authenticator transfer QR codes, or a
 * file Aegis or 2FAS imports (saved at once; only the count and file name stay on screen).
 * Behind a standing warning and the master password typed again; hidden after a while or when the tab is left.
 */
export function ExportSection() {
  const { send, download, qrImage } = useOptionsServices();
  const [password, setPassword] = useState('');
  const action = useAction<PlainExport['kind']>();
  const { busy, running, run } = action;
  const [shown, setShown] = useState<Shown | null>(null);

  const hide = useCallback(() => setShown(null), []);
  useSecretLifetime(shown !== null, hide, PLAIN_EXPORT_LIFETIME_MS);
  const hideButton = (
    <Button testId="export-hide" onClick={hide}>
      {t('exportHide')}
    </Button>
  );

  function start(kind: PlainExport['kind']) {
    if (busy || !password) return;
    setShown(null);
    void run(kind, async () => {
      const result = await send('exportPlain', { password, kind });
      if (result.kind === 'otpauth') {
        setShown({ kind: 'otpauth', text: result.text, count: result.count });
      } else if (result.kind === 'migration') {
        const images = await Promise.all(result.uris.map((uri) => qrImage(uri)));
        setShown({ kind: 'migration', images, skipped: result.skipped });
      } else {
        download(result.fileName, result.text, 'application/json');
        setShown({ kind: 'file', count: result.count, fileName: result.fileName });
      }
      setPassword('');
    });
  }

  return (
    <OptionsCard name="export" title={t('exportTitle')}>
      <p class="warning" data-testid="export-warning" id="export-warning">
        {t('exportWarning')}
      </p>
      <form
        class="form"
        aria-busy={busy}
        onSubmit={(event) => {
          event.preventDefault();
          start('otpauth');
        }}
      >
        <MasterPasswordStep
          ids={EXPORT_IDS}
          action={action}
          password={[password, setPassword]}
          describedBy="export-warning"
        >
          <div class="actions wrap">
            <SubmitButton testId="export-plain-otpauth" disabled={busy || !password}>
              {running === 'otpauth' ? t('exportBusy') : t('exportOtpauth')}
            </SubmitButton>
            {OTHER_EXPORTS.map(({ kind, testId, label }) => (
              <Button key={kind} testId={testId} disabled={busy || !password} onClick={() => start(kind)}>
                {running === kind ? t('exportBusy') : t(label)}
              </Button>
            ))}
          </div>
        </MasterPasswordStep>
      </form>
      {shown?.kind === 'otpauth' && (
        <div class="stack">
          <TextAreaField
            {...PLAIN_TEXT}
            labelArg={String(shown.count)}
            readOnly
            value={shown.text}
            onValue={() => {}}
          />
          <div class="actions">
            {hideButton}
            <Button
              look="primary"
              testId="export-plain-download"
              onClick={() => download(OTPAUTH_EXPORT_FILE_NAME, shown.text, 'text/plain')}
            >
              {t('exportPlainDownload')}
            </Button>
          </div>
        </div>
      )}
      {shown?.kind === 'file' && (
        <div class="stack">
          <p class="hint" data-testid="export-file-saved">
            {t('exportFileSaved', [String(shown.count), shown.fileName])}
          </p>
          <div class="actions">{hideButton}</div>
        </div>
      )}
      {shown?.kind === 'migration' && (
        <div class="stack">
          {shown.images.length === 0 ? (
            <p class="hint" data-testid="export-migration-none">
              {t('exportMigrationNone')}
            </p>
          ) : (
            <>
              <p class="hint">{t('exportMigrationHint')}</p>
              <ol class="qr-list">
                {shown.images.map((src, index) => (
                  <li key={index}>
                    <figure class="qr-figure">
                      <img
                        class="qr-image"
                        data-testid="export-migration-qr"
                        src={src}
                        alt={t('exportMigrationAlt', [String(index + 1), String(shown.images.length)])}
                      />
                      <figcaption data-testid="export-migration-caption">
                        {t('exportMigrationCaption', [String(index + 1), String(shown.images.length)])}
                      </figcaption>
                    </figure>
                  </li>
                ))}
              </ol>
            </>
          )}
          {shown.skipped.length > 0 && (
            <>
              <h3 class="list-title">{t('exportSkippedTitle', String(shown.skipped.length))}</h3>
              <ul class="plain-list">
                {shown.skipped.map((skipped, index) => (
                  <ReasonRow
                    key={index}
                    testId="export-skipped-row"
                    name={accountDisplayName(skipped, 'colon')}
                    reason={skipped.reason}
                  />
                ))}
              </ul>
            </>
          )}
          <div class="actions">{hideButton}</div>
        </div>
      )}
    </OptionsCard>
  );
}
