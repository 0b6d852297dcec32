/**
 * The texts that describe a field: its own (id/name, labels, placeholder, aria-*, data-*, title) and the text
 * around it (headings, instructions, buttons), normalised for the keyword tables. One `PageTexts` per detection
 * run caches label maps and container texts, so each is read once per page.
 */
import {
  SMS_SIGNALS,
  findGenericCode,
  findHardExclusion,
  findTotpSpecific,
  normalizeText,
  type ExclusionCategory,
} from './keywords';
import { hostOf, isInput, textOfIds } from './dom';

/** Texts that belong to one field, normalised. `own` joins them all. */
export interface FieldTexts {
  attrs: string;
  label: string;
  hints: string;
  own: string;
}

/** What the text around a field says (keywords found in it), and the text itself. */
export interface ContextFacts {
  specific?: string;
  generic?: string;
  sms?: string;
  hard?: string;
  hardCategory?: ExclusionCategory;
  text: string;
}

const SKIPPED_TEXT_PARENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG']);
const CONTEXT_TEXT_LIMIT = 1000;
const CONTEXT_NODE_LIMIT = 400;
const CONTEXT_MAX_LEVELS = 6;
const PRECEDING_TEXT_LIMIT = 120;
const PRECEDING_MAX_LEVELS = 3;
const PRECEDING_MAX_NODES = 20;
const DATA_ATTRIBUTE_MAX_CHARS = 80;
const BLOCK_MAX_LEVELS = 4;
const BLOCK_FIELDS =
  'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button]), select, textarea';

export class PageTexts {
  private readonly labelsByRoot = new Map<Node, Map<string, Element[]>>();
  private readonly contextByElement = new Map<Element, ContextFacts>();
  private readonly textByElement = new Map<Element, string | undefined>();
  private readonly textsByInput = new Map<HTMLInputElement, FieldTexts>();
  private readonly rawByInput = new Map<HTMLInputElement, RawFieldTexts>();

  /** The field's own texts: id/name, labels (or the text just before it), placeholder, aria-label, data-*, title. */
  fieldTexts(input: HTMLInputElement): FieldTexts {
    // why: a field is described again by its neighbours' checks (card forms); read its texts once per run.
    let texts = this.textsByInput.get(input);
    if (!texts) {
      const raw = this.rawTexts(input);
      const attrs = normalizeText(raw.attrs);
      const label = normalizeText(raw.label);
      const hints = normalizeText(raw.hints);
      texts = { attrs, label, hints, own: `${attrs}${label}${hints}` };
      this.textsByInput.set(input, texts);
    }
    return texts;
  }

  /**
   * All of the field's own texts normalised in one piece: the same words in the same order as `own` (only
   * the spaces between the parts differ), so a keyword absent here is absent from `own`. One normalisation
   * instead of three for the many inputs that are dropped on it.
   */
  ownTextsJoined(input: HTMLInputElement): string {
    const raw = this.rawTexts(input);
    return normalizeText(`${raw.attrs} ${raw.label} ${raw.hints}`);
  }

  private rawTexts(input: HTMLInputElement): RawFieldTexts {
    let raw = this.rawByInput.get(input);
    if (!raw) {
      raw = readFieldTexts(input, this.labelFor(input));
      this.rawByInput.set(input, raw);
    }
    return raw;
  }

