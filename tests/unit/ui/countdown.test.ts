import { describe, expect, it } from 'vitest';
import { countdown, showsNextCode } from '../../../lib/ui/countdown';
import { liveCode, needsRefetch } from '../../../lib/ui/live-code';

const T0 = 1_700_000_010_000; // a window boundary for 30 s periods

describe('countdown', () => {
  it('counts whole seconds up and the share of the period left', () => {
    expect(countdown(T0, 30, T0 - 30_000)).toEqual({ secondsLeft: 30, fraction: 1, expired: false });
    expect(countdown(T0, 30, T0 - 15_000)).toEqual({ secondsLeft: 15, fraction: 0.5, expired: false });
    expect(countdown(T0, 30, T0 - 200).secondsLeft).toBe(1);
  });

  it('stops at zero once the code has expired', () => {
    expect(countdown(T0, 30, T0 + 5_000)).toEqual({ secondsLeft: 0, fraction: 0, expired: true });
  });

  it('shows the next code only in the last five seconds', () => {
    expect(showsNextCode(countdown(T0, 30, T0 - 6_000), { nextCode: '654321' })).toBe(false);
    expect(showsNextCode(countdown(T0, 30, T0 - 5_000), { nextCode: '654321' })).toBe(true);
    expect(showsNextCode(countdown(T0, 30, T0 - 1_000), { nextCode: '' })).toBe(false);
  });
});

describe('liveCode', () => {
  const totp = { kind: 'totp' as const, code: '111111', nextCode: '222222', validUntil: T0, period: 30 };

  it('shows the current code until it expires', () => {
    expect(liveCode(totp, T0 - 1)).toEqual({
      code: '111111',
      nextCode: '222222',
      validUntil: T0,
      stale: false,
    });
  });

  it('switches to the next code on time, before the refetch answers', () => {
    expect(liveCode(totp, T0 + 1)).toEqual({
      code: '222222',
      nextCode: '',
      validUntil: T0 + 30_000,
      stale: false,
    });
  });

  it('marks the code stale once the next one has also run out', () => {
    expect(liveCode(totp, T0 + 31_000).stale).toBe(true);
  });

  it('passes HOTP through', () => {
    const hotp = { kind: 'hotp' as const, code: '', nextCode: '', validUntil: 0, period: 30 };
    expect(liveCode(hotp, T0)).toEqual({ code: '', nextCode: '', validUntil: 0, stale: false });
  });

  it('asks for a refetch once any time-based code has expired', () => {
    const hotp = { kind: 'hotp' as const, code: '', nextCode: '', validUntil: 0, period: 30 };
    expect(needsRefetch([totp, hotp], T0 - 1)).toBe(false);
    expect(needsRefetch([totp, hotp], T0)).toBe(true);
    expect(needsRefetch([hotp], T0 + 99_000)).toBe(false);
  });
});
