/** Longest issuer or account name we keep, in code points; longer names are cut, not refused. */
export const MAX_LABEL_LENGTH = 256;

// why: control, bidi/format and separator characters in a name can spoof what the user sees
// (U+202E reverses text, U+200B hides a difference); lone surrogates render as garbage.
const INVISIBLE_CHARACTERS = /[\p{Cf}\p{Cs}]/gu;
const BREAKING_CHARACTERS = /[\p{Cc}\p{Zl}\p{Zp}]/gu;

/**
 * A display name made safe to store and render as text: control characters become spaces, format
 * characters are removed, runs of white space collapse to one space, trimmed, NFC, capped at
 * MAX_LABEL_LENGTH code points. Idempotent: `cleanLabel(cleanLabel(x)) === cleanLabel(x)`.
 */
export function cleanLabel(input: string): string {
  const visible = input.replace(BREAKING_CHARACTERS, ' ').replace(INVISIBLE_CHARACTERS, '');
  const collapsed = visible.normalize('NFC').replace(/\s+/gu, ' ').trim();
  const capped = Array.from(collapsed).slice(0, MAX_LABEL_LENGTH).join('').trim();
  // why: cutting may split a base letter from its combining mark; NFC again keeps the result stable.
  return capped.normalize('NFC');
}

/**
 * Splits an otpauth label (or a migration entry's name) into issuer and account.
 *
 * The label is `Issuer:account` or `account` (Key Uri Format); the separator may have arrived as `%3A`
 * and the account may start with spaces (`Issuer:%20alice`). When an issuer parameter is given it wins
 * over the label prefix; a label that starts with exactly that issuer and a colon loses the prefix even
 * if the issuer itself contains a colon. Without a parameter the first colon separates the two.
 */
export function splitLabel(label: string, issuerParam: string): { issuer: string; account: string } {
  const issuer = cleanLabel(issuerParam);
  if (issuer !== '') {
    const trimmed = label.trimStart();
    if (trimmed.startsWith(`${issuer}:`))
      return { issuer, account: cleanLabel(trimmed.slice(issuer.length + 1)) };
    const colon = label.indexOf(':');
    return { issuer, account: cleanLabel(colon === -1 ? label : label.slice(colon + 1)) };
  }
  const colon = label.indexOf(':');
  if (colon === -1) return { issuer: '', account: cleanLabel(label) };
  return { issuer: cleanLabel(label.slice(0, colon)), account: cleanLabel(label.slice(colon + 1)) };
}

/**
 * The label that `splitLabel` turns back into `issuer` and `account` (both already clean). The issuer
 * prefix is left out when it contains a colon (the issuer parameter carries it); an empty prefix is
 * written when the account contains a colon and there is no prefix, so the account is not split.
 */
export function joinLabel(issuer: string, account: string): string {
  const prefix = issuer.includes(':') ? '' : issuer;
  if (prefix === '' && !account.includes(':')) return account;
  return `${prefix}:${account}`;
}
