import type { Handler } from '../router';
import { UserFacingError } from '../router';
import type { BackgroundDeps } from '../deps';
import { requireUnlocked } from '../unlocked-key';
import { generateHotp } from '../../otp/generate';
import { toUserFacing } from './vault-errors';

export function nextHotpCodeHandler(deps: BackgroundDeps): Handler<'nextHotpCode'> {
  return {
    access: 'extension',
    async handle({ id }) {
      const dek = await requireUnlocked(deps);
      if (typeof id !== 'string') throw new UserFacingError('invalid-request', 'Malformed request.');
      // why: the counter is persisted before the code exists anywhere, so a code is never shown twice.
      const used = await deps.vault.bumpHotpCounter(dek, id).catch((error: unknown) => {
        throw toUserFacing(error);
      });
      if (used.data.kind !== 'hotp')
        throw new UserFacingError('not-hotp', 'This account is not counter-based.');
      return {
        code: generateHotp(used.data.secret, used.data.counter, used.data.algorithm, used.data.digits),
      };
    },
  };
}
