/**
 * Split code widgets: runs of 4–8 adjacent one-character boxes that together take one code. A run is scored
 * as one field, from the texts of all its boxes, their shared container and the text around the first box.
 */
import {
  ONE_TIME_CODE_AUTOCOMPLETE,
  SMS_SIGNALS,
  WEAK_CODE,
  findGenericCode,
  findHardExclusion,
  findIdentityExclusion,
  findTotpSpecific,
  normalizeText,
} from './keywords';
import { FILLABLE_TYPES, autocompleteTokens, hasForeignAutocomplete, maxLengthOf } from './field-attributes';
import { commonAncestor, labelledByText } from './dom';
import {
  CODE_LENGTHS,
  MATCH_THRESHOLD,
  Tally,
  addKeywordPoints,
  decideCodeKind,
  shapeOf,
  type Scan,
} from './scoring';
import type { OtpFieldMatch } from './match';
import type { LayoutSource } from './visibility';

/** Points each signal adds to a split widget. */
export const SPLIT_GROUP_POINTS = {
  /** Six or eight boxes: a code's length. */
  codeBoxCount: 50,
  otherBoxCount: 20,
  standardAutocomplete: 100,
  keyword: { specific: 40, generic: 30, weak: 10 },
  /** Every box numeric (inputmode, pattern or type). */
  numeric: 10,
} as const;

const BOX_COUNT = { min: 4, max: 8 } as const;
// why: boxes of one widget share a close ancestor (each box may sit in its own wrapper).
const NEIGHBOUR_ANCESTOR_LEVELS = 3;
const NEIGHBOUR_MAX_DEPTH = 3;
// why: boxes of one widget are drawn alike; sub-pixel and border differences are not a different widget.
const SIZE_TOLERANCE_PX = 2;
const ROW_TOLERANCE_PX = 4;

/** Runs of 4–8 adjacent maxlength=1 boxes that look like one code widget. */
export function findSplitGroups(scan: Scan, inputs: HTMLInputElement[]): OtpFieldMatch[] {
  const out: OtpFieldMatch[] = [];
  for (const boxes of boxRuns(inputs)) {
    if (boxes.length < BOX_COUNT.min || boxes.length > BOX_COUNT.max) continue;
    const match = scoreGroup(scan, boxes);
    if (match) out.push(match);
  }
  return out;
}

function boxRuns(inputs: HTMLInputElement[]): HTMLInputElement[][] {
  const runs: HTMLInputElement[][] = [];
  let run: HTMLInputElement[] = [];
  for (const input of inputs) {
    const type = input.type; // why: read once; this loop sees every input of the page
    if (type === 'hidden') continue;
    const isBox = FILLABLE_TYPES.has(type) && maxLengthOf(input) === 1 && !hasForeignAutocomplete(input);
    const previous = run[run.length - 1];
    if (isBox && previous && areNeighbourBoxes(previous, input)) {
      run.push(input);
      continue;
    }
    if (run.length > 0) runs.push(run);
    run = isBox ? [input] : [];
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function scoreGroup(scan: Scan, boxes: HTMLInputElement[]): OtpFieldMatch | undefined {
  const first = boxes[0] as HTMLInputElement;
  const standard = boxes.some((b) => autocompleteTokens(b).includes(ONE_TIME_CODE_AUTOCOMPLETE));
  const own = boxes.map((b) => scan.texts.fieldTexts(b).own).join(' ');
  const container = commonAncestor(boxes);
  const groupLabel = container
    ? normalizeText(labelledByText(container) + ' ' + (container.getAttribute('aria-label') ?? ''))
    : ' ';
  const ownText = `${own} ${groupLabel} `;
  if (findHardExclusion(ownText) && !standard) return undefined;
  const context = scan.texts.contextFacts(first);

  const tally = new Tally();
  tally.add(
    CODE_LENGTHS.has(boxes.length) ? SPLIT_GROUP_POINTS.codeBoxCount : SPLIT_GROUP_POINTS.otherBoxCount,
    `split:${boxes.length}`,
  );
  if (standard) tally.add(SPLIT_GROUP_POINTS.standardAutocomplete, 'autocomplete=one-time-code');
  const specific = findTotpSpecific(ownText) ?? context.specific;
  const generic = specific ? undefined : (findGenericCode(ownText) ?? context.generic);
  const weak = specific || generic ? undefined : WEAK_CODE.find(ownText);
  addKeywordPoints(tally, { specific, generic, weak }, SPLIT_GROUP_POINTS.keyword, () => undefined);
  if (boxes.every((b) => shapeOf(b).numeric)) tally.add(SPLIT_GROUP_POINTS.numeric, 'numeric');
  // why: six masked boxes are usually a payment PIN (支付密码), not an MFA code.
  const identity =
    findIdentityExclusion(ownText) ?? (context.text.includes('支付') ? { category: 'password' } : undefined);
  if (!standard && !specific && (identity || boxes.some((b) => b.type === 'password'))) return undefined;
  if (!standard && !specific && context.hard) return undefined;
  if (tally.score < MATCH_THRESHOLD) return undefined;
  if (!sameRowSameSize(scan.layout, boxes)) return undefined;
  if (!boxes.every((b) => scan.fillable(b))) return undefined;
  const sms = SMS_SIGNALS.find(ownText);
  const codeKind = decideCodeKind({ specific, sms, known: false, context });
  return { kind: 'split', inputs: boxes, score: tally.score, codeKind, reasons: tally.reasons };
}

function sameRowSameSize(layout: LayoutSource | undefined, boxes: HTMLInputElement[]): boolean {
  if (!layout) return true;
  const rects = boxes.map((b) => layout.rect(b));
  const firstRect = rects[0];
  if (!firstRect || rects.every((r) => r.width === 0 && r.height === 0)) return true; // no layout engine
  return rects.every(
    (r) =>
      Math.abs(r.width - firstRect.width) <= SIZE_TOLERANCE_PX &&
      Math.abs(r.height - firstRect.height) <= SIZE_TOLERANCE_PX &&
      Math.abs(r.top - firstRect.top) <= ROW_TOLERANCE_PX,
  );
}

function areNeighbourBoxes(a: HTMLInputElement, b: HTMLInputElement): boolean {
  if (a.getRootNode() !== b.getRootNode()) return false;
  let ancestor: Element | null = a.parentElement;
  for (let level = 0; ancestor && level < NEIGHBOUR_ANCESTOR_LEVELS; level++) {
    if (ancestor.contains(b)) return depthBelow(b, ancestor) <= NEIGHBOUR_MAX_DEPTH;
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
