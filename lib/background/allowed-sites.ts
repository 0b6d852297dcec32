import { UserFacingError } from './errors';
import { initialAllowedSites } from '../sites/binding';
import { normalizeSiteList } from '../sites/site-list';
import type { PublicSuffixes } from '../sites/public-suffixes';

const MAX_SITES = 32;

/** Validates sites typed by the user; each must be a host or registrable domain, never a bare suffix. */
export function normalizeSites(sites: unknown, suffixes: PublicSuffixes): string[] {
  const checked = normalizeSiteList(sites, suffixes, {
    max: MAX_SITES,
    tooManyMessage: `Allowed sites must be a list of at most ${MAX_SITES} sites.`,
  });
  if (!checked.ok) throw new UserFacingError('invalid-sites', checked.message);
  return checked.sites;
}

/**
 * The sites a new account starts with: the user's list if given, else the page it was enrolled on (with the
 * issuer's profile only when that page is on the profile's own sites). Without an origin (typed in with no
 * page, imported from another app) it starts bound to nothing: an issuer name is text anyone can write,
 * so the user adds the sites.
 */
export function sitesForNewAccount(
  requested: unknown,
  enrolledOrigin: string,
  issuer: string,
  suffixes: PublicSuffixes,
): string[] {
  const given = normalizeSites(requested ?? [], suffixes);
  if (given.length > 0) return given;
  return enrolledOrigin ? initialAllowedSites(enrolledOrigin, issuer, suffixes) : [];
}
