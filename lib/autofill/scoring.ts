/**
 * Scoring one input as an MFA code field: ordered checks, cheapest first, with named weights. Hard exclusions
 * beat every keyword; only the standard signal (autocomplete=one-time-code) or a known field id overrides them.
 */
import {
  ONE_TIME_CODE_AUTOCOMPLETE,
  SMS_SIGNALS,
  WEAK_CODE,
  findGenericCode,
  findHardExclusion,
  findIdentityExclusion,
  findTotpSpecific,
  hasCodeKeyword,
  isKnownOtpFieldId,
} from './keywords';
import {
  FILLABLE_TYPES,
  autocompleteTokens,
  isForeignAutocompleteToken,
  maxLengthOf,
} from './field-attributes';
import type { ContextFacts, PageTexts } from './field-texts';
import {
  DEFAULT_CODE_DIGITS,
  SHORTEST_AUTHENTICATOR_CODE,
  canHoldSomeCode,
  captchaBeside,
  cardFieldInFormOf,
} from './form-context';
import type { LayoutSource } from './visibility';
import type { CodeKind, OtpFieldMatch } from './match';

/** Score a candidate needs to be reported. */
export const MATCH_THRESHOLD = 45;

/** Keyword strengths, strongest first: authenticator wording, a one-time-code phrase, a bare "code"/"pin". */
export interface KeywordPoints {
  specific: number;
  generic: number;
  weak: number;
}

/** Points each signal adds to a single field. */
export const SINGLE_FIELD_POINTS = {
  standardAutocomplete: 100,
  knownFieldId: 90,
  ownKeyword: { specific: 60, generic: 45, weak: 15 } satisfies KeywordPoints,
  /** A weak keyword beside SMS/e-mail wording ("the code we sent to your phone"). */
  smsWording: 30,
  /** Keywords in the surrounding text, for a field whose own texts say nothing. */
  contextKeyword: { specific: 35, generic: 30 },
} as const;

/** Points the field's shape adds. */
export const SHAPE_POINTS = {
  codeMaxLength: 15,
  plausibleMaxLength: 5,
  numericInputMode: 10,
  digitsPattern: 10,
  numericType: 5,
} as const;

// why: a type=password field with only a generic keyword must also look like a code (a code maxlength).
const PASSWORD_MIN_SHAPE_POINTS = SHAPE_POINTS.codeMaxLength;
// why: without any keyword of its own, a field must at least look numeric before its surroundings are read.
const CONTEXT_MIN_SHAPE_POINTS = SHAPE_POINTS.numericInputMode;

/** Lengths real codes have (maxlength of a field, number of boxes of a split widget). */
export const CODE_LENGTHS: ReadonlySet<number> = new Set([6, 8]);
const PLAUSIBLE_MAX_LENGTH = { min: 4, max: 10 } as const;
const DIGITS_PATTERN = /\\d|0-9/;
/** What one detection run knows about the page: its texts (cached) and whether a field can take a code. */
export interface Scan {
  readonly texts: PageTexts;
  readonly layout: LayoutSource | undefined;
  fillable(input: HTMLInputElement): boolean;
}

/** A running score and the reasons for it. */
export class Tally {
  score = 0;
  readonly reasons: string[] = [];
  add(points: number, reason?: string): void {
    this.score += points;
    if (reason !== undefined) this.reasons.push(reason);
  }
}

export interface Keywords {
  specific: string | undefined;
  generic: string | undefined;
  weak: string | undefined;
}

/** Adds the points of the strongest keyword found; a weak one is named only when `weakReason` says so. */
export function addKeywordPoints(
  tally: Tally,
  found: Keywords,
  points: KeywordPoints,
  weakReason: (phrase: string) => string | undefined,
): void {
  if (found.specific) tally.add(points.specific, `keyword:${found.specific}`);
  else if (found.generic) tally.add(points.generic, `keyword:${found.generic}`);
  else if (found.weak) tally.add(points.weak, weakReason(found.weak));
}

/**
 * Where the code comes from, nearest evidence first: the field's id/name naming SMS (`sms_code`), its own
 * texts, its own block (the largest ancestor holding no other field: one section of a page offering SMS and
 * an authenticator app side by side), then the wider context.
 */
export function decideCodeKind(facts: {
  specific: string | undefined;
  sms: string | undefined;
  known: boolean;
  context: ContextFacts;
  /** The SMS wording of the field's id/name, when its id/name has no authenticator wording. */
  attrsSms?: string | undefined;
  block?: { specific?: string | undefined; sms?: string | undefined };
}): CodeKind {
  if (facts.attrsSms) return 'sms';
  if (facts.specific) return 'totp';
  if (facts.sms) return 'sms';
  if (facts.block?.specific) return 'totp';
  if (facts.block?.sms) return 'sms';
  if (facts.context.sms && !facts.context.specific) return 'sms';
  if (facts.known || facts.context.specific) return 'totp';
  return 'unknown';
}

interface ShapeFacts {
  score: number;
  reasons: string[];
  numeric: boolean;
  /** maxlength outside 4–10: not a code field unless a strong signal says so. */
  wrongLength: boolean;
}

