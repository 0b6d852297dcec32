import { describe, expect, it } from 'vitest';
import {
  MIN_PASSWORD_LENGTH,
  passwordStrength,
  STRENGTH_LABEL_KEYS,
} from '../../../lib/ui/password-strength';

describe('passwordStrength', () => {
  it('requires at least 8 characters', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(8);
    expect(passwordStrength('Ab3$xyz').tooShort).toBe(true);
    expect(passwordStrength('Ab3$xyzw').tooShort).toBe(false);
  });

  it.each([
    '',
    'password',
    'Password1!',
    'qwertyuiop',
    '12345678',
    '87654321',
    'aaaaaaaaaaaa',
    'abababababab',
  ])('scores the well-known or patterned %j as very weak', (password) => {
    expect(passwordStrength(password).score).toBe(0);
  });

  it('keeps a short password at most weak even with every character class', () => {
    expect(passwordStrength('Xy7#q').score).toBeLessThanOrEqual(1);
  });

  it('grows with length and variety', () => {
    const scores = ['horsebat', 'horse-battery', 'Horse-battery-77', 'correct horse battery staple 9'].map(
      (password) => passwordStrength(password).score,
    );
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(scores[0]).toBeLessThan(scores[3] ?? 0);
    expect(passwordStrength('correct horse battery staple 9').score).toBe(4);
  });

  it('labels every score with an i18n key', () => {
    expect(STRENGTH_LABEL_KEYS).toHaveLength(5);
    expect(passwordStrength('correct horse battery staple 9').labelKey).toBe('strengthVeryStrong');
    expect(passwordStrength('password').labelKey).toBe('strengthVeryWeak');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordStrength('密码密码密码密').tooShort).toBe(true);
    expect(passwordStrength('密码是长城上的月亮').tooShort).toBe(false);
  });
});
