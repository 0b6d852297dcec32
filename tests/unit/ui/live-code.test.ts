import { describe, expect, it } from 'vitest';
import { earliestExpiry, liveCode, needsRefetch } from '../../../lib/ui/live-code';
import { countdown, showsNextCode } from '../../../lib/ui/countdown';

const totp = (validUntil: number) => ({
  kind: 'totp' as const,
  code: '111111',
  nextCode: '222222',
  validUntil,
  period: 30,
});
const hotp = { kind: 'hotp' as const, code: '', nextCode: '', validUntil: 0, period: 30 };

describe('earliestExpiry', () => {
  it('is the smallest validUntil of the time-based codes', () => {
    expect(earliestExpiry([totp(5000), totp(2000), hotp, totp(9000)])).toBe(2000);
  });

  it('is Infinity when nothing expires (no accounts, or HOTP only)', () => {
    expect(earliestExpiry([])).toBe(Number.POSITIVE_INFINITY);
    expect(earliestExpiry([hotp])).toBe(Number.POSITIVE_INFINITY);
  });

  it.each([1999, 2000, 2001])('agrees with needsRefetch at %i', (now) => {
    const list = [totp(5000), totp(2000), hotp];
    expect(now >= earliestExpiry(list)).toBe(needsRefetch(list, now));
  });
});

describe('liveCode', () => {
  it('shows the prefetched next code once the period is over, then marks the code stale', () => {
    expect(liveCode(totp(1000), 999).code).toBe('111111');
    expect(liveCode(totp(1000), 1000)).toMatchObject({ code: '222222', validUntil: 31_000, stale: false });
    expect(liveCode(totp(1000), 31_000)).toMatchObject({ code: '111111', stale: true });
  });

  it('reads the next code (a second HMAC in a snapshot view) only in the period’s last seconds', () => {
    let reads = 0;
    const view = {
      ...totp(30_000),
      get nextCode() {
        reads++;
        return '222222';
      },
    };
    const shown = (now: number) => {
      const live = liveCode(view, now);
      return showsNextCode(countdown(live.validUntil, view.period, now), live) ? live.nextCode : '';
    };
    expect([shown(1_000), shown(24_999), reads]).toEqual(['', '', 0]);
    expect([shown(25_000), reads > 0]).toEqual(['222222', true]);
  });
});
