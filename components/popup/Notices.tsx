import { useEffect, useState } from 'preact/hooks';
import { BACKUP_REMINDER_DISMISSED, ALL_SITES, needsBackupReminder } from '../../lib/ui/backup-reminder';
import type { BackupStatus } from '../../lib/messaging';
import { t } from '../../lib/ui/i18n';
import { useBoot, useServices } from './services';
import { Button } from '../shared/form';
import { useOpenOptions } from './use-open-options';

/**
 * Firefox lets users withhold host access (MV3 host permissions are optional there): without it the
 * extension cannot capture or read pages to scan QR codes, nor fill codes. Hidden when access is granted.
 */
export function HostAccessBanner() {
  const { permissions } = useServices();
  const [missing, setMissing] = useState(false);
  const [refused, setRefused] = useState(false);

  useEffect(() => {
    let cancelled = false;
    permissions.contains(ALL_SITES).then(
      (granted) => !cancelled && setMissing(!granted),
      () => {
        // why: a browser without the permissions API has nothing to grant; show nothing.
      },
    );
    return () => {
      cancelled = true;
    };
  }, [permissions]);

  if (!missing) return null;

  function grant() {
    // why: browsers show the permission prompt only during a user gesture, so no await comes before this call.
    permissions.request(ALL_SITES).then(
      (granted) => {
        setMissing(!granted);
        setRefused(!granted);
      },
      () => setRefused(true),
    );
  }

  return (
    <div class="notice notice-warning" role="note" data-testid="host-access">
      <p>{t('hostAccessText')}</p>
      {refused && (
        <p class="hint" data-testid="host-access-refused">
          {t('hostAccessRefused')}
        </p>
      )}
      <div class="notice-actions">
        <button type="button" class="button small primary" data-testid="host-access-grant" onClick={grant}>
          {t('hostAccessGrant')}
        </button>
      </div>
    </div>
  );
}

/**
 * "Back up now": shown while some account is in no backup, until dismissed for the browser session.
 * Asked for only once the list is on screen (`backupStatus` reads the whole vault in the background).
 */
export function BackupReminder() {
  const { send, sessionFlags } = useServices();
  const boot = useBoot();
  const openOptions = useOpenOptions();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [dismissed, setDismissed] = useState(true);

  useEffect(() => {
    let cancelled = false;
    // why: the snapshot carries the status; only without one is the background asked (it reads the vault).
    const status = (boot?.snapshot ?? Promise.resolve(null)).then(
      (snapshot) => snapshot?.backup ?? send('backupStatus', {}),
    );
    void Promise.all([status, sessionFlags.get(BACKUP_REMINDER_DISMISSED)]).then(
      ([answer, wasDismissed]) => {
        if (cancelled) return;
        setStatus(answer);
        setDismissed(wasDismissed);
      },
      () => {
        // why: a reminder is optional; a locked vault or a failed read is handled by the list itself.
      },
    );
    return () => {
      cancelled = true;
    };
  }, [send, sessionFlags, boot]);

  if (!status || dismissed || !needsBackupReminder(status)) return null;

  return (
    <div class="notice" role="note" data-testid="backup-reminder">
      <p>
        {status.lastBackupAt === null
          ? t('backupReminderNever')
          : t('backupReminderSince', String(status.accountsSinceBackup))}
      </p>
      <div class="notice-actions">
        <Button look="small primary" testId="backup-reminder-open" onClick={openOptions}>
          {t('backupReminderOpen')}
        </Button>
        <button
          type="button"
          class="button small"
          data-testid="backup-reminder-dismiss"
          onClick={() => {
            setDismissed(true);
            void sessionFlags.set(BACKUP_REMINDER_DISMISSED).catch(() => {});
          }}
        >
          {t('backupReminderDismiss')}
        </button>
      </div>
    </div>
  );
}

/** What the list shows above the accounts. */
export function Notices() {
  return (
    <>
      <HostAccessBanner />
      <BackupReminder />
    </>
  );
}
