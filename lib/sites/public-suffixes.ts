/**
 * The Public Suffix List: parsing the packaged rules file (built by tools/public-suffixes.mjs) and the
 * list's own matching algorithm. Pure: the parsed list is passed in by the caller; nothing is kept here.
 *
 * why: the list is ~160 kB of rules. Bundled, it was most of the background script, parsed at every
 * service-worker wake even when no lookup followed. Packaged as a file, it is read only when a host is
 * looked up (see loadPublicSuffixes).
 *
 * Both the ICANN and the private section are in the file (private entries such as `github.io` make each
 * customer's subdomain its own registrable domain; without them a binding would be broader, so less safe).
 */

/** Where the rules file is inside the extension package (not web-accessible: only our pages and worker). */
export const PUBLIC_SUFFIX_FILE = 'public-suffixes.txt';

const FORMAT_LINE = 'public-suffixes 1';
/** A complete list has ~10,000 rules; far fewer means a truncated or wrong file. */
const MIN_RULES = 5000;

export interface PublicSuffixes {
  /** Normal rules (`com`, `co.uk`, `github.io`). */
  readonly rules: ReadonlySet<string>;
  /** Wildcard rules without their `*.` (`ck` for `*.ck`). */
  readonly wildcards: ReadonlySet<string>;
  /** Exception rules without their `!` (`www.ck` for `!www.ck`). */
  readonly exceptions: ReadonlySet<string>;
  /** The file's source line (which copy of the list this is). */
  readonly source: string;
}

/** Raised when the rules file is missing, truncated or not ours: every lookup then fails closed. */
export class PublicSuffixListError extends Error {
  override name = 'PublicSuffixListError';
}

/** Parses the packaged file; throws PublicSuffixListError unless it is a complete list in our format. */
export function parsePublicSuffixes(text: string): PublicSuffixes {
  const lines = text.split('\n');
  if (lines[0] !== FORMAT_LINE) throw new PublicSuffixListError('The public suffix list file is not valid.');
  const rules = new Set<string>();
  const wildcards = new Set<string>();
  const exceptions = new Set<string>();
  let source = '';
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line === '') continue;
    if (line.startsWith('//')) {
      if (line.startsWith('// source: ')) source = line.slice('// source: '.length);
      continue;
    }
    if (line.startsWith('!')) exceptions.add(line.slice(1));
    else if (line.startsWith('*.')) wildcards.add(line.slice(2));
    else rules.add(line);
  }
  if (rules.size + wildcards.size < MIN_RULES || !rules.has('com')) {
    throw new PublicSuffixListError('The public suffix list file is incomplete.');
  }
  return { rules, wildcards, exceptions, source };
}

/**
 * The public suffix of a lower-case host without a trailing dot, by the list's algorithm: an exception rule
 * prevails (its suffix is the rule minus its left-most label), else the matching rule with the most labels
 * (`*` stands for exactly one non-empty label), else the right-most label (the implicit `*` rule).
 */
export function publicSuffixOf(list: PublicSuffixes, host: string): string {
  const labels = host.split('.');
  const tail = (from: number) => labels.slice(from).join('.');
  for (let i = 0; i < labels.length; i += 1) {
    if (list.exceptions.has(tail(i))) return tail(i + 1);
  }
  for (let i = 0; i < labels.length; i += 1) {
    if (list.rules.has(tail(i))) return tail(i);
    if (i + 1 < labels.length && labels[i] !== '' && list.wildcards.has(tail(i + 1))) return tail(i);
  }
  return labels[labels.length - 1]!;
}

/** What fetches the packaged file's text (the extension's own URL in a page or the worker). */
export type ReadSuffixFile = (file: string) => Promise<string>;

/**
 * Reads and parses the packaged rules. Rejects with PublicSuffixListError when the file cannot be read or
 * is not a complete list; callers then bind and fill nothing (never a host as its own registrable domain).
 */
export async function loadPublicSuffixes(read: ReadSuffixFile): Promise<PublicSuffixes> {
  let text: string;
  try {
    text = await read(PUBLIC_SUFFIX_FILE);
  } catch {
    throw new PublicSuffixListError('The public suffix list file could not be read.');
  }
  return parsePublicSuffixes(text);
}

/** Reads a file of the extension package with fetch (pages and the service worker/event page alike). */
export function fetchPackagedFile(urlOf: (path: string) => string): ReadSuffixFile {
  return async (file) => {
    const response = await fetch(urlOf(file));
    if (!response.ok) throw new PublicSuffixListError(`HTTP ${response.status}`);
    return response.text();
  };
}
