import { t } from './i18n';

/** Shortest master password the popup accepts. */
export const MIN_PASSWORD_LENGTH = 8;

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export interface PasswordStrength {
  score: StrengthScore;
  /** i18n key of the label: strengthVeryWeak … strengthVeryStrong. */
  labelKey: string;
  /** True while the password is below MIN_PASSWORD_LENGTH (the form refuses it). */
  tooShort: boolean;
}

export const STRENGTH_LABEL_KEYS = [
  'strengthVeryWeak',
  'strengthWeak',
  'strengthFair',
  'strengthStrong',
  'strengthVeryStrong',
];

// Passwords that top every leaked-password list; matched after lower-casing and stripping trailing digits/symbols.
const COMMON_WORDS = new Set([
  'password',
  'passw0rd',
  'qwerty',
  'qwertyuiop',
  'letmein',
  'welcome',
  'admin',
  'iloveyou',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'abc',
  'abcdef',
  'sunshine',
  'princess',
  'master',
  'login',
  'secret',
  'woaini',
]);

const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function characterClasses(password: string): number {
  let classes = 0;
  if (/[a-z]/.test(password)) classes++;
  if (/[A-Z]/.test(password)) classes++;
  if (/[0-9]/.test(password)) classes++;
  if (/[^a-zA-Z0-9]/.test(password)) classes++;
  return classes;
}

/** True when the password is one repeated character or a run from a keyboard/alphabet sequence. */
function isTrivialPattern(password: string): boolean {
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 2) return true;
  return SEQUENCES.some((sequence) => {
    const reversed = [...sequence].reverse().join('');
    return sequence.includes(lower) || reversed.includes(lower);
  });
}

function isCommonPassword(password: string): boolean {
  const core = password
    .toLowerCase()
    .replace(/[^a-z]+$/, '')
    .replace(/^[^a-z]+/, '');
  return COMMON_WORDS.has(core) || /^\d+$/.test(password);
}

/**
 * A quick, dependency-free estimate for the "create master password" hint. It is a nudge, not a
 * guarantee: length counts most, then variety; well-known and patterned passwords score 0.
 */
export function passwordStrength(password: string): PasswordStrength {
  const length = [...password].length;
  const tooShort = length < MIN_PASSWORD_LENGTH;
  let score: number;
  if (length === 0 || isTrivialPattern(password) || isCommonPassword(password)) {
    score = 0;
  } else {
    const lengthPoints = length >= 20 ? 3 : length >= 14 ? 2 : length >= 10 ? 1 : 0;
    const classes = characterClasses(password);
    const varietyPoints = classes >= 3 ? 2 : classes === 2 ? 1 : 0;
    score = Math.min(4, lengthPoints + varietyPoints);
    if (tooShort) score = Math.min(score, 1);
  }
  const clamped = Math.max(0, Math.min(4, score)) as StrengthScore;
  return { score: clamped, labelKey: STRENGTH_LABEL_KEYS[clamped] ?? 'strengthVeryWeak', tooShort };
}

/** What is wrong with a new master password and its confirmation, in the user's language; '' when nothing. */
export function newPasswordProblem(password: string, confirm: string): string {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return t('createErrorTooShort', String(MIN_PASSWORD_LENGTH));
  return password === confirm ? '' : t('createErrorMismatch');
}
