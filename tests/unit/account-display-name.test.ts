import { describe, expect, it } from 'vitest';
import { accountDisplayName } from '../../lib/account-display-name';

describe('accountDisplayName', () => {
  it.each([
    ['dot', 'Aliyun · alice'],
    ['colon', 'Aliyun: alice'],
    ['parens', 'Aliyun (alice)'],
  ] as const)('joins issuer and account (%s)', (style, expected) => {
    expect(accountDisplayName({ issuer: 'Aliyun', account: 'alice' }, style)).toBe(expected);
  });

  it('uses whichever of the two exists, in every style', () => {
    for (const style of ['dot', 'colon', 'parens'] as const) {
      expect(accountDisplayName({ issuer: 'Aliyun', account: '' }, style)).toBe('Aliyun');
      expect(accountDisplayName({ issuer: '', account: 'alice' }, style)).toBe('alice');
      expect(accountDisplayName({ issuer: '', account: '' }, style)).toBe('');
    }
  });

  it("defaults to the background's ' · '", () => {
    expect(accountDisplayName({ issuer: 'GitHub', account: 'octo' })).toBe('GitHub · octo');
  });
});
