import type { Handler } from '../../router';
import { UserFacingError } from '../../errors';
import type { BackgroundDeps } from '../../deps';
import { requireUnlocked } from '../../unlocked-key';
import { exportMigrationUris, exportOtpauthList } from '../../../backup/export';
import { cryptoOf, verifyMasterPassword } from '../../backup-steps';

/** Secrets in the clear for another app: only after the master password is typed again. */
export function exportPlainHandler(deps: BackgroundDeps): Handler<'exportPlain'> {
  return {
    access: 'extension',
    async handle({ password, kind }) {
      const dek = await requireUnlocked(deps);
      if (kind !== 'otpauth' && kind !== 'migration') {
        throw new UserFacingError('invalid-request', 'Unknown export kind.');
      }
      await verifyMasterPassword(deps, password);
      const data = (await deps.vault.list(dek)).accounts.map((a) => a.data);
      if (kind === 'otpauth') return { kind, text: exportOtpauthList(data), count: data.length };
      const [batchId = 0] = cryptoOf(deps).getRandomValues(new Int32Array(1));
      return { kind, ...exportMigrationUris(data, batchId) };
    },
  };
}
