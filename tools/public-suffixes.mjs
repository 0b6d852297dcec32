// Builds public-suffixes.txt, the Public Suffix List file the extension packages and reads at run time
// (lib/sites/public-suffixes.ts). The rules come from the trie inside the lock-file-pinned `tldts` package,
// so the list's version is tldts' version and nothing is fetched. Run by the WXT build (wxt.config.ts) and
// by the unit tests; `node tools/public-suffixes.mjs` prints the file.
//
// The Public Suffix List is under the Mozilla Public License 2.0 (https://mozilla.org/MPL/2.0/); the file
// says so in its header and is the list's rules unchanged (only reordered, comments dropped).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** First line of the file; lib/sites/public-suffixes.ts refuses a file without it. */
export const FORMAT_LINE = 'public-suffixes 1';

function tldtsDir() {
  // why: tldts has no "exports" map, so its package.json resolves; the trie is a plain ES module beside it.
  return dirname(createRequire(import.meta.url).resolve('tldts/package.json'));
}

/** Every rule of tldts' trie in PSL syntax (`co.uk`, `*.ck`, `!www.ck`), sorted. */
export async function publicSuffixRules() {
  // why: require(), not import(): the unit tests' module loader (Vite) would otherwise handle the file.
  const trie = createRequire(import.meta.url)(join(tldtsDir(), 'dist/cjs/src/data/trie.js'));
  const { nodeFlags, edgeStart, edgeLength, edgeChild, labelText, rulesRoot, exceptionsRoot } = trie;
  const edgeOffset = new Uint32Array(edgeLength.length);
  for (let edge = 0, offset = 0; edge < edgeLength.length; edge += 1) {
    edgeOffset[edge] = offset;
    offset += edgeLength[edge];
  }
  const rules = [];
  // Labels from the root are right to left (`uk`, then `co`).
  const walk = (node, labels, prefix) => {
    if (labels.length > 0 && nodeFlags[node] !== 0) rules.push(prefix + [...labels].reverse().join('.'));
    for (let edge = edgeStart[node]; edge < edgeStart[node + 1]; edge += 1) {
      const label = labelText.slice(edgeOffset[edge], edgeOffset[edge] + edgeLength[edge]);
      walk(edgeChild[edge], [...labels, label], prefix);
    }
  };
  walk(rulesRoot, [], '');
  walk(exceptionsRoot, [], '!');
  return [...new Set(rules)].sort();
}

export function tldtsVersion() {
  return JSON.parse(readFileSync(join(tldtsDir(), 'package.json'), 'utf8')).version;
}

/** The packaged file: format line, source line, licence line, then one rule per line. */
export async function publicSuffixListText() {
  const rules = await publicSuffixRules();
  return [
    FORMAT_LINE,
    `// source: Public Suffix List as shipped in tldts ${tldtsVersion()} (ICANN and private sections)`,
    '// licence: Mozilla Public License 2.0, https://mozilla.org/MPL/2.0/',
    ...rules,
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(await publicSuffixListText());
}
