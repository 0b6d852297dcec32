import { useCallback, useEffect, useState } from 'preact/hooks';
import type { BackupStatus, ExportBackupResult } from '../../lib/messaging';
import { t } from '../../lib/ui/i18n';
import { useAction } from '../hooks/use-action';
import { CHOSEN_PASSWORD, PasswordField, SubmitButton } from '../shared/form';
import { MasterPasswordStep } from './MasterPasswordStep';
import { OptionsCard } from './OptionsCard';
import { useOptionsServices } from './services';

const BACKUP_IDS = { password: 'backup-password', error: 'backup-error' };

/** The background refuses shorter passwords too (password-rules.ts); checking here saves a KDF round. */
export const MIN_BACKUP_PASSWORD_LENGTH = 8;

const SEPARATE = {
  ...CHOSEN_PASSWORD,
  label: () => t('backupSeparateLabel'),
  testId: 'backup-separate-password',
};
const SEPARATE_CONFIRM = {
  ...CHOSEN_PASSWORD,
  label: () => t('backupSeparateConfirm'),
  testId: 'backup-separate-confirm',
};

function separatePasswordProblem(separate: string, confirm: string): string {
  if (!separate && !confirm) return '';
  if (separate.length < MIN_BACKUP_PASSWORD_LENGTH) return t('backupSeparateShort');
  if (separate !== confirm) return t('backupSeparateMismatch');
  return '';
}

/** When the last backup was made and how many accounts are in none. */
function lastBackupLine(status: BackupStatus | null, formatDate: (epochMs: number) => string): string {
  if (status === null) return '';
  if (status.lastBackupAt === null) return t('backupNever');
  const since =
    status.accountsSinceBackup > 0 ? ` ${t('backupSince', String(status.accountsSinceBackup))}` : '';
  return t('backupLast', formatDate(status.lastBackupAt)) + since;
}

/**
 * Encrypted backup: the master password again (and an optional separate file password), then the
 * background encrypts, decrypts to verify, and only then is the file handed to the browser.
 */
export function BackupSection({ revision }: { revision: number }) {
  const { send, download, formatDate } = useOptionsServices();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [password, setPassword] = useState('');
  const [separate, setSeparate] = useState('');
  const [confirm, setConfirm] = useState('');
  const action = useAction();
  const { busy, refuse, run } = action;
  const [done, setDone] = useState<ExportBackupResult | null>(null);

  const readStatus = useCallback(async () => {
    try {
      setStatus(await send('backupStatus', {}));
    } catch {
      // why: the status is a hint; the backup itself still works without it.
    }
  }, [send]);

  useEffect(() => {
    void readStatus();
  }, [readStatus, revision]);

  function submit(event: Event) {
    event.preventDefault();
    if (busy || !password) return;
    const problem = separatePasswordProblem(separate, confirm);
    if (problem) return refuse(problem, 'separate-password');
    setDone(null);
    void run('busy', async () => {
      const result = await send(
        'exportBackup',
        separate ? { password, backupPassword: separate } : { password },
      );
      download(result.fileName, result.json, 'application/json');
      setDone(result);
      [setPassword, setSeparate, setConfirm].forEach((clear) => clear(''));
      void readStatus();
    });
  }

  return (
    <OptionsCard name="backup" title={t('backupTitle')} intro={t('backupIntro')}>
      <p class="hint" data-testid="backup-last" data-last-backup={status?.lastBackupAt ?? ''}>
        {lastBackupLine(status, formatDate)}
      </p>
      <form class="form" onSubmit={submit} aria-busy={busy}>
        <MasterPasswordStep
          ids={BACKUP_IDS}
          action={action}
          password={[password, setPassword]}
          between={
            <fieldset class="advanced">
              <legend>{t('backupSeparateLegend')}</legend>
              <p class="hint">{t('backupSeparateHint')}</p>
              <div class="grid-2">
                <PasswordField {...SEPARATE} busy={busy} value={separate} onValue={setSeparate} />
                <PasswordField {...SEPARATE_CONFIRM} busy={busy} value={confirm} onValue={setConfirm} />
              </div>
            </fieldset>
          }
        >
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
            <SubmitButton look="primary" testId="backup-download" disabled={busy || !password}>
              {busy ? t('backupBusy') : t('backupDownload')}
            </SubmitButton>
          </div>
        </MasterPasswordStep>
      </form>
    </OptionsCard>
  );
}
