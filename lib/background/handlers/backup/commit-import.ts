import type { Handler } from '../../router';
import type { BackgroundDeps } from '../../deps';
import { requireUnlocked } from '../../unlocked-key';
import { sitesForNewAccount } from '../../allowed-sites';
import { backupVault, checkAndPlan } from '../../backup-steps';

/**
 * Adds the new accounts of an import in one transaction. The accounts (read from the file once, in the
 * options page) are checked and planned again here (the preview is not trusted), so duplicates are skipped
 * against the vault as it is at commit time.
 * Accounts from other apps start bound to no site (an issuer name grants none); restored ones keep their own.
 */
export function commitImportHandler(deps: BackgroundDeps): Handler<'commitImport'> {
  return {
    access: 'extension',
    async handle(payload) {
      const dek = await requireUnlocked(deps);
      const vault = backupVault(deps);
      const { plan } = await checkAndPlan(deps, dek, payload);
      const suffixes = await deps.publicSuffixes();
      const items = plan.add.map((incoming) => ({
        data: incoming.data,
        allowedSites: incoming.allowedSites ?? sitesForNewAccount([], '', incoming.data.issuer, suffixes),
        enrolledOrigin: incoming.enrolledOrigin ?? '',
        pinned: incoming.pinned ?? false,
      }));
      if (items.length > 0) {
        await vault.addMany(dek, items);
      }
      return { added: items.length, duplicates: plan.duplicates.length, invalid: plan.invalid.length };
    },
  };
}
