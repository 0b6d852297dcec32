import { errorCode, errorMessage } from '../../lib/ui/api';
import { t } from '../../lib/ui/i18n';

/** A failed request as the page shows it: the background's wording, except for a wrong password. */
export interface Failure {
  code: string;
  message: string;
}

export function toFailure(error: unknown): Failure {
  const code = errorCode(error);
  return { code, message: code === 'wrong-password' ? t('unlockWrongPassword') : errorMessage(error) };
}

/** True when the session ended under the page (auto-lock): the caller brings back the unlock form. */
export function isLocked(failure: Failure): boolean {
  return failure.code === 'locked';
}
