import { describe, expect, it } from 'vitest';
import { validateAccountData } from '../../../lib/otp/uri';
import type { OtpAccountData, OtpUriErrorReason } from '../../../lib/otp/types';

const good: OtpAccountData = {
  kind: 'totp',
  issuer: 'Aliyun',
  account: 'alice@1234567890123456',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};

describe('validateAccountData', () => {
  it('accepts valid data and returns a fresh object with only known fields', () => {
    const input = { ...good, extra: 'dropped', __proto__: { evil: true } };
    const result = validateAccountData(input);
    expect(result).toEqual({ ok: true, account: good });
    if (result.ok) expect(result.account).not.toBe(input);
  });

  it('canonicalises the secret and cleans the names', () => {
    const result = validateAccountData({
      ...good,
      secret: 'jbsw y3dp-ehpk 3pxp==',
      issuer: ' Ali\u202Eyun ',
      account: 'a\nb',
    });
    expect(result).toEqual({
      ok: true,
      account: { ...good, secret: 'JBSWY3DPEHPK3PXP', issuer: 'Aliyun', account: 'a b' },
    });
  });

  it('fixes the fields that do not apply to a kind', () => {
    expect(validateAccountData({ ...good, counter: 99 })).toEqual({ ok: true, account: good });
    expect(validateAccountData({ ...good, kind: 'hotp', period: 77, counter: 3 })).toEqual({
      ok: true,
      account: { ...good, kind: 'hotp', period: 30, counter: 3 },
    });
    expect(
      validateAccountData({ ...good, kind: 'steam', digits: 6, period: 60, algorithm: 'SHA512' }),
    ).toEqual({
      ok: true,
      account: { ...good, kind: 'steam', digits: 5, period: 30, algorithm: 'SHA1' },
    });
  });

  it('accepts missing names as empty when the other one is present', () => {
    const { issuer: _issuer, ...noIssuer } = good;
    expect(validateAccountData(noIssuer)).toEqual({ ok: true, account: { ...good, issuer: '' } });
  });

  const refusals: [string, unknown, OtpUriErrorReason][] = [
    ['null', null, 'bad-type'],
    ['a string', 'otpauth://totp/a?secret=JBSWY3DP', 'bad-type'],
    ['an array', [good], 'bad-type'],
    ['unknown kind', { ...good, kind: 'motp' }, 'bad-type'],
    ['missing secret', { ...good, secret: undefined }, 'missing-secret'],
    ['empty secret', { ...good, secret: '' }, 'missing-secret'],
    ['numeric secret', { ...good, secret: 12345 }, 'invalid-secret'],
    ['non-base32 secret', { ...good, secret: 'JBSW1' }, 'invalid-secret'],
    ['MD5', { ...good, algorithm: 'MD5' }, 'unsupported-algorithm'],
    ['lower-case algorithm', { ...good, algorithm: 'sha1' }, 'unsupported-algorithm'],
    ['digits 5', { ...good, digits: 5 }, 'bad-digits'],
    ['digits as string', { ...good, digits: '6' }, 'bad-digits'],
    ['digits NaN', { ...good, digits: Number.NaN }, 'bad-digits'],
    ['period 0', { ...good, period: 0 }, 'bad-period'],
    ['period 30.5', { ...good, period: 30.5 }, 'bad-period'],
    ['period missing', { ...good, period: undefined }, 'bad-period'],
    ['hotp counter -1', { ...good, kind: 'hotp', counter: -1 }, 'bad-counter'],
    ['hotp counter 2^53', { ...good, kind: 'hotp', counter: 2 ** 53 }, 'bad-counter'],
    ['hotp counter Infinity', { ...good, kind: 'hotp', counter: Number.POSITIVE_INFINITY }, 'bad-counter'],
    ['issuer not text', { ...good, issuer: 42 }, 'bad-label'],
    ['no names', { ...good, issuer: ' ', account: '\u200B' }, 'bad-label'],
  ];
  it.each(refusals)('refuses %s', (_name, value, reason) => {
    const result = validateAccountData(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe(reason);
  });

  it('never throws, even on hostile objects', () => {
    const throwing = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    );
    expect(validateAccountData(throwing).ok).toBe(false);
    const getter = Object.defineProperty({ ...good }, 'secret', {
      get() {
        throw new Error('boom');
      },
    });
    expect(validateAccountData(getter).ok).toBe(false);
  });
});
