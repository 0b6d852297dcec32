/**
 * Forms that ask for two consecutive codes (AWS "MFA code 1 / MFA code 2", Alibaba 第一个/第二个验证码,
 * "enter two consecutive codes"): which detected field takes the current code and which the next one.
 */
import { CONSECUTIVE_SIGNALS, FIRST_MARKERS, SECOND_MARKERS, normalizeText } from './keywords';
import { commonAncestor } from './dom';
import { PageTexts } from './field-texts';
import { matchInputs, type OtpFieldMatch } from './match';

// why: the text of a whole form is enough to find "consecutive"; more only costs time on big pages.
const CONTAINER_TEXT_LIMIT = 4000;

/** The [first, second] fields of a two-code form among `matches`, or null. */
export function pairConsecutiveCodeFields(
  matches: readonly OtpFieldMatch[],
): [OtpFieldMatch, OtpFieldMatch] | null {
  const candidates = matches.filter(
    (m) => m.codeKind !== 'sms' && matchInputs(m).every((i) => i.isConnected),
  );
  if (candidates.length < 2) return null;
  const texts = new PageTexts();
  const ordinals = candidates.map((m) => ({
    match: m,
    ordinal: ordinalOf(texts.fieldTexts(matchInputs(m)[0] as HTMLInputElement).own),
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
    const text = normalizeText(shared.textContent?.slice(0, CONTAINER_TEXT_LIMIT) ?? '');
    if (CONSECUTIVE_SIGNALS.find(text)) return [a, b];
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
