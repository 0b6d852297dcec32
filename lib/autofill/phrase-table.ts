/**
 * The phrase matcher behind `compilePhrases` (keywords.ts): the same answers as testing every phrase of a
 * table in order, at the cost of looking up the text's own words instead of scanning it once per phrase.
 * Detection asks about a dozen tables (several hundred phrases) for every input of the page, so on a page with
 * thousands of inputs the per-phrase scan was most of the detection time.
 *
 * How a phrase matches (unchanged): an ASCII phrase as whole words (` one time code `, or glued `onetimecode`),
 * or anywhere with `insideWords`; a non-ASCII phrase (CJK, Cyrillic, accented) anywhere in the text with its
 * spaces removed. Index: a whole-word phrase can only match where its first word (or its glued form) is a word
 * of the text; a non-ASCII phrase only where its first non-ASCII character occurs in the text. Only those
 * candidates are then tested exactly, in table order.
 */
import type { PhraseOptions, PhraseTable } from './keywords';

// why: entries are plain data tested by one function (no closure per phrase): tables are built during the
// first detection of a page, in cold code.
const INSIDE = 0;
const WORDS = 1;
const COMPACT = 2;
interface Entry {
  phrase: string;
  /** INSIDE: `a` anywhere; WORDS: ` a ` or its glued form `b`; COMPACT: `a` in the text without spaces. */
  kind: typeof INSIDE | typeof WORDS | typeof COMPACT;
  a: string;
  b: string | undefined;
}

/** The text without its spaces, made once per lookup and only if a non-ASCII phrase needs it. */
interface Compact {
  text: string | undefined;
}

function passes(entry: Entry, text: string, compact: Compact): boolean {
  if (entry.kind === WORDS)
    return text.includes(entry.a) || (entry.b !== undefined && text.includes(entry.b));
  if (entry.kind === INSIDE) return text.includes(entry.a);
  compact.text ??= text.replace(/ /g, '');
  return compact.text.includes(entry.a);
}

const ASCII_ONLY = /^[\x20-\x7e]*$/;
const NON_ASCII = /[^\x20-\x7e]/;
/**
 * Text `normalize` leaves unchanged: words one space apart, made of lower-case ASCII letters and digits (no
 * digit right after a letter) and of letters that are already lower case and NFKC-stable: Latin-1 (ß, à–ÿ),
 * Cyrillic а–я/ё, kana, CJK ideographs, Hangul syllables.
 */
export const NORMALISED =
  /^(?![^]*[a-z][0-9])[a-z0-9\u00df\u00e0-\u00f6\u00f8-\u00ff\u0430-\u044f\u0451\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff\uac00-\ud7a3]+(?: [a-z0-9\u00df\u00e0-\u00f6\u00f8-\u00ff\u0430-\u044f\u0451\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff\uac00-\ud7a3]+)*$/;

// why: the same text is asked of many tables in a row (own texts against every keyword table); its word list
// is split once.
let lastText: string | undefined;
let lastWords: string[] = [];
function wordsOf(text: string): string[] {
  if (text !== lastText) {
    lastText = text;
    lastWords = text.split(' ');
  }
  return lastWords;
}

function pushTo(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== index) list.push(index);
  } else map.set(key, [index]);
}

