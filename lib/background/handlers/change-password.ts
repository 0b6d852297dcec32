import type { Handler } from '../router';
import type { BackgroundDeps } from '../deps';
import { requireUnlocked } from '../unlocked-key';
import { assertNewPassword, assertPasswordShape } from '../password-rules';

export function changePasswordHandler(deps: BackgroundDeps): Handler<'changePassword'> {
  return {
    access: 'extension',
    async handle({ oldPassword, newPassword }) {
      await requireUnlocked(deps);
      assertPasswordShape(oldPassword);
      assertNewPassword(newPassword);
      await deps.vault.changePassword(oldPassword, newPassword);
      return null;
    },
  };
}
