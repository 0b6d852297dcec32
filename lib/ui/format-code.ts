import type { OtpKind } from '../otp/types';

/**
 * Splits a code into groups that are easy to read aloud: 6 → "123 456", 7 → "123 4567",
 * 8 → "1234 5678", longer codes in threes with a final group of up to four.
 * Steam codes (letters) and codes of five characters or fewer stay in one piece.
 */
export function formatCode(code: string, kind: OtpKind = 'totp'): string {
  if (kind === 'steam' || code.length <= 5) return code;
  if (code.length === 6) return `${code.slice(0, 3)} ${code.slice(3)}`;
  if (code.length === 7) return `${code.slice(0, 3)} ${code.slice(3)}`;
  if (code.length === 8) return `${code.slice(0, 4)} ${code.slice(4)}`;
  const groups: string[] = [];
  let rest = code;
  while (rest.length > 4) {
    groups.push(rest.slice(0, 3));
    rest = rest.slice(3);
  }
  groups.push(rest);
  return groups.join(' ');
}

/** A code as a screen reader should say it: character by character ("123456" → "1 2 3 4 5 6"). */
export function spellCode(code: string): string {
  return [...code].join(' ');
}