export function buildPhraseTable(
  phrases: readonly string[],
  normalize: (raw: string) => string,
  options: PhraseOptions = {},
): PhraseTable {
  const entries: Entry[] = [];
  /** Whole-word phrases by their first word and by their glued form. */
  const byWord = new Map<string, number[]>();
  /** Non-ASCII phrases by their first non-ASCII UTF-16 unit. */
  const byChar = new Map<string, number[]>();
  /** Phrases tested against every text (inside-word ASCII phrases, degenerate empty phrases). */
  const always: number[] = [];

  // why: built on first use, not at load: a page without inputs (most pages) never normalises the tables.
  let built = false;
  const build = () => {
    built = true;
    for (let index = 0; index < phrases.length; index++) indexPhrase(phrases[index] as string, index);
  };
  const indexPhrase = (phrase: string, index: number) => {
    // why: most table entries are already in normalised form (ASCII or not); normalising ~1,500 phrases
    // costs milliseconds.
    const norm = NORMALISED.test(phrase) ? phrase : normalize(phrase).trim();
    const ascii = ASCII_ONLY.test(norm);
    if (ascii && (options.insideWords || norm === '')) {
      entries.push({ phrase, kind: INSIDE, a: norm, b: undefined });
      always.push(index);
    } else if (ascii) {
      const space = norm.indexOf(' ');
      const glued = space >= 0 ? ` ${norm.replace(/ /g, '')} ` : undefined;
      entries.push({ phrase, kind: WORDS, a: ` ${norm} `, b: glued });
      pushTo(byWord, space >= 0 ? norm.slice(0, space) : norm, index);
      if (glued !== undefined) pushTo(byWord, glued.slice(1, -1), index);
    } else {
      const compact = norm.replace(/ /g, '');
      entries.push({ phrase, kind: COMPACT, a: compact, b: undefined });
      const first = NON_ASCII.exec(compact)?.[0] as string;
      pushTo(byChar, first, index);
    }
  };

  // why: written as plain loops without callbacks: this runs a dozen times per input, mostly while the code
  // is still cold (the first detection of a page).
  /** Indices of the phrases that may occur in `text` (unordered, possibly repeated), then `test` on each. */
  function candidates(text: string): number[] {
    const out: number[] = always.length > 0 ? always.slice() : [];
    if (byWord.size > 0) {
      const words = wordsOf(text);
      for (let w = 0; w < words.length; w++) {
        const word = words[w] as string;
        if (word === '') continue;
        const list = byWord.get(word);
        if (list) for (let i = 0; i < list.length; i++) out.push(list[i] as number);
      }
    }
    if (byChar.size > 0 && NON_ASCII.test(text)) {
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code >= 0x20 && code <= 0x7e) continue;
        const list = byChar.get(text.charAt(i));
        if (list) for (let j = 0; j < list.length; j++) out.push(list[j] as number);
      }
    }
    return out;
  }

  return {
    phrases,
    find(normalized) {
      if (!built) build();
      // why: the lowest passing index, found without building or sorting a candidate list.
      const compact: Compact = { text: undefined };
      let best = Infinity;
      for (let i = 0; i < always.length; i++) {
        const index = always[i] as number;
        if (index < best && passes(entries[index] as Entry, normalized, compact)) best = index;
      }
      if (byWord.size > 0) {
        const words = wordsOf(normalized);
        for (let w = 0; w < words.length; w++) {
          const word = words[w] as string;
          if (word === '') continue;
          const list = byWord.get(word);
          if (!list) continue;
          for (let i = 0; i < list.length; i++) {
            const index = list[i] as number;
            if (index < best && passes(entries[index] as Entry, normalized, compact)) best = index;
          }
        }
      }
      if (byChar.size > 0 && NON_ASCII.test(normalized)) {
        for (let c = 0; c < normalized.length; c++) {
          const code = normalized.charCodeAt(c);
          if (code >= 0x20 && code <= 0x7e) continue;
          const list = byChar.get(normalized.charAt(c));
          if (!list) continue;
          for (let i = 0; i < list.length; i++) {
            const index = list[i] as number;
            if (index < best && passes(entries[index] as Entry, normalized, compact)) best = index;
          }
        }
      }
      return best === Infinity ? undefined : (entries[best] as Entry).phrase;
    },
    findAll(normalized) {
      if (!built) build();
      const found = [...new Set(candidates(normalized))].sort((a, b) => a - b);
      const compact: Compact = { text: undefined };
      return found
        .map((index) => entries[index] as Entry)
        .filter((entry) => passes(entry, normalized, compact))
        .map((entry) => entry.phrase);
    },
  };
}
