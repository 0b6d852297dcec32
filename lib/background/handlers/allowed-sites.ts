import { UserFacingError } from '../router';
import { initialAllowedSites, normalizeSiteInput } from '../../sites/binding';
import { profileSitesForIssuer } from '../../sites/profiles';

const MAX_SITES = 32;

/** Validates sites typed by the user; each must be a host or registrable domain, never a bare suffix. */
export function normalizeSites(sites: unknown): string[] {
  if (!Array.isArray(sites) || sites.length > MAX_SITES) {
    throw new UserFacingError('invalid-sites', `Allowed sites must be a list of at most ${MAX_SITES} sites.`);
  }
  const result: string[] = [];
  for (const site of sites) {
    const parsed = normalizeSiteInput(typeof site === 'string' ? site : '');
    if (!parsed.ok)
      throw new UserFacingError('invalid-sites', `"${String(site)}" is not a site: ${parsed.reason}.`);
    if (!result.includes(parsed.site)) result.push(parsed.site);
  }
  return result;
}

/** The sites a new account starts with: the user's list if given, else where it was enrolled + issuer profile. */
export function sitesForNewAccount(requested: unknown, enrolledOrigin: string, issuer: string): string[] {
  const given = normalizeSites(requested ?? []);
  if (given.length > 0) return given;
  if (enrolledOrigin) return initialAllowedSites(enrolledOrigin, issuer);
  return profileSitesForIssuer(issuer);
}
