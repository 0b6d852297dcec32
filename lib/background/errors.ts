/**
 * Errors a handler may throw, and the one place that turns any thrown value into a reply's ErrorInfo:
 * handlers throw, the router maps (no handler converts errors itself).
 */
import type { ErrorInfo, NameClash } from '../messaging';

/** An error whose code and message may be shown to the user as they are. */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly clash?: NameClash,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/** Vault errors (lib/vault/errors) carry a stable `code`; those listed here are safe and useful to show as they are. */
const SHOWN_VAULT_CODES = new Set([
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

/** A known error as the user may see it, or null for anything unexpected. */
function userFacing(error: unknown): UserFacingError | null {
  if (error instanceof UserFacingError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && SHOWN_VAULT_CODES.has(code)) {
    return new UserFacingError(code, (error as Error).message);
  }
  // why: without the Public Suffix List no site can be checked; nothing is bound or filled (lib/sites).
  if ((error as { name?: unknown } | null)?.name === 'PublicSuffixListError') {
    return new UserFacingError(
      'suffix-list-unavailable',
      'The list of domain suffixes in the extension could not be read, so no site can be checked. Nothing was filled or bound. Reinstall the extension.',
    );
  }
  if ((error as { name?: unknown } | null)?.name === 'QuotaExceededError') {
    return new UserFacingError(
      'quota-exceeded',
      'The browser refused to store more data (storage quota). Nothing was changed.',
    );
  }
  return null;
}

/** What a failed handler replies: known errors with their code, anything else as 'internal'. */
export function toErrorInfo(error: unknown): ErrorInfo {
  const shown = userFacing(error);
  if (shown)
    return { code: shown.code, message: shown.message, ...(shown.clash ? { clash: shown.clash } : {}) };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}

/** Payloads come from another context: an id that is not a string makes the request malformed. */
export function assertId(id: unknown, message: string): asserts id is string {
  if (typeof id !== 'string') throw new UserFacingError('invalid-request', message);
}