export function shapeOf(input: HTMLInputElement): ShapeFacts {
  const tally = new Tally();
  const max = maxLengthOf(input);
  let wrongLength = false;
  if (max !== undefined) {
    if (CODE_LENGTHS.has(max)) tally.add(SHAPE_POINTS.codeMaxLength, `maxlength=${max}`);
    else if (max >= PLAUSIBLE_MAX_LENGTH.min && max <= PLAUSIBLE_MAX_LENGTH.max)
      tally.add(SHAPE_POINTS.plausibleMaxLength);
    else if (max > 1) wrongLength = true;
  }
  const inputMode = (input.getAttribute('inputmode') ?? '').toLowerCase();
  const numericMode = inputMode === 'numeric' || inputMode === 'decimal';
  const digitsPattern = DIGITS_PATTERN.test(input.getAttribute('pattern') ?? '');
  const numericType = input.type === 'tel' || input.type === 'number';
  if (numericMode) tally.add(SHAPE_POINTS.numericInputMode, 'inputmode=numeric');
  if (digitsPattern) tally.add(SHAPE_POINTS.digitsPattern, 'pattern=digits');
  if (numericType) tally.add(SHAPE_POINTS.numericType);
  const numeric = numericMode || numericType || digitsPattern;
  return { score: tally.score, reasons: tally.reasons, numeric, wrongLength };
}

/** Scores one input (not a box of a split widget); undefined when it is not an MFA code field. */
export function scoreSingleField(scan: Scan, input: HTMLInputElement): OtpFieldMatch | undefined {
  // 1. Type and autocomplete: the cheapest, most certain rejections.
  if (!FILLABLE_TYPES.has(input.type)) return undefined;
  if (maxLengthOf(input) === 1) return undefined; // a box of a split widget, handled as a group
  const role = input.getAttribute('role');
  if (role === 'combobox' || role === 'searchbox') return undefined;
  const tokens = autocompleteTokens(input);
  const standard = tokens.includes(ONE_TIME_CODE_AUTOCOMPLETE);
  if (!standard && tokens.some(isForeignAutocompleteToken)) return undefined;

  const name = input.getAttribute('name') ?? '';
  const knownId = isKnownOtpFieldId(input.id) ? input.id : isKnownOtpFieldId(name) ? name : undefined;
  const known = knownId !== undefined;
  const strong = standard || known;

  // why: most inputs of a page (names, addresses, quantities) have no code wording and no numeric shape; they
  // end at step 7 whatever the exclusions say, so they are dropped first, on one normalisation of their texts
  // (a keyword absent from the joined texts is absent from each part).
  const shape = shapeOf(input);
  // why: a maxlength no code has (a 120-character note) ends the field at step 6 unless a strong signal
  // speaks for it, and every step before that can only reject: decided here, before any text is read.
  if (shape.wrongLength && !strong) return undefined;
  if (!strong && shape.score < CONTEXT_MIN_SHAPE_POINTS) {
    if (!hasCodeKeyword(scan.texts.ownTextsJoined(input))) return undefined;
  }

  const texts = scan.texts.fieldTexts(input);
  const specific = findTotpSpecific(texts.own);
  const generic = specific ? undefined : findGenericCode(texts.own);
  const weak = specific || generic ? undefined : WEAK_CODE.find(texts.own);

  // 2. Hard exclusions win over every keyword; only the standard signal or a known id overrides them.
  if (findHardExclusion(texts.own) && !strong) return undefined;

  // 3–4. Standard signal, known ids, keywords.
  const tally = new Tally();
  if (standard) tally.add(SINGLE_FIELD_POINTS.standardAutocomplete, 'autocomplete=one-time-code');
  if (known) tally.add(SINGLE_FIELD_POINTS.knownFieldId, `known-id:${knownId}`);
  addKeywordPoints(
    tally,
    { specific, generic, weak },
    SINGLE_FIELD_POINTS.ownKeyword,
    (w) => `weak-keyword:${w}`,
  );
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
  if (smsCode) tally.add(SINGLE_FIELD_POINTS.smsWording, `sms:${sms}`);

  // 6. Shape (a wrong maxlength was rejected before the texts were read).
  // why: a field too short (maxlength, size) or patterned for the code would take a truncated code; only
  // authenticator wording allows 5 characters (Steam Guard), the account's real length is checked at fill time.
  const minDigits = strong || specific ? SHORTEST_AUTHENTICATOR_CODE : DEFAULT_CODE_DIGITS;
  if (!canHoldSomeCode(input, minDigits)) return undefined;
  tally.add(shape.score);
  tally.reasons.push(...shape.reasons);
  // why: some sites use type=password for the code; a plain password field must never be a target.
  if (
    input.type === 'password' &&
    !strong &&
    !specific &&
    !(generic && shape.score >= PASSWORD_MIN_SHAPE_POINTS)
  )
    return undefined;

  // 7. Surrounding text, computed only for candidates that still need it.
  const hasOwnSignal = strong || specific !== undefined || generic !== undefined || smsCode;
  // why: the surrounding text is the costliest read; only fields with some code hint get it.
  if (!hasOwnSignal && shape.score < CONTEXT_MIN_SHAPE_POINTS && !weak) return undefined;
  const context = scan.texts.contextFacts(input);
  if (!hasOwnSignal) {
    if (context.hard) return undefined;
    if (context.specific)
      tally.add(SINGLE_FIELD_POINTS.contextKeyword.specific, `context:${context.specific}`);
    else if (context.generic)
      tally.add(SINGLE_FIELD_POINTS.contextKeyword.generic, `context:${context.generic}`);
    else return undefined;
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
    if (captchaBeside(scan.texts, input)) return undefined;
  }
  // why: in a form that also asks for a card number, expiry or holder, "security code" is the card's CVC.
  if (!strong && cardFieldInFormOf(scan.texts, input)) return undefined;
  if (tally.score < MATCH_THRESHOLD) return undefined;

  // 8. Visibility last: it reads computed style and geometry.
  if (!scan.fillable(input)) return undefined;

  const attrsSms = findTotpSpecific(texts.attrs) ? undefined : SMS_SIGNALS.find(texts.attrs);
  const block = scan.texts.blockFacts(input);
  const codeKind = decideCodeKind({ specific, sms, known, context, attrsSms, block });
  return { kind: 'single', input, score: tally.score, codeKind, reasons: tally.reasons };
}
