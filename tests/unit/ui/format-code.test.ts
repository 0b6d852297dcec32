import { describe, expect, it } from 'vitest';
import { formatCode, spellCode } from '../../../lib/ui/format-code';

describe('formatCode', () => {
  it.each([
    ['123456', '123 456'],
    ['1234567', '123 4567'],
    ['12345678', '1234 5678'],
    ['123456789', '123 456 789'],
    ['1234567890', '123 456 7890'],
  ])('groups %s as %s', (code, grouped) => {
    expect(formatCode(code)).toBe(grouped);
  });

  it('leaves Steam codes in one piece', () => {
    expect(formatCode('FR8RV', 'steam')).toBe('FR8RV');
  });

  it('does not split short or empty codes', () => {
    expect(formatCode('12345')).toBe('12345');
    expect(formatCode('')).toBe('');
  });

  it('never changes the characters, only adds spaces', () => {
    for (const code of ['123456', '07081804', '1234567890']) {
      expect(formatCode(code).replace(/ /g, '')).toBe(code);
    }
  });
});

describe('spellCode', () => {
  it('spells a code character by character for screen readers', () => {
    expect(spellCode('123456')).toBe('1 2 3 4 5 6');
    expect(spellCode('FR8RV')).toBe('F R 8 R V');
    expect(spellCode('')).toBe('');
  });
});
