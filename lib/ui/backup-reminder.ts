import type { BackupStatus } from '../messaging';

/** Name of the session flag set when the user dismisses the reminder (lib/ui/session-flags.ts). */
export const BACKUP_REMINDER_DISMISSED = 'backupReminderDismissed';

/** True when some account is in no backup: there are accounts and none was ever backed up, or some came after. */
export function needsBackupReminder(status: BackupStatus): boolean {
  return status.accountCount > 0 && (status.lastBackupAt === null || status.accountsSinceBackup > 0);
}

/** The host permission the popup checks and asks for: scanning and filling need every site. */
export const ALL_SITES = { origins: ['<all_urls>'] };
