/**
 * How a person names an account: issuer and account name joined, or whichever of the two exists.
 * `style` is the punctuation each surface has always used: ' · ' in page labels and background messages,
 * 'Issuer: account' in the options page lists (the otpauth label convention), 'Issuer (account)' in the popup.
 */
export type DisplayNameStyle = 'dot' | 'colon' | 'parens';

export function accountDisplayName(
  { issuer, account }: { issuer: string; account: string },
  style: DisplayNameStyle = 'dot',
): string {
  if (!issuer || !account) return issuer || account;
  if (style === 'parens') return `${issuer} (${account})`;
  return `${issuer}${style === 'colon' ? ': ' : ' · '}${account}`;
}
