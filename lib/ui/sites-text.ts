/** Splits a textarea into sites: one per line, blanks and repeats dropped (the background validates each). */
export function sitesFromText(text: string): string[] {
  const sites = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return [...new Set(sites)];
}
