import { useCallback, useEffect, useState } from 'preact/hooks';
import type { BackupStatus, ExportBackupResult } from '../../lib/messaging';
import { t } from '../../lib/ui/i18n';
import { isLocked, toFailure, type Failure } from './failure';
import { useOptionsServices } from './services';

/** The background refuses shorter passwords too (password-rules.ts); checking here saves a KDF round. */
export const MIN_BACKUP_PASSWORD_LENGTH = 8;

interface BackupSectionProps {
  /** Changes when accounts were added elsewhere on the page, so the status is read again. */
  revision: number;
  onLocked: () => void;
}

/**
 * Encrypted backup: the master password again (and an optional separate file password), then the
 * background encrypts, decrypts to verify, and only then is the file handed to the browser.
 */
export function BackupSection({ revision, onLocked }: BackupSectionProps) {
  const { send, download, formatDate } = useOptionsServices();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [password, setPassword] = useState('');
  const [separate, setSeparate] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const [done, setDone] = useState<ExportBackupResult | null>(null);

  const readStatus = useCallback(async () => {
    try {
      setStatus(await send('backupStatus', {}));
    } catch (failure) {
      if (isLocked(toFailure(failure))) onLocked();
      // why: the status is a hint; the backup itself still works without it.
    }
  }, [send, onLocked]);

  useEffect(() => {
    void readStatus();
  }, [readStatus, revision]);

  function separatePasswordProblem(): string {
    if (!separate && !confirm) return '';
    if (separate.length < MIN_BACKUP_PASSWORD_LENGTH) return t('backupSeparateShort');
    if (separate !== confirm) return t('backupSeparateMismatch');
    return '';
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || !password) return;
    const problem = separatePasswordProblem();
    if (problem) {
      setError({ code: 'separate-password', message: problem });
      return;
    }
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await send(
        'exportBackup',
        separate ? { password, backupPassword: separate } : { password },
      );
      download(result.fileName, result.json, 'application/json');
      setDone(result);
      setPassword('');
      setSeparate('');
      setConfirm('');
      void readStatus();
    } catch (failure) {
      const info = toFailure(failure);
      if (isLocked(info)) onLocked();
      setError(info);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="options-card" data-testid="backup-section" aria-labelledby="backup-title">
      <h2 class="subtitle" id="backup-title">
        {t('backupTitle')}
      </h2>
      <p class="muted">{t('backupIntro')}</p>
      <p class="hint" data-testid="backup-last" data-last-backup={status?.lastBackupAt ?? ''}>
        {status === null
          ? ''
          : status.lastBackupAt === null
            ? t('backupNever')
            : t('backupLast', formatDate(status.lastBackupAt))}
        {status !== null && status.accountsSinceBackup > 0 && status.lastBackupAt !== null
          ? ` ${t('backupSince', String(status.accountsSinceBackup))}`
          : ''}
      </p>
      <form class="form" onSubmit={submit} aria-busy={busy}>
        <label class="field">
          <span>{t('masterPasswordLabel')}</span>
          <input
            type="password"
            data-testid="backup-password"
            autocomplete="current-password"
            value={password}
            readOnly={busy}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </label>
        <fieldset class="advanced">
          <legend>{t('backupSeparateLegend')}</legend>
          <p class="hint">{t('backupSeparateHint')}</p>
          <div class="grid-2">
            <label class="field">
              <span>{t('backupSeparateLabel')}</span>
              <input
                type="password"
                data-testid="backup-separate-password"
                autocomplete="new-password"
                value={separate}
                readOnly={busy}
                onInput={(event) => setSeparate(event.currentTarget.value)}
              />
            </label>
            <label class="field">
              <span>{t('backupSeparateConfirm')}</span>
              <input
                type="password"
                data-testid="backup-separate-confirm"
                autocomplete="new-password"
                value={confirm}
                readOnly={busy}
                onInput={(event) => setConfirm(event.currentTarget.value)}
              />
            </label>
          </div>
        </fieldset>
        {error && (
          <p class="error" role="alert" data-testid="backup-error" data-code={error.code}>
            {error.message}
          </p>
        )}
        {done && (
          <div role="status" class="stack">
            <p class="success" data-testid="backup-done" data-count={done.count}>
              {t('backupDone', [String(done.count), done.fileName])}
            </p>
            {done.unreadable > 0 && (
              <p class="warning" data-testid="backup-unreadable">
                {t('backupUnreadable', String(done.unreadable))}
              </p>
            )}
          </div>
        )}
        <div class="actions">
          <button
            type="submit"
            class="button primary"
            data-testid="backup-download"
            disabled={busy || !password}
          >
            {busy ? t('backupBusy') : t('backupDownload')}
          </button>
        </div>
      </form>
    </section>
  );
}
