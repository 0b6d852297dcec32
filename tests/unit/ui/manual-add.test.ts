import { describe, expect, it } from 'vitest';
import { accountFromFields, DEFAULT_MANUAL_FIELDS, type ManualFields } from '../../../lib/ui/manual-add';

function fields(overrides: Partial<ManualFields>): ManualFields {
  return {
    ...DEFAULT_MANUAL_FIELDS,
    issuer: 'Aliyun',
    account: 'alice',
    secret: 'JBSWY3DPEHPK3PXP',
    ...overrides,
  };
}

describe('accountFromFields', () => {
  it('accepts a secret with spaces and lower case', () => {
    const result = accountFromFields(fields({ secret: 'jbsw y3dp ehpk 3pxp' }));
    expect(result).toEqual({
      ok: true,
      data: {
        kind: 'totp',
        issuer: 'Aliyun',
        account: 'alice',
        secret: 'JBSWY3DPEHPK3PXP',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
    });
  });

  it('keeps the advanced settings of a HOTP account', () => {
    const result = accountFromFields(
      fields({ kind: 'hotp', algorithm: 'SHA256', digits: '8', counter: '5' }),
    );
    expect(result.ok && result.data).toMatchObject({
      kind: 'hotp',
      algorithm: 'SHA256',
      digits: 8,
      counter: 5,
    });
  });

  it('fixes Steam accounts to 5 characters, SHA1 and 30 s', () => {
    const result = accountFromFields(
      fields({ kind: 'steam', digits: '8', algorithm: 'SHA512', period: '60' }),
    );
    expect(result.ok && result.data).toMatchObject({
      kind: 'steam',
      digits: 5,
      algorithm: 'SHA1',
      period: 30,
    });
  });

  it.each([
    [{ issuer: '', account: ' ' }, 'account', 'addErrorNameRequired'],
    [{ secret: '' }, 'secret', 'addErrorSecretMissing'],
    [{ secret: 'JBSW1' }, 'secret', 'addErrorSecretInvalid'],
    [{ digits: '9' }, 'digits', 'addErrorDigits'],
    [{ period: '0' }, 'period', 'addErrorPeriod'],
    [{ period: 'x' }, 'period', 'addErrorPeriod'],
    [{ kind: 'hotp' as const, counter: '-1' }, 'counter', 'addErrorCounter'],
  ])('refuses %j naming the field and the message', (overrides, field, key) => {
    expect(accountFromFields(fields(overrides))).toMatchObject({ ok: false, field, key });
  });

  it('cleans control characters from names', () => {
    const result = accountFromFields(fields({ issuer: 'Ali\u202Eyun', account: '  bob  ' }));
    expect(result.ok && result.data).toMatchObject({ issuer: 'Aliyun', account: 'bob' });
  });
});
