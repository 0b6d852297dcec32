/**
 * The small parts of an account's service icon that load with the popup: the issuer key used to look an
 * icon up, and the lettered tile shown until the icons have loaded or when an issuer has none.
 */

/** A brand icon: a 24×24 SVG path drawn in `foreground` on a `background` tile. */
export interface ServiceIcon {
  slug: string;
  background: string;
  foreground: string;
  path: string;
}

/** Lower case, NFKC, letters and digits only ("Battle.net" → "battlenet", "阿里云" stays). */
export function normalizeIssuer(issuer: string): string {
  return issuer
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

// Tile colours, each with a contrast of at least 4.5:1 against white text.
const TILE_COLOURS = ['#1d4ed8', '#047857', '#b91c1c', '#6d28d9', '#a16207', '#0e7490', '#be185d', '#4b5563'];

/** The lettered tile of a name: its first letter or digit (upper case) and a colour fixed by the name. */
export function letterTile(name: string): { letter: string; background: string } {
  const first = [...name.normalize('NFKC')].find((c) => /[\p{L}\p{N}]/u.test(c)) ?? '?';
  let hash = 0;
  for (const c of normalizeIssuer(name)) hash = (hash * 31 + (c.codePointAt(0) ?? 0)) >>> 0;
  return { letter: first.toUpperCase(), background: TILE_COLOURS[hash % TILE_COLOURS.length] ?? '#4b5563' };
}
