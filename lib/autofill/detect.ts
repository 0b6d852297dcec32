/**
 * MFA code field detection: ordered checks over a Document, ShadowRoot or Element (DESIGN §6).
 *
 * Per input, cheapest first: type and autocomplete tokens → hard exclusions (search, coupon, postal, card,
 * captcha, recovery) → the standard signal (autocomplete=one-time-code) → known ids/names → keywords in the
 * field's own texts (id, name, labels, placeholder, aria-label, data-*, title) → identity exclusions
 * (username/email/password/phone) → shape (maxlength, inputmode, pattern, type) → the surrounding text, only for
 * candidates that need it → visibility (computed style, geometry) last, only for fields that scored.
 * Groups of 4–8 adjacent one-character boxes are detected as one split field.
 */
import {
  CONSECUTIVE_SIGNALS,
  FIRST_MARKERS,
  HARD_EXCLUSIONS,
  ONE_TIME_CODE_AUTOCOMPLETE,
  SECOND_MARKERS,
  SMS_SIGNALS,
  WEAK_CODE,
  compilePhrases,
  findGenericCode,
  findHardExclusion,
  findIdentityExclusion,
  findTotpSpecific,
  isKnownOtpFieldId,
  normalizeText,
  type ExclusionCategory,
} from './keywords';
import { isFillTarget, windowLayout, type LayoutSource } from './visibility';

/** Where the code comes from: an authenticator app, an SMS/e-mail (never offered automatically), or unsaid. */
export type CodeKind = 'totp' | 'sms' | 'unknown';

interface MatchFacts {
  score: number;
  codeKind: CodeKind;
  /** Why the field matched, for debugging and tests (e.g. `autocomplete=one-time-code`, `label:验证码`). */
  reasons: string[];
}

export type OtpFieldMatch =
  | ({ kind: 'single'; input: HTMLInputElement } & MatchFacts)
  | ({ kind: 'split'; inputs: HTMLInputElement[] } & MatchFacts);

export interface DetectOptions {
  /** The window the root lives in; defaults to the root's document's window. */
  view?: Window;
  /** Geometry and computed style; defaults to the view's. Unit tests inject one (happy-dom has no layout). */
  layout?: LayoutSource;
}

/** Score a candidate needs to be reported. */
export const MATCH_THRESHOLD = 45;

const FILLABLE_TYPES = new Set(['text', 'tel', 'number', 'password']);
// why: autocomplete tokens that name something else; a field carrying them is never an MFA target.
const FOREIGN_AUTOCOMPLETE =
  /^(username|email|current-password|new-password|tel.*|postal-code|cc-.*|street-address|address-.*|country.*|bday.*|name|given-name|family-name|organization|transaction-.*)$/;
const DIGITS_PATTERN = /\\d|0-9/;
const SKIPPED_TEXT_PARENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG']);
const CAPTCHA_IMAGE_HINT = compilePhrases([
  ...HARD_EXCLUSIONS.captcha,
  'code',
  'verify',
  'vcode',
  'check',
  'validate',
  'refresh',
  '验证码',
]);
const CONTEXT_TEXT_LIMIT = 1000;
const CONTEXT_NODE_LIMIT = 400;
const CONTEXT_MAX_LEVELS = 6;
const PRECEDING_TEXT_LIMIT = 120;

/** Is this match offered without the user asking (the inline button, the shortcut)? SMS/e-mail codes are not. */
export function isAutoOffered(match: OtpFieldMatch): boolean {
  return match.codeKind !== 'sms';
}

/** The inputs of a match, in fill order. */
export function matchInputs(match: OtpFieldMatch): HTMLInputElement[] {
  return match.kind === 'single' ? [match.input] : match.inputs;
}

