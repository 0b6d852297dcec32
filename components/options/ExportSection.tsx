import { useCallback, useState } from 'preact/hooks';
import type { PlainExport } from '../../lib/messaging';
import { t } from '../../lib/ui/i18n';
import { accountLabel } from './import-labels';
import { isLocked, toFailure, type Failure } from './failure';
import { useOptionsServices } from './services';
import { useSecretLifetime } from './use-secret-lifetime';

/** Plain secrets stay on screen this long at most (long enough to scan several QR codes in turn). */
export const PLAIN_EXPORT_LIFETIME_MS = 5 * 60_000;

export const OTPAUTH_EXPORT_FILE_NAME = 'otpauth-accounts.txt';

type Shown =
  | { kind: 'otpauth'; text: string; count: number }
  | { kind: 'migration'; images: string[]; skipped: Extract<PlainExport, { kind: 'migration' }>['skipped'] };

/**
 * Exports for another app, in the clear: an otpauth:// list or Google Authenticator transfer QR codes.
 * Behind a standing warning and the master password typed again; hidden after a while or when the tab is left.
 */
export function ExportSection({ onLocked }: { onLocked: () => void }) {
  const { send, download, qrImage } = useOptionsServices();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<PlainExport['kind'] | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);

  const hide = useCallback(() => setShown(null), []);
  useSecretLifetime(shown !== null, hide, PLAIN_EXPORT_LIFETIME_MS);

  async function run(kind: PlainExport['kind']) {
    if (busy || !password) return;
    setBusy(kind);
    setError(null);
    setShown(null);
    try {
      const result = await send('exportPlain', { password, kind });
      if (result.kind === 'otpauth') {
        setShown({ kind: 'otpauth', text: result.text, count: result.count });
      } else {
        const images = await Promise.all(result.uris.map((uri) => qrImage(uri)));
        setShown({ kind: 'migration', images, skipped: result.skipped });
      }
      setPassword('');
    } catch (failure) {
      const info = toFailure(failure);
      if (isLocked(info)) onLocked();
      setError(info);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="options-card" data-testid="export-section" aria-labelledby="export-title">
      <h2 class="subtitle" id="export-title">
        {t('exportTitle')}
      </h2>
      <p class="warning" data-testid="export-warning" id="export-warning">
        {t('exportWarning')}
      </p>
      <form
        class="form"
        aria-busy={busy !== null}
        onSubmit={(event) => {
          event.preventDefault();
          void run('otpauth');
        }}
      >
        <label class="field">
          <span>{t('masterPasswordLabel')}</span>
          <input
            type="password"
            data-testid="export-plain-password"
            autocomplete="current-password"
            aria-describedby="export-warning"
            value={password}
            readOnly={busy !== null}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="error" role="alert" data-testid="export-error" data-code={error.code}>
            {error.message}
          </p>
        )}
        <div class="actions wrap">
          <button
            type="submit"
            class="button"
            data-testid="export-plain-otpauth"
            disabled={busy !== null || !password}
          >
            {busy === 'otpauth' ? t('exportBusy') : t('exportOtpauth')}
          </button>
          <button
            type="button"
            class="button"
            data-testid="export-migration"
            disabled={busy !== null || !password}
            onClick={() => void run('migration')}
          >
            {busy === 'migration' ? t('exportBusy') : t('exportMigration')}
          </button>
        </div>
      </form>
      {shown?.kind === 'otpauth' && (
        <div class="stack">
          <label class="field">
            <span>{t('exportPlainLabel', String(shown.count))}</span>
            <textarea
              data-testid="export-plain-text"
              readOnly
              rows={8}
              spellcheck={false}
              value={shown.text}
            />
          </label>
          <div class="actions">
            <button type="button" class="button" data-testid="export-hide" onClick={hide}>
              {t('exportHide')}
            </button>
            <button
              type="button"
              class="button primary"
              data-testid="export-plain-download"
              onClick={() => download(OTPAUTH_EXPORT_FILE_NAME, shown.text, 'text/plain')}
            >
              {t('exportPlainDownload')}
            </button>
          </div>
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
                  <li key={index} data-testid="export-skipped-row">
                    <span dir="auto">{accountLabel(skipped)}</span>{' '}
                    <span class="hint" dir="auto">
                      — {skipped.reason}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div class="actions">
            <button type="button" class="button" data-testid="export-hide" onClick={hide}>
              {t('exportHide')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
