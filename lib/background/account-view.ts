import type { AccountView } from '../messaging';
import { generateCode, periodBounds } from '../otp/generate';
import type { StoredAccount } from './deps';

/** The popup's view of an account: codes for now and the next period, never the secret. */
export function toAccountView(stored: StoredAccount, nowMs: number, matchesTab: boolean): AccountView {
  const { data } = stored;
  const timeBased = data.kind !== 'hotp';
  const bounds = timeBased ? periodBounds(data.period, nowMs) : null;
  return {
    id: stored.id,
    kind: data.kind,
    issuer: data.issuer,
    account: data.account,
    digits: data.digits,
    period: data.period,
    pinned: stored.pinned,
    order: stored.order,
    allowedSites: stored.allowedSites,
    // why: an HOTP code is only shown after its counter has been persisted (nextHotpCode).
    code: bounds ? generateCode(data, nowMs) : '',
    nextCode: bounds ? generateCode(data, bounds.end) : '',
    validUntil: bounds ? bounds.end : 0,
    matchesTab,
  };
}
