import type { Handler } from '../../router';
import { UserFacingError } from '../../errors';
import type { BackgroundDeps } from '../../deps';
import { requireUnlocked } from '../../unlocked-key';
import { backupFileName, createBackup, readBackup, type BackupAccount } from '../../../backup/format';
import { assertNewPassword } from '../../password-rules';
import { backupVault, cryptoOf, verifyMasterPassword } from '../../backup-steps';
import { VAULT_INDEX_PROBLEM } from '../../../vault/record-index';

/**
 * Encrypted backup of the whole vault. The master password is typed again and checked; the file is
 * encrypted under it (or under a separate backup password), then decrypted and compared before it is
 * handed out and the backup date recorded (a backup is verified before success is reported).
 */
export function exportBackupHandler(deps: BackgroundDeps): Handler<'exportBackup'> {
  return {
    access: 'extension',
    async handle({ password, backupPassword }) {
      const dek = await requireUnlocked(deps);
      const vault = backupVault(deps);
      await verifyMasterPassword(deps, password);
      if (backupPassword !== undefined) assertNewPassword(backupPassword);
      const filePassword = backupPassword ?? password;
      const crypto = cryptoOf(deps);
      const { accounts, broken } = await vault.list(dek);
      const content: BackupAccount[] = accounts.map((a) => ({
        data: a.data,
        allowedSites: a.allowedSites,
        enrolledOrigin: a.enrolledOrigin,
        pinned: a.pinned,
        order: a.order,
      }));
      const now = deps.now();
      const json = await createBackup(content, filePassword, crypto, now);
      const check = await readBackup(json, filePassword, crypto).catch(() => null);
      if (!check || check.invalid.length > 0 || JSON.stringify(check.accounts) !== JSON.stringify(content)) {
        throw new UserFacingError(
          'backup-verify-failed',
          'The backup could not be verified; nothing was saved.',
        );
      }
      await vault.recordBackup(now);
      return {
        fileName: backupFileName(now),
        json,
        count: content.length,
        unreadable: broken.filter((b) => b.id !== VAULT_INDEX_PROBLEM.id).length,
      };
    },
  };
}