/** Finds MFA code fields under `root` (open shadow roots included), best score first. */
export function detectOtpFields(
  root: Document | ShadowRoot | Element,
  options: DetectOptions = {},
): OtpFieldMatch[] {
  const doc = root.nodeType === 9 ? (root as Document) : (root.ownerDocument ?? null);
  const view = options.view ?? doc?.defaultView ?? undefined;
  const layout = options.layout ?? (view ? windowLayout(view) : undefined);
  const scan = new Scan(view, layout);
  const inputs = collectInputs(root);

  const matches: OtpFieldMatch[] = [];
  const grouped = new Set<HTMLInputElement>();
  for (const group of scan.splitGroups(inputs)) {
    matches.push(group);
    if (group.kind === 'split') for (const box of group.inputs) grouped.add(box);
  }
  for (const input of inputs) {
    if (grouped.has(input)) continue;
    const match = scan.single(input);
    if (match) matches.push(match);
  }
  const order = new Map(inputs.map((input, index) => [input, index]));
  const position = (m: OtpFieldMatch) => order.get(matchInputs(m)[0] as HTMLInputElement) ?? 0;
  return matches.sort((a, b) => b.score - a.score || position(a) - position(b));
}

/** Every `<input>` under root in document order, descending into open shadow roots where their hosts are. */
export function collectInputs(root: Document | ShadowRoot | Element): HTMLInputElement[] {
  const out: HTMLInputElement[] = [];
  const visit = (scope: Document | ShadowRoot | Element) => {
    if (scope.nodeType === 1) {
      const el = scope as Element;
      if (isInput(el)) out.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
    for (const el of Array.from(scope.querySelectorAll('*'))) {
      if (isInput(el)) out.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(root);
  return out;
}

function isInput(el: Element): el is HTMLInputElement {
  return el.localName === 'input' && el.namespaceURI === 'http://www.w3.org/1999/xhtml';
}

function autocompleteTokens(input: HTMLInputElement): string[] {
  return (input.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

function maxLengthOf(input: HTMLInputElement): number | undefined {
  const raw = input.getAttribute('maxlength');
  if (raw === null) return undefined;
  const n = Number.parseInt(raw, 10);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Texts that belong to one field, normalised. `own` joins them all. */
interface FieldTexts {
  attrs: string;
  label: string;
  hints: string;
  own: string;
}

interface ContextFacts {
  specific?: string;
  generic?: string;
  sms?: string;
  hard?: string;
  hardCategory?: ExclusionCategory;
  text: string;
}

interface ShapeFacts {
  score: number;
  reasons: string[];
  numeric: boolean;
  /** maxlength outside 4–10: not a code field unless a strong signal says so. */
  wrongLength: boolean;
}

/** One detection run: caches label maps and context texts so each is computed once per page. */
class Scan {
  private readonly labelsByRoot = new Map<Node, Map<string, string>>();
  private readonly contextByElement = new Map<Element, ContextFacts>();
  private readonly textByElement = new Map<Element, string | undefined>();

  constructor(
    private readonly view: Window | undefined,
    private readonly layout: LayoutSource | undefined,
  ) {}

  single(input: HTMLInputElement): OtpFieldMatch | undefined {
    // 1. Type and autocomplete: the cheapest, most certain rejections.
    if (!FILLABLE_TYPES.has(input.type)) return undefined;
    if (maxLengthOf(input) === 1) return undefined; // a box of a split widget, handled as a group
    const role = input.getAttribute('role');
    if (role === 'combobox' || role === 'searchbox') return undefined;
    const ac = autocompleteTokens(input);
    const standard = ac.includes(ONE_TIME_CODE_AUTOCOMPLETE);
    if (!standard && ac.some((t) => FOREIGN_AUTOCOMPLETE.test(t))) return undefined;

    const texts = this.fieldTexts(input);
    const name = input.getAttribute('name') ?? '';
    const knownId = isKnownOtpFieldId(input.id) ? input.id : isKnownOtpFieldId(name) ? name : undefined;
    const known = knownId !== undefined;
    const strong = standard || known;
    const reasons: string[] = [];

    // 2. Hard exclusions win over every keyword; only the standard signal or a known id overrides them.
    const hard = findHardExclusion(texts.own);
    if (hard && !strong) return undefined;

    // 3–4. Standard signal, known ids, keywords.
    let score = 0;
    if (standard) {
      score += 100;
      reasons.push('autocomplete=one-time-code');
    }
    if (known) {
      score += 90;
      reasons.push(`known-id:${knownId}`);
    }
    const specific = findTotpSpecific(texts.own);
    const generic = specific ? undefined : findGenericCode(texts.own);
    const weak = specific || generic ? undefined : WEAK_CODE.find(texts.own);
    if (specific) {
      score += 60;
      reasons.push(`keyword:${specific}`);
    } else if (generic) {
      score += 45;
      reasons.push(`keyword:${generic}`);
    } else if (weak) {
      score += 15;
      reasons.push(`weak-keyword:${weak}`);
    }
    let sms = SMS_SIGNALS.find(texts.own);

    // 5. Identity exclusions lose to an authenticator keyword; a code keyword beside email/phone is an SMS code.
    // why: with a code keyword, only the visible texts count (an id like `dynamicPwd` names a 动态密码 field).
    const identityText = generic ? `${texts.label}${texts.hints}` : texts.own;
    const identity = strong || specific ? undefined : findIdentityExclusion(identityText);
    if (identity) {
      const mailOrPhone = identity.category === 'email' || identity.category === 'phone';
      if (mailOrPhone && (generic || weak)) sms ??= identity.phrase;
      else return undefined;
    }
    // why: "the code we sent to your phone" names a code only through its SMS wording.
    const smsCode = weak !== undefined && sms !== undefined;
    if (smsCode) {
      score += 30;
      reasons.push(`sms:${sms}`);
    }

    // 6. Shape.
    const shape = shapeOf(input);
    if (shape.wrongLength && !strong) return undefined;
    score += shape.score;
    reasons.push(...shape.reasons);
    // why: some sites use type=password for the code; a plain password field must never be a target.
    if (input.type === 'password' && !strong && !specific && !(generic && shape.score >= 15))
      return undefined;

    // 7. Surrounding text, computed only for candidates that still need it.
    const hasOwnSignal = strong || specific !== undefined || generic !== undefined || smsCode;
    // why: the surrounding text is the costliest read; only fields with some code hint get it.
    if (!hasOwnSignal && shape.score < 10 && !weak) return undefined;
    const context = this.contextFacts(input);
    if (!hasOwnSignal) {
      if (context.hard) return undefined;
      if (context.specific) {
        score += 35;
        reasons.push(`context:${context.specific}`);
      } else if (context.generic) {
        score += 30;
        reasons.push(`context:${context.generic}`);
      } else return undefined;
    }
    if (!strong && !specific) {
      // why: a generic "security code" on a checkout form is the card's CVC; "recovery code" links sit beside
      // real MFA fields, so only these categories count from the surroundings.
      if (
        context.hardCategory === 'card' ||
        context.hardCategory === 'coupon' ||
        context.hardCategory === 'postal'
      ) {
        return undefined;
      }
      if (this.hasCaptchaBeside(input)) return undefined;
    }
    if (score < MATCH_THRESHOLD) return undefined;

    // 8. Visibility last: it reads computed style and geometry.
    if (!this.fillable(input)) return undefined;

    const codeKind = decideCodeKind({ specific, sms, known, context });
    return { kind: 'single', input, score, codeKind, reasons };
  }

  /** Runs of 4–8 adjacent maxlength=1 boxes that look like one code widget. */
  splitGroups(inputs: HTMLInputElement[]): OtpFieldMatch[] {
    const visible = inputs.filter((i) => i.type !== 'hidden');
    const runs: HTMLInputElement[][] = [];
    let run: HTMLInputElement[] = [];
    for (const input of visible) {
      const isBox =
        FILLABLE_TYPES.has(input.type) &&
        maxLengthOf(input) === 1 &&
        !autocompleteTokens(input).some((t) => FOREIGN_AUTOCOMPLETE.test(t));
      const previous = run[run.length - 1];
      if (isBox && previous && areNeighbourBoxes(previous, input)) {
        run.push(input);
        continue;
      }
      if (run.length > 0) runs.push(run);
      run = isBox ? [input] : [];
    }
    if (run.length > 0) runs.push(run);

    const out: OtpFieldMatch[] = [];
    for (const boxes of runs) {
      if (boxes.length < 4 || boxes.length > 8) continue;
      const match = this.group(boxes);
      if (match) out.push(match);
    }
    return out;
  }

  private group(boxes: HTMLInputElement[]): OtpFieldMatch | undefined {
    const first = boxes[0] as HTMLInputElement;
    const reasons: string[] = [`split:${boxes.length}`];
    const standard = boxes.some((b) => autocompleteTokens(b).includes(ONE_TIME_CODE_AUTOCOMPLETE));
    const own = boxes.map((b) => this.fieldTexts(b).own).join(' ');
    const container = commonAncestor(boxes);
    const groupLabel = container
      ? normalizeText(labelledByText(container) + ' ' + (container.getAttribute('aria-label') ?? ''))
      : ' ';
    const ownText = `${own} ${groupLabel} `;
    if (findHardExclusion(ownText) && !standard) return undefined;
    const context = this.contextFacts(first);

    let score = boxes.length === 6 || boxes.length === 8 ? 50 : 20;
    if (standard) {
      score += 100;
      reasons.push('autocomplete=one-time-code');
    }
    const specific = findTotpSpecific(ownText) ?? context.specific;
    const generic = specific ? undefined : (findGenericCode(ownText) ?? context.generic);
    if (specific) {
      score += 40;
      reasons.push(`keyword:${specific}`);
    } else if (generic) {
      score += 30;
      reasons.push(`keyword:${generic}`);
    } else if (WEAK_CODE.find(ownText)) score += 10;
    if (boxes.every((b) => shapeOf(b).numeric)) {
      score += 10;
      reasons.push('numeric');
    }
    // why: six masked boxes are usually a payment PIN (支付密码), not an MFA code.
    const identity =
      findIdentityExclusion(ownText) ??
      (context.text.includes('支付') ? { category: 'password' } : undefined);
    if (!standard && !specific && (identity || boxes.some((b) => b.type === 'password'))) return undefined;
    if (!standard && !specific && context.hard) return undefined;
    if (score < MATCH_THRESHOLD) return undefined;
    if (!this.sameRowSameSize(boxes)) return undefined;
    if (!boxes.every((b) => this.fillable(b))) return undefined;
    const sms = SMS_SIGNALS.find(ownText);
    const codeKind = decideCodeKind({ specific, sms, known: false, context });
    return { kind: 'split', inputs: boxes, score, codeKind, reasons };
  }

  private fillable(input: HTMLInputElement): boolean {
    if (!this.view) return !input.disabled && !input.readOnly && input.type !== 'hidden';
    return isFillTarget(input, this.view, this.layout);
  }

  private sameRowSameSize(boxes: HTMLInputElement[]): boolean {
    if (!this.layout) return true;
    const rects = boxes.map((b) => (this.layout as LayoutSource).rect(b));
    const firstRect = rects[0];
    if (!firstRect || rects.every((r) => r.width === 0 && r.height === 0)) return true; // no layout engine
    return rects.every(
      (r) =>
        Math.abs(r.width - firstRect.width) <= 2 &&
        Math.abs(r.height - firstRect.height) <= 2 &&
        Math.abs(r.top - firstRect.top) <= 4,
    );
  }

  /** The field's own texts: id/name, labels (or the text just before it), placeholder, aria-label, data-*, title. */
  fieldTexts(input: HTMLInputElement): FieldTexts {
    const attrs = normalizeText(`${input.id} ${input.getAttribute('name') ?? ''}`);
    let labelRaw = '';
    if (input.id) labelRaw += this.labelFor(input) ?? '';
    const wrapping = input.closest('label');
    if (wrapping) labelRaw += ' ' + (wrapping.textContent ?? '');
    labelRaw += ' ' + labelledByText(input);
    if (labelRaw.trim() === '') labelRaw = precedingText(input);
    const label = normalizeText(labelRaw);
    let hintsRaw = [
      input.getAttribute('placeholder'),
      input.getAttribute('aria-label'),
      input.getAttribute('title'),
      describedByText(input),
    ]
      .filter(Boolean)
      .join(' ');
    for (const attr of Array.from(input.attributes)) {
      if (attr.name.startsWith('data-') && attr.value.length <= 80)
        hintsRaw += ` ${attr.name.slice(5)} ${attr.value}`;
    }
    const hints = normalizeText(hintsRaw);
    return { attrs, label, hints, own: `${attrs}${label}${hints}` };
  }

  private labelFor(input: HTMLInputElement): string | undefined {
    const root = input.getRootNode();
    let map = this.labelsByRoot.get(root);
    if (!map) {
      map = new Map();
      const scope = root as Document | ShadowRoot;
      if (typeof scope.querySelectorAll === 'function') {
        for (const label of Array.from(scope.querySelectorAll('label[for]'))) {
          const key = label.getAttribute('for') ?? '';
          map.set(key, `${map.get(key) ?? ''} ${label.textContent ?? ''}`);
        }
      }
      this.labelsByRoot.set(root, map);
    }
    return map.get(input.id);
  }

  /** Text around the field (headings, instructions, buttons), from a container of bounded size; cached. */
  contextFacts(input: HTMLInputElement): ContextFacts {
    let chosen: Element | null = input.parentElement;
    let text = chosen ? this.textOf(chosen) : undefined;
    let current = chosen;
    for (let level = 1; current && level < CONTEXT_MAX_LEVELS; level++) {
      const parent: Element | null = current.parentElement ?? hostOf(current);
      if (!parent) break;
      const parentText = this.textOf(parent);
      if (parentText === undefined) break;
      chosen = parent;
      text = parentText;
      current = parent;
    }
    if (!chosen) return { text: ' ' };
    const cached = this.contextByElement.get(chosen);
    if (cached) return cached;
    const normalized = normalizeText(text ?? '');
    const facts: ContextFacts = {
      text: normalized,
      specific: findTotpSpecific(normalized),
      generic: findGenericCode(normalized),
      sms: SMS_SIGNALS.find(normalized),
    };
    const hard = findHardExclusion(normalized);
    if (hard) {
      facts.hard = hard.phrase;
      facts.hardCategory = hard.category;
    }
    this.contextByElement.set(chosen, facts);
    return facts;
  }

  private textOf(element: Element): string | undefined {
    if (this.textByElement.has(element)) return this.textByElement.get(element);
    const text = boundedText(element);
    this.textByElement.set(element, text);
    return text;
  }

  /** An image or canvas right beside the field that looks like a captcha (or captcha words next to it). */
  private hasCaptchaBeside(input: HTMLInputElement): boolean {
    let scope: Element | null = input.parentElement;
    for (let level = 0; scope && level < 2; level++) {
      if (scope.querySelectorAll('input').length > 3) break;
      const nearText = this.textOf(scope);
      if (nearText !== undefined && findHardExclusion(normalizeText(nearText))?.category === 'captcha')
        return true;
      for (const image of Array.from(scope.querySelectorAll('img, canvas'))) {
        const hint = normalizeText(
          ['src', 'alt', 'title', 'id', 'class', 'name'].map((a) => image.getAttribute(a) ?? '').join(' '),
        );
        if (CAPTCHA_IMAGE_HINT.find(hint) || image.hasAttribute('onclick')) return true;
      }
      scope = scope.parentElement;
    }
    return false;
  }
}

function decideCodeKind(facts: {
  specific: string | undefined;
  sms: string | undefined;
  known: boolean;
  context: ContextFacts;
}): CodeKind {
  if (facts.specific) return 'totp';
  if (facts.sms) return 'sms';
  if (facts.context.sms && !facts.context.specific) return 'sms';
  if (facts.known || facts.context.specific) return 'totp';
  return 'unknown';
}

function shapeOf(input: HTMLInputElement): ShapeFacts {
  const reasons: string[] = [];
  let score = 0;
  const max = maxLengthOf(input);
  let wrongLength = false;
  if (max !== undefined) {
    if (max === 6 || max === 8) {
      score += 15;
      reasons.push(`maxlength=${max}`);
    } else if (max >= 4 && max <= 10) score += 5;
    else if (max > 1) wrongLength = true;
  }
  const inputMode = (input.getAttribute('inputmode') ?? '').toLowerCase();
  const pattern = input.getAttribute('pattern') ?? '';
  const numeric =
    inputMode === 'numeric' ||
    inputMode === 'decimal' ||
    input.type === 'tel' ||
    input.type === 'number' ||
    DIGITS_PATTERN.test(pattern);
  if (inputMode === 'numeric' || inputMode === 'decimal') {
    score += 10;
    reasons.push('inputmode=numeric');
  }
  if (DIGITS_PATTERN.test(pattern)) {
    score += 10;
    reasons.push('pattern=digits');
  }
  if (input.type === 'tel' || input.type === 'number') score += 5;
  return { score, reasons, numeric, wrongLength };
}

function hostOf(element: Element): Element | null {
  const root = element.getRootNode();
  return root.nodeType === 11 && 'host' in root ? (root as ShadowRoot).host : null;
}

function idsText(element: Element, attribute: string): string {
  const ids = element.getAttribute(attribute);
  if (!ids) return '';
  const root = element.getRootNode() as Document | ShadowRoot;
  if (typeof root.getElementById !== 'function') return '';
  return ids
    .split(/\s+/)
    .map((id) => root.getElementById(id)?.textContent ?? '')
    .join(' ');
}

function labelledByText(element: Element): string {
  return idsText(element, 'aria-labelledby');
}

function describedByText(element: Element): string {
  return idsText(element, 'aria-describedby');
}

/** Text of the nodes just before the field inside its container (a label without a `<label>`). */
function precedingText(input: HTMLInputElement): string {
  let collected = '';
  let node: Node | null = input;
  let visited = 0;
  for (let level = 0; node && level < 3; level++) {
    let sibling: Node | null = node.previousSibling;
    while (sibling && visited < 20 && collected.length < PRECEDING_TEXT_LIMIT) {
      visited++;
      if (sibling.nodeType === 1) {
        const el = sibling as Element;
        if (SKIPPED_TEXT_PARENTS.has(el.tagName.toUpperCase())) {
          sibling = sibling.previousSibling;
          continue;
        }
        // why: text before another field belongs to that field.
        if (
          el.matches('input:not([type=hidden]), select, textarea') ||
          el.querySelector('input:not([type=hidden]), select, textarea')
        ) {
          return collected;
        }
      }
      collected = `${sibling.textContent ?? ''} ${collected}`;
      sibling = sibling.previousSibling;
    }
    if (collected.trim() !== '' || visited >= 20) break;
    node = node.parentNode;
  }
  return collected.slice(-PRECEDING_TEXT_LIMIT);
}

/**
 * Visible-ish text of `element` (text nodes and button values, no scripts/styles), or undefined when it is
 * longer than the context limit or the walk visits too many nodes: the container is then too big to describe
 * one field.
 */
function boundedText(element: Element): string | undefined {
  const doc = element.ownerDocument;
  const walker = doc.createTreeWalker(element, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
  let text = '';
  let visited = 0;
  let node: Node | null = walker.nextNode();
  while (node) {
    if (++visited > CONTEXT_NODE_LIMIT) return undefined;
    if (node.nodeType === 3) {
      text += node.nodeValue ?? '';
    } else {
      const el = node as Element;
      if (SKIPPED_TEXT_PARENTS.has(el.tagName.toUpperCase())) {
        node = nextSkippingChildren(walker);
        continue;
      }
      if (isInput(el) && (el.type === 'button' || el.type === 'submit')) text += ` ${el.value} `;
      else if (el.localName === 'button' || el.localName === 'a' || el.localName === 'img') {
        text += ` ${el.getAttribute('aria-label') ?? el.getAttribute('alt') ?? ''} `;
      } else if (/^(div|p|li|h\d|label|span|section|form)$/.test(el.localName)) text += ' ';
    }
    if (text.length > CONTEXT_TEXT_LIMIT) return undefined;
    node = walker.nextNode();
  }
  return text;
}

function nextSkippingChildren(walker: TreeWalker): Node | null {
  const sibling = walker.nextSibling();
  if (sibling) return sibling;
  while (walker.parentNode()) {
    const next = walker.nextSibling();
    if (next) return next;
  }
  return null;
}

function areNeighbourBoxes(a: HTMLInputElement, b: HTMLInputElement): boolean {
  if (a.getRootNode() !== b.getRootNode()) return false;
  // why: boxes of one widget share a close ancestor (each box may sit in its own wrapper).
  let ancestor: Element | null = a.parentElement;
  for (let level = 0; ancestor && level < 3; level++) {
    if (ancestor.contains(b)) return depthBelow(b, ancestor) <= 3;
    ancestor = ancestor.parentElement;
  }
  return false;
}

function depthBelow(node: Element, ancestor: Element): number {
  let depth = 0;
  let current: Element | null = node;
  while (current && current !== ancestor) {
    current = current.parentElement;
    depth++;
  }
  return depth;
}

function commonAncestor(elements: Element[]): Element | null {
  const first = elements[0];
  let ancestor = first?.parentElement ?? null;
  while (ancestor && !elements.every((e) => ancestor?.contains(e))) ancestor = ancestor.parentElement;
  return ancestor;
}

// ---------------------------------------------------------------------------------------------------------
// Two consecutive codes

/**
 * Finds a form asking for two consecutive codes (AWS "MFA code 1 / MFA code 2", Alibaba 第一个/第二个验证码,
 * "enter two consecutive codes") among `matches` and returns the [first, second] fields, or null.
 */
export function pairConsecutiveCodeFields(
  matches: readonly OtpFieldMatch[],
  doc: Document,
): [OtpFieldMatch, OtpFieldMatch] | null {
  const candidates = matches.filter(
    (m) => m.codeKind !== 'sms' && matchInputs(m).every((i) => i.isConnected),
  );
  if (candidates.length < 2) return null;
  const scan = new Scan(doc.defaultView ?? undefined, undefined);
  const ordinals = candidates.map((m) => ({
    match: m,
    ordinal: ordinalOf(scan.fieldTexts(matchInputs(m)[0] as HTMLInputElement).own),
  }));
  const firsts = ordinals.filter((o) => o.ordinal === 1);
  const seconds = ordinals.filter((o) => o.ordinal === 2);
  if (firsts.length === 1 && seconds.length === 1) {
    return [(firsts[0] as (typeof ordinals)[number]).match, (seconds[0] as (typeof ordinals)[number]).match];
  }

  // Two code fields in one container whose text speaks of consecutive codes: document order.
  const byOrder = [...candidates].sort((a, b) => compareDocumentOrder(matchInputs(a)[0], matchInputs(b)[0]));
  for (let i = 0; i + 1 < byOrder.length; i++) {
    const a = byOrder[i] as OtpFieldMatch;
    const b = byOrder[i + 1] as OtpFieldMatch;
    const shared = commonAncestor([...matchInputs(a), ...matchInputs(b)]);
    if (!shared) continue;
    const inShared = candidates.filter((m) => matchInputs(m).every((input) => shared.contains(input)));
    if (inShared.length !== 2) continue;
    if (CONSECUTIVE_SIGNALS.find(normalizeText(shared.textContent?.slice(0, 4000) ?? ''))) return [a, b];
  }
  return null;
}

function ordinalOf(ownText: string): 1 | 2 | undefined {
  // why: "2-step", "two-factor" and "6 digits" are not ordinals.
  const text = ownText.replace(/ (2|two) (step|factor) /g, ' ').replace(/ \d+ digits? /g, ' ');
  const first = FIRST_MARKERS.find(text) !== undefined;
  const second = SECOND_MARKERS.find(text) !== undefined;
  if (first === second) return undefined;
  return first ? 1 : 2;
}

function compareDocumentOrder(a: Node | undefined, b: Node | undefined): number {
  if (!a || !b || a === b) return 0;
  // why: DOCUMENT_POSITION_FOLLOWING (4) means b comes after a.
  return a.compareDocumentPosition(b) & 4 ? -1 : 1;
}