  private labelFor(input: HTMLInputElement): string | undefined {
    if (!input.id) return undefined;
    const root = input.getRootNode();
    let map = this.labelsByRoot.get(root);
    if (!map) {
      map = new Map();
      const scope = root as Document | ShadowRoot;
      if (typeof scope.querySelectorAll === 'function') {
        // why: the labels' text is read only for the inputs asked about; on a big form most inputs are
        // rejected on their type or autocomplete before their label matters.
        const labels = scope.querySelectorAll('label[for]');
        for (let i = 0; i < labels.length; i++) {
          const label = labels[i] as Element;
          const key = label.getAttribute('for') ?? '';
          const list = map.get(key);
          if (list) list.push(label);
          else map.set(key, [label]);
        }
      }
      this.labelsByRoot.set(root, map);
    }
    const labels = map.get(input.id);
    if (!labels) return undefined;
    let text = '';
    for (const label of labels) text += ` ${label.textContent ?? ''}`;
    return text;
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

  /**
   * Keywords in the field's own block: the largest ancestor (a few levels up) holding no other field, e.g. the
   * "Authenticator app" section of a page that also offers an SMS code.
   */
  blockFacts(input: HTMLInputElement): { specific?: string; sms?: string } {
    let block: Element | null = null;
    let current = input.parentElement;
    for (let level = 0; current && level < BLOCK_MAX_LEVELS; level++) {
      const fields = current.querySelectorAll(BLOCK_FIELDS);
      if (fields.length !== 1) break;
      block = current;
      current = current.parentElement;
    }
    const text = block ? this.textOf(block) : undefined;
    if (text === undefined) return {};
    const normalized = normalizeText(text);
    return { specific: findTotpSpecific(normalized), sms: SMS_SIGNALS.find(normalized) };
  }

  /** The bounded text of `element` (see `boundedText`), cached. */
  textOf(element: Element): string | undefined {
    if (this.textByElement.has(element)) return this.textByElement.get(element);
    const text = boundedText(element);
    this.textByElement.set(element, text);
    return text;
  }
}

/** The field's own texts as the page wrote them. */
interface RawFieldTexts {
  attrs: string;
  label: string;
  hints: string;
}

function readFieldTexts(input: HTMLInputElement, forLabel: string | undefined): RawFieldTexts {
  // why: one pass over the attribute names, reading only the values needed (this runs for most inputs of a
  // page); `attributes[i]` would create an Attr node per attribute. getAttribute returns the first attribute
  // of a name, as before.
  let name: string | undefined;
  let placeholder: string | undefined;
  let ariaLabel: string | undefined;
  let title: string | undefined;
  let labelledBy: string | undefined;
  let describedBy: string | undefined;
  let data = '';
  const names = input.getAttributeNames();
  for (let i = 0; i < names.length; i++) {
    const attrName = names[i] as string;
    if (attrName.startsWith('data-')) {
      const value = input.getAttribute(attrName) ?? '';
      if (value.length <= DATA_ATTRIBUTE_MAX_CHARS) data += ` ${attrName.slice(5)} ${value}`;
      continue;
    }
    switch (attrName) {
      case 'name':
        name ??= input.getAttribute(attrName) ?? undefined;
        break;
      case 'placeholder':
        placeholder ??= input.getAttribute(attrName) ?? undefined;
        break;
      case 'aria-label':
        ariaLabel ??= input.getAttribute(attrName) ?? undefined;
        break;
      case 'title':
        title ??= input.getAttribute(attrName) ?? undefined;
        break;
      case 'aria-labelledby':
        labelledBy ??= input.getAttribute(attrName) ?? undefined;
        break;
      case 'aria-describedby':
        describedBy ??= input.getAttribute(attrName) ?? undefined;
        break;
    }
  }
  const attrs = `${input.id} ${name ?? ''}`;
  let label = forLabel ?? '';
  const wrapping = input.closest('label');
  if (wrapping) label += ' ' + (wrapping.textContent ?? '');
  label += ' ' + textOfIds(input, labelledBy ?? null);
  if (label.trim() === '') label = precedingText(input);
  let hints = '';
  for (const hint of [placeholder, ariaLabel, title, textOfIds(input, describedBy ?? null)]) {
    if (hint) hints = hints === '' ? hint : `${hints} ${hint}`;
  }
  return { attrs, label, hints: hints + data };
}

/** Text of the nodes just before the field inside its container (a label without a `<label>`). */
function precedingText(input: HTMLInputElement): string {
  let collected = '';
  let node: Node | null = input;
  let visited = 0;
  for (let level = 0; node && level < PRECEDING_MAX_LEVELS; level++) {
    let sibling: Node | null = node.previousSibling;
    while (sibling && visited < PRECEDING_MAX_NODES && collected.length < PRECEDING_TEXT_LIMIT) {
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
    if (collected.trim() !== '' || visited >= PRECEDING_MAX_NODES) break;
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
