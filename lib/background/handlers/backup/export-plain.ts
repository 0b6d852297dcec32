import type { Handler } from '../../router';
import { UserFacingError } from '../../errors';
import type { BackgroundDeps } from '../../deps';
import { requireUnlocked } from '../../unlocked-key';
import {
  exportAegisJson,
  exportMigrationUris,
  exportOtpauthList,
  exportTwofasJson,
} from '../../../backup/export';
import { cryptoOf, verifyMasterPassword } from '../../backup-steps';

const KINDS: readonly string[] = ['otpauth', 'migration', 'aegis', '2fas'];

/** Secrets in the clear for another app: only after the master password is typed again. */
export function exportPlainHandler(deps: BackgroundDeps): Handler<'exportPlain'> {
  return {
    access: 'extension',
    async handle({ password, kind }) {
      const dek = await requireUnlocked(deps);
      if (!KINDS.includes(kind)) {
        throw new UserFacingError('invalid-request', 'Unknown export kind.');
      }
      await verifyMasterPassword(deps, password);
      const data = (await deps.vault.list(dek)).accounts.map((a) => a.data);
      if (kind === 'otpauth') return { kind, text: exportOtpauthList(data), count: data.length };
      const crypto = cryptoOf(deps);
      const date = new Date().toISOString().slice(0, 10);
      if (kind === 'aegis') {
        const text = exportAegisJson(data, () => crypto.randomUUID());
        return { kind, text, count: data.length, fileName: `aegis-export-plain-${date}.json` };
      }
      if (kind === '2fas') {
        const text = exportTwofasJson(data, Date.now());
        return { kind, text, count: data.length, fileName: `2fas-backup-${date}.2fas` };
      }
      const [batchId = 0] = crypto.getRandomValues(new Int32Array(1));
      return { kind, ...exportMigrationUris(data, batchId) };
    },
  };
}
