/**
 * A list of sites typed by the user (an account's allowed sites, the auto-submit sites): one check for
 * every such list, each caller with its own cap.
 */
import { normalizeSiteInput } from './binding';
import type { PublicSuffixes } from './public-suffixes';

export type SiteListResult = { ok: true; sites: string[] } | { ok: false; message: string };

export interface SiteListOptions {
  max: number;
  /** What to say when the input is not a list or is longer than `max`. */
  tooManyMessage: string;
}

/** Each entry must be a host or registrable domain (never a bare suffix); duplicates are dropped, order kept. */
export function normalizeSiteList(
  input: unknown,
  suffixes: PublicSuffixes,
  { max, tooManyMessage }: SiteListOptions,
): SiteListResult {
  if (!Array.isArray(input) || input.length > max) return { ok: false, message: tooManyMessage };
  const sites: string[] = [];
  for (const entry of input as unknown[]) {
    const parsed = normalizeSiteInput(typeof entry === 'string' ? entry : '', suffixes);
    if (!parsed.ok) return { ok: false, message: `"${String(entry)}" is not a site: ${parsed.message}` };
    if (!sites.includes(parsed.site)) sites.push(parsed.site);
  }
  return { ok: true, sites };
}
