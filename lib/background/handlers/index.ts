import type { HandlerTable } from '../router';
import type { BackgroundDeps } from '../deps';
import { withPopupSnapshot } from '../popup-snapshot';
import { getVaultStateHandler } from './vault-state';
import { createVaultHandler } from './create-vault';
import { unlockVaultHandler } from './unlock-vault';
import { lockVaultHandler } from './lock-vault';
import { changePasswordHandler } from './change-password';
import { listAccountsHandler } from './list-accounts';
import { addAccountHandler } from './add-account';
import { updateAccountHandler } from './update-account';
import { deleteAccountHandler } from './delete-account';
import { reorderAccountsHandler } from './reorder-accounts';
import { nextHotpCodeHandler } from './next-hotp-code';
import { getSettingsHandler, setSettingsHandler } from './settings';
import { clipboardCopiedHandler } from './clipboard';
import { contentHelloHandler } from './content-hello';
import { requestFillHandler } from './request-fill';
import { fillTabHandler } from './fill-tab';
import { tabSiteHandler } from './tab-site';
import { scanTabHandler } from './scan-tab';
import { takeIntentHandler } from './take-intent';
import { fillShortcutHandler } from './fill-shortcut';
// Backup and import
import { exportBackupHandler } from './backup/export-backup';
import { previewImportHandler } from './backup/preview-import';
import { commitImportHandler } from './backup/commit-import';
import { exportPlainHandler } from './backup/export-plain';
import { accountUriHandler } from './backup/account-uri';
import { backupStatusHandler } from './backup/backup-status';
import { syncDisableHandler, syncEnableHandler, syncNowHandler, syncStatusHandler } from './sync-handlers';

/** One handler per message; the table type makes a missing or misspelt handler a compile error. */
export function createHandlers(rawDeps: BackgroundDeps): HandlerTable {
  // why: every write any handler makes refreshes the popup's snapshot (a no-op when already applied).
  const deps = withPopupSnapshot(rawDeps);
  return {
    getVaultState: getVaultStateHandler(deps),
    createVault: createVaultHandler(deps),
    unlockVault: unlockVaultHandler(deps),
    lockVault: lockVaultHandler(deps),
    changePassword: changePasswordHandler(deps),
    listAccounts: listAccountsHandler(deps),
    addAccount: addAccountHandler(deps),
    updateAccount: updateAccountHandler(deps),
    deleteAccount: deleteAccountHandler(deps),
    reorderAccounts: reorderAccountsHandler(deps),
    nextHotpCode: nextHotpCodeHandler(deps),
    getSettings: getSettingsHandler(deps),
    setSettings: setSettingsHandler(deps),
    clipboardCopied: clipboardCopiedHandler(deps),
    fillTab: fillTabHandler(deps),
    scanTab: scanTabHandler(deps),
    tabSite: tabSiteHandler(deps),
    takeIntent: takeIntentHandler(deps),
    fillShortcut: fillShortcutHandler(deps),
    // Backup and import
    exportBackup: exportBackupHandler(deps),
    previewImport: previewImportHandler(deps),
    commitImport: commitImportHandler(deps),
    exportPlain: exportPlainHandler(deps),
    accountUri: accountUriHandler(deps),
    backupStatus: backupStatusHandler(deps),
    // Sync
    syncStatus: syncStatusHandler(deps),
    syncEnable: syncEnableHandler(deps),
    syncDisable: syncDisableHandler(deps),
    syncNow: syncNowHandler(deps),
    contentHello: contentHelloHandler(deps),
    requestFill: requestFillHandler(deps),
  };
}
