import type { Handler } from '../../router';
import type { BackgroundDeps } from '../../deps';
import type { ImportPreviewAccount } from '../../../messaging';
import type { IncomingAccount } from '../../../backup/types';
import { requireUnlocked } from '../../unlocked-key';
import { checkAndPlan } from '../../backup-steps';

function summary({ data }: IncomingAccount): ImportPreviewAccount {
  return { issuer: data.issuer, account: data.account, kind: data.kind };
}

/**
 * What an import would add, skip as duplicate and refuse as invalid; writes nothing, shows no secret. The
 * accounts come parsed from the options page and are checked again here.
 */
export function previewImportHandler(deps: BackgroundDeps): Handler<'previewImport'> {
  return {
    access: 'extension',
    async handle(payload) {
      const dek = await requireUnlocked(deps);
      const { format, plan } = await checkAndPlan(deps, dek, payload);
      return {
        format,
        add: plan.add.map(summary),
        duplicates: plan.duplicates.map((d) => ({
          ...summary(d.incoming),
          reason: d.reason,
          existing: d.existing
            ? { id: d.existing.id, issuer: d.existing.data.issuer, account: d.existing.data.account }
            : null,
        })),
        invalid: plan.invalid,
      };
    },
  };
}
