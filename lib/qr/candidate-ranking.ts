/**
 * How likely an element on the page is the enrollment QR code: its shape, and keywords in its own attributes
 * and in the text around it (fading with distance). Keywords go through the autofill phrase matcher.
 */
import { compilePhrases, normalizeText } from '../autofill/keywords';
import type { Tally } from '../autofill/scoring';

interface KeywordTable {
  find(text: string): string | undefined;
}

// why: short words ("otp", "qr", "mfa") must not match inside longer ones ("footprint"); longer ones may
// ("downloading", an id like `mfaqrcode`).
function keywordTable(words: readonly string[]): KeywordTable {
  const isShort = (word: string) => /^[a-z0-9]{1,4}$/u.test(word);
  const whole = compilePhrases(words.filter(isShort));
  const inside = compilePhrases(
    words.filter((word) => !isShort(word)),
    { insideWords: true },
  );
  return { find: (text) => whole.find(text) ?? inside.find(text) };
}

/** Words that say "this is the code to scan into an authenticator". */
const STRONG = keywordTable([
  'mfa',
  '2fa',
  'two-factor',
  'two factor',
  'authenticator',
  'totp',
  'otp',
  'one-time',
  'two-step',
  'security code',
  '虚拟mfa',
  '身份宝',
  '两步验证',
  '二次验证',
  '安全码',
  '动态码',
  '認証',
]);
/** Words any QR code may have nearby. */
const WEAK = keywordTable(['qr', 'scan', '二维码', '扫描', '扫码', 'qrcode', '二次元コード']);
/** Words of the other QR codes consoles show: app downloads, social accounts, payments, and page chrome. */
const NEGATIVE = keywordTable([
  'download',
  'install the app',
  'app store',
  'google play',
  'wechat',
  'weixin',
  'alipay',
  'follow us',
  '下载',
  '微信',
  '公众号',
  '关注',
  '支付宝',
  'logo',
  'avatar',
  'icon',
  'banner',
]);

interface KeywordPoints {
  strong: number;
  weak: number;
  negative: number;
}

/** Points for keywords in the element's own attributes (id, class, alt, title, role, aria-*, data-*). */
const OWN_KEYWORD_POINTS: KeywordPoints = { strong: 40, weak: 15, negative: -50 };
/** Points for keywords in nearby siblings, multiplied by the weight of their level. */
const NEAR_KEYWORD_POINTS: KeywordPoints = { strong: 30, weak: 10, negative: -30 };
/** Weight of the siblings of the element, of its parent, of its grandparent. */
const NEAR_LEVEL_WEIGHTS = [1, 0.6, 0.3];
/** Siblings read on each side, per level. */
const NEAR_SIBLINGS = 2;
const SIBLING_TEXT_LIMIT = 400;

export const SHAPE_POINTS = {
  square: 25,
  nearlySquare: 10,
  notSquare: -30,
  goodSize: 30,
  small: 10,
  large: 0,
} as const;
const SQUARE_RATIO = 0.9;
const NEARLY_SQUARE_RATIO = 0.75;

/** Smaller elements cannot carry a readable code; larger ones are page backgrounds. */
export const MIN_SIDE = 40;
export const MAX_SIDE = 2000;
const GOOD_MIN_SIDE = 80;
const GOOD_MAX_SIDE = 1000;

// why: "绑定MFA设备": a Latin word glued to Chinese or Japanese text is still a word of its own. Lower case
// first, so an id like `mfaQrCode` stays one word, as it always was here.
const LATIN_BESIDE_CJK =
  /(?<=[A-Za-z0-9])(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])|(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])(?=[A-Za-z0-9])/gu;

function keywordText(raw: string): string {
  return normalizeText(raw.toLowerCase().replace(LATIN_BESIDE_CJK, ' '));
}

function ownText(element: Element): string {
  const parts = [element.id, element.getAttribute('class') ?? ''];
  for (const attribute of Array.from(element.attributes)) {
    if (
      attribute.name === 'alt' ||
      attribute.name === 'title' ||
      attribute.name === 'role' ||
      attribute.name.startsWith('aria-') ||
      attribute.name.startsWith('data-')
    ) {
      parts.push(attribute.value);
    }
  }
  return keywordText(parts.join(' '));
}

function siblingText(element: Element): string {
  const parts: string[] = [];
  let previous = element.previousElementSibling;
  for (let i = 0; i < NEAR_SIBLINGS && previous; i++, previous = previous.previousElementSibling) {
    parts.push(limitedText(previous));
  }
  let next = element.nextElementSibling;
  for (let i = 0; i < NEAR_SIBLINGS && next; i++, next = next.nextElementSibling)
    parts.push(limitedText(next));
  return keywordText(parts.join(' '));
}

function limitedText(element: Element): string {
  const tag = element.localName;
  if (tag === 'script' || tag === 'style' || tag === 'template') return '';
  return (element.textContent ?? '').slice(0, SIBLING_TEXT_LIMIT);
}

function addKeywordSignals(
  tally: Tally,
  text: string,
  points: KeywordPoints,
  label: string,
  weight = 1,
): void {
  if (STRONG.find(text)) tally.add(points.strong * weight, `${label}:strong`);
  else if (WEAK.find(text)) tally.add(points.weak * weight, `${label}:weak`);
  if (NEGATIVE.find(text)) tally.add(points.negative * weight, `${label}:negative`);
}

/** Adds keyword signals: the element's own attributes, then text around it, fading with distance. */
export function scoreKeywords(element: Element, tally: Tally): void {
  addKeywordSignals(tally, ownText(element), OWN_KEYWORD_POINTS, 'own');
  let node: Element | null = element;
  for (let level = 0; level < NEAR_LEVEL_WEIGHTS.length && node; level++, node = node.parentElement) {
    const weight = NEAR_LEVEL_WEIGHTS[level] ?? 0;
    addKeywordSignals(tally, siblingText(node), NEAR_KEYWORD_POINTS, `near${level}`, weight);
  }
}

/** Adds shape signals: square beats nearly square beats anything else; 80–1000 px is a scannable size. */
export function scoreShape(size: { width: number; height: number }, tally: Tally): void {
  const shorter = Math.min(size.width, size.height);
  const longer = Math.max(size.width, size.height);
  const squareness = shorter / longer;
  if (squareness >= SQUARE_RATIO) tally.add(SHAPE_POINTS.square, 'square');
  else if (squareness >= NEARLY_SQUARE_RATIO) tally.add(SHAPE_POINTS.nearlySquare, 'nearly-square');
  else tally.add(SHAPE_POINTS.notSquare, 'not-square');
  if (shorter >= GOOD_MIN_SIDE && longer <= GOOD_MAX_SIDE) tally.add(SHAPE_POINTS.goodSize, 'good-size');
  else if (shorter < GOOD_MIN_SIDE) tally.add(SHAPE_POINTS.small, 'small');
  else tally.add(SHAPE_POINTS.large, 'large');
}
