import type { Handler } from '../../router';
import type { BackgroundDeps } from '../../deps';
import { requireUnlocked } from '../../unlocked-key';
import { backupVault } from '../../backup-steps';

/** When the last backup was made and how many accounts came after it, for the "back up now" reminder. */
export function backupStatusHandler(deps: BackgroundDeps): Handler<'backupStatus'> {
  return {
    access: 'extension',
    async handle() {
      const dek = await requireUnlocked(deps);
      const vault = backupVault(deps);
      const [{ accounts }, lastBackupAt] = await Promise.all([vault.list(dek), vault.lastBackupAt()]);
      return {
        lastBackupAt,
        accountsSinceBackup: accounts.filter((a) => lastBackupAt === null || a.createdAt > lastBackupAt)
          .length,
        accountCount: accounts.length,
      };
    },
  };
}
