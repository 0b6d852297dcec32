import type { Handler } from '../router';
import { assertId } from '../errors';
import type { BackgroundDeps } from '../deps';
import { requireUnlocked } from '../unlocked-key';
import { nextHotpCodeFor } from '../fillable-accounts';

export function nextHotpCodeHandler(deps: BackgroundDeps): Handler<'nextHotpCode'> {
  return {
    access: 'extension',
    async handle({ id }) {
      const dek = await requireUnlocked(deps);
      assertId(id, 'Malformed request.');
      // why: the counter is persisted before the code exists anywhere, so a code is never shown twice;
      // the repository refuses accounts that are not counter-based.
      const code = await nextHotpCodeFor(deps, dek, id);
      return { code };
    },
  };
}
