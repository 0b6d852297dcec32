/**
 * The username a logon flow showed on its previous step ("alice@example.com" above the MFA field), used
 * only to rank accounts when several are bound to the site. Reads visible inputs and a few common spots.
 */
const USERNAME_SELECTORS = [
  'input[autocomplete="username"]',
  'input[type="email"]',
  'input[name*="user" i]',
  'input[name*="login" i]',
  'input[id*="user" i]',
];

export function guessUsername(doc: Document): string | null {
  for (const selector of USERNAME_SELECTORS) {
    const input = doc.querySelector<HTMLInputElement>(selector);
    const value = input?.value.trim();
    if (value && value.length <= 256) return value;
  }
  return null;
}
