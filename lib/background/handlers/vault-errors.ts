import { UserFacingError } from '../router';

/** Vault errors carry a stable `code`; those listed here are safe and useful to show as they are. */
const SHOWN_CODES = new Set([
  'wrong-password',
  'kdf-below-floor',
  'corrupt-data',
  'newer-schema',
  'vault-exists',
  'vault-uninitialized',
  'account-not-found',
  'invalid-input',
  'concurrent-change',
  'quota-exceeded',
]);

export function toUserFacing(error: unknown): Error {
  if (error instanceof UserFacingError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && SHOWN_CODES.has(code)) {
    return new UserFacingError(code, (error as Error).message);
  }
  if ((error as { name?: unknown } | null)?.name === 'QuotaExceededError') {
    return new UserFacingError(
      'quota-exceeded',
      'The browser refused to store more data (storage quota). Nothing was changed.',
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
