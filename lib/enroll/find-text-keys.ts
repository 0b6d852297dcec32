/**
 * Enrollment pages that show the secret as text ("Can't scan? Enter this key"): base32 keys in the page
 * text, only where MFA words stand near them, with the account name when a label next to the key gives it.
 * Only an offer: the user confirms each key as for a QR code, and it binds to the frame that showed it.
 */

export interface TextKey {
  /** Canonical base32: upper case, no spaces, dashes or padding. */
  secret: string;
  /** From a label near the key ("Account: alice@example.com"), else ''. */
  account: string;
}

const MIN_KEY = 16;
const MAX_KEY = 128;
const MAX_KEYS = 4;
const MAX_TEXT = 200_000;
/** How far from a key (in characters of page text) an MFA word or an account label may stand. */
const BEFORE = 240;
const AFTER = 120;

/**
 * One long base32 run, or groups of 4 joined by single spaces or dashes (the last may be shorter). Page
 * text is joined with line breaks between text nodes, so a key in its own element never runs into words.
 */
const CANDIDATE =
  /(?<![A-Za-z0-9])(?:[A-Za-z2-7]{4}(?:[ -][A-Za-z2-7]{4})+(?:[ -][A-Za-z2-7]{1,3})?|[A-Za-z2-7]{16,})=*(?![A-Za-z0-9])/g;
const MFA_WORDS =
  /secret|setup key|set-up key|manual(?:ly)?|can['’]?t scan|cannot scan|unable to scan|authenticator|two[- ]factor|2fa|mfa|totp|one-time|密钥|密鑰|验证器|驗證器|手动|手動|无法扫描|無法掃描/i;
const ACCOUNT_LABEL =
  /(?:account(?: name)?|user ?name|user|e-?mail|账号|账户|帳號|用户名)\s*[:：]\s*([^\s<>"'，,;]+)/i;

/**
 * Whether a candidate looks like a key rather than words or another code: one case throughout, a digit or
 * all capitals (words rarely are), and not hex-only (a hash).
 */
function keyOf(candidate: string): string | null {
  const trimmed = candidate.replace(/=+$/, '');
  const joined = trimmed.replace(/[ -]/g, '');
  if (joined.length < MIN_KEY || joined.length > MAX_KEY) return null;
  if (joined !== joined.toUpperCase() && joined !== joined.toLowerCase()) return null;
  if (!/[2-7]/.test(joined) && joined !== joined.toUpperCase()) return null;
  if (/^[0-9a-f]+$/i.test(joined)) return null;
  return joined.toUpperCase();
}

/** The text a reader sees, block by block (never scripts or styles), capped so a huge page stays cheap. */
function pageText(doc: Document): string {
  const root = doc.body ?? doc.documentElement;
  if (!root) return '';
  const parts: string[] = [];
  let length = 0;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node && length < MAX_TEXT; node = walker.nextNode()) {
    const parent = node.parentElement?.tagName;
    if (parent === 'SCRIPT' || parent === 'STYLE' || parent === 'NOSCRIPT' || parent === 'TEMPLATE') continue;
    const text = node.nodeValue ?? '';
    if (text.trim() === '') continue;
    parts.push(text);
    length += text.length + 1;
  }
  return parts.join('\n').slice(0, MAX_TEXT);
}

export function findTextKeys(doc: Document): TextKey[] {
  const text = pageText(doc);
  const keys: TextKey[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const secret = keyOf(match[0]);
    if (!secret || keys.some((k) => k.secret === secret)) continue;
    const start = match.index ?? 0;
    const near = text.slice(Math.max(0, start - BEFORE), start + match[0].length + AFTER);
    // why: base32 runs are common (IDs, licence keys); only those the page presents as an MFA key count.
    if (!MFA_WORDS.test(near)) continue;
    const account = ACCOUNT_LABEL.exec(near)?.[1] ?? '';
    keys.push({ secret, account });
    if (keys.length >= MAX_KEYS) break;
  }
  return keys;
}
