/**
 * MFA code field detection: ordered checks over a Document, ShadowRoot or Element.
 *
 * Per input, cheapest first: type and autocomplete tokens → hard exclusions (search, coupon, postal, card,
 * captcha, recovery) → the standard signal (autocomplete=one-time-code) → known ids/names → keywords in the
 * field's own texts (id, name, labels, placeholder, aria-label, data-*, title) → identity exclusions
 * (username/email/password/phone) → shape (maxlength, inputmode, pattern, type) → the surrounding text, only for
 * candidates that need it → visibility (computed style, geometry) last, only for fields that scored.
 * Groups of 4–8 adjacent one-character boxes are detected as one split field.
 *
 * The steps live beside this file: field-texts.ts (what describes a field), scoring.ts (one field, named
 * weights), split-groups.ts (split widgets), code-pairs.ts (two-code forms), match.ts (the result type).
 */
import { isInput } from './dom';
import { PageTexts } from './field-texts';
import { matchInputs, type OtpFieldMatch } from './match';
import { scoreSingleField, type Scan } from './scoring';
import { findSplitGroups } from './split-groups';
import { isFillTarget, windowLayout, type LayoutSource } from './visibility';

export interface DetectOptions {
  /** The window the root lives in; defaults to the root's document's window. */
  view?: Window;
  /** Geometry and computed style; defaults to the view's. Unit tests inject one (happy-dom has no layout). */
  layout?: LayoutSource;
}

/** Finds MFA code fields under `root` (open shadow roots included), best score first. */
export function detectOtpFields(
  root: Document | ShadowRoot | Element,
  options: DetectOptions = {},
): OtpFieldMatch[] {
  const doc = root.nodeType === 9 ? (root as Document) : (root.ownerDocument ?? null);
  const view = options.view ?? doc?.defaultView ?? undefined;
  const layout = options.layout ?? (view ? windowLayout(view) : undefined);
  const inputs = collectInputs(root);
  if (inputs.length === 0) return []; // why: most pages have no input; nothing else is read or built
  const scan: Scan = {
    texts: new PageTexts(),
    layout,
    fillable: (input) =>
      view
        ? isFillTarget(input, view, layout)
        : !input.disabled && !input.readOnly && input.type !== 'hidden',
  };

  const matches: OtpFieldMatch[] = [];
  const grouped = new Set<HTMLInputElement>();
  for (const group of findSplitGroups(scan, inputs)) {
    matches.push(group);
    if (group.kind === 'split') for (const box of group.inputs) grouped.add(box);
  }
  for (const input of inputs) {
    if (grouped.has(input)) continue;
    const match = scoreSingleField(scan, input);
    if (match) matches.push(match);
  }
  if (matches.length < 2) return matches;
  const order = new Map(inputs.map((input, index) => [input, index]));
  const position = (m: OtpFieldMatch) => order.get(matchInputs(m)[0] as HTMLInputElement) ?? 0;
  return matches.sort((a, b) => b.score - a.score || position(a) - position(b));
}

/** Every `<input>` under root in document order, descending into open shadow roots where their hosts are. */
export function collectInputs(root: Document | ShadowRoot | Element): HTMLInputElement[] {
  // why: the common page has no open shadow root; one element walk reading only `shadowRoot` (a TreeWalker,
  // several times cheaper than indexing a NodeList) proves it, then one native query finds the inputs.
  if (!hasOpenShadowRoot(root)) {
    const out: HTMLInputElement[] = [];
    if (root.nodeType === 1 && isInput(root as Element)) out.push(root as HTMLInputElement);
    // why: `input` matches only elements named input; the namespace tells an HTML one from an XML one.
    const found = root.querySelectorAll('input');
    for (let i = 0; i < found.length; i++) {
      const el = found[i] as HTMLInputElement;
      if (el.namespaceURI === XHTML_NAMESPACE) out.push(el);
    }
    return out;
  }
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

const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

function hasOpenShadowRoot(root: Document | ShadowRoot | Element): boolean {
  if (root.nodeType === 1 && (root as Element).shadowRoot) return true;
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  if (!doc) return true; // no walker to be had: take the general path
  const walker = doc.createTreeWalker(root, 0x1 /* SHOW_ELEMENT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node as Element).shadowRoot) return true;
  }
  return false;
}
