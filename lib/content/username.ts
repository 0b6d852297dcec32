/**
 * The username a logon flow typed on its previous step, or shows on the MFA step ("alice@contoso.com"
 * above the code field, as Microsoft, Google and Alibaba Cloud RAM's `user@alias` do), used only to pick
 * among several accounts bound to the site. Reads input values first, then short identity-like texts.
 */
const USERNAME_SELECTORS = [
  'input[autocomplete="username"]',
  'input[type="email"]',
  'input[name*="user" i]',
  'input[name*="login" i]',
  'input[id*="user" i]',
];

/** Elements that name the signed-in identity on an MFA step. */
const IDENTITY_SELECTORS = [
  '[data-email]',
  '[id*="displayname" i]',
  '[class*="identity" i]',
  '[id*="identity" i]',
  '[class*="user" i]',
  '[id*="user" i]',
  '[class*="account" i]',
  '[class*="email" i]',
];

/** An e-mail, or an `user@alias` login (Alibaba RAM: "alice@1234567890123456"). */
const IDENTITY = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*/u;
const MAX_LENGTH = 256;
/** Page text read when no element names the identity: the MFA step's own short text, not a long page. */
const MAX_TEXT = 20_000;

function identityIn(text: string | null | undefined): string | null {
  const found = text?.match(IDENTITY)?.[0];
  return found && found.length <= MAX_LENGTH ? found : null;
}

export function guessUsername(doc: Document): string | null {
  for (const selector of USERNAME_SELECTORS) {
    const input = doc.querySelector<HTMLInputElement>(selector);
    const value = input?.value.trim();
    if (value && value.length <= MAX_LENGTH) return value;
  }
  for (const selector of IDENTITY_SELECTORS) {
    for (const el of Array.from(doc.querySelectorAll(selector)).slice(0, 20)) {
      if (el.closest('input, textarea, script, style')) continue;
      const found = identityIn(el.getAttribute('data-email')) ?? identityIn(el.textContent?.slice(0, 512));
      if (found) return found;
    }
  }
  return identityIn(pageText(doc));
}

/** The page's own text, without script, style or template contents, up to MAX_TEXT characters. */
function pageText(doc: Document): string {
  if (!doc.body) return '';
  const skip = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'TEXTAREA']);
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  let text = '';
  for (let node = walker.nextNode(); node && text.length < MAX_TEXT; node = walker.nextNode()) {
    if (!skip.has(node.parentElement?.tagName ?? '')) text += `${node.nodeValue ?? ''} `;
  }
  return text.slice(0, MAX_TEXT);
}
