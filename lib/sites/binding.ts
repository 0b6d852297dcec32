/**
 * Which origins an account may be filled on.
 *
 * A site string is a lower-case host: either a registrable domain (`aliyun.com`) or a longer host suffix
 * (`signin.aws.amazon.com`). Both match that exact host and its subdomains, on label boundaries only, so
 * `aliyun.com.evil.test` and `evilaliyun.com` never match `aliyun.com`. IP and localhost sites match only
 * themselves. Ports are ignored (the same host owns every port).
 *
 * Scheme: production accepts https only. `allowHttp` exists for the e2e/test build, which serves fixture
 * pages on plain http; the extension passes a build-time flag, never anything a page can influence.
 *
 * Punycode: a host label `xn--…` must come from the bound site itself. A site written without punycode never
 * matches a punycode host, so `xn--aliyn-…com` or `xn--….aliyun.com` look-alikes are refused.
 */
import { profileSitesForIssuer } from './profiles';
import {
  hasPunycodeLabel,
  isIpAddress,
  isLocalhost,
  isPublicSuffix,
  normalizeHostname,
  registrableDomain,
} from './registrable';

export interface SchemeOptions {
  /** Also accept `http:` origins. Only the e2e/test build sets this. */
  allowHttp: boolean;
}

const HTTPS_ONLY: SchemeOptions = { allowHttp: false };

/** The normalized host of an http(s) origin or URL, or null when it is not one (or the scheme is refused). */
export function hostOfOrigin(origin: string, options: SchemeOptions = HTTPS_ONLY): string | null {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  const schemeOk = url.protocol === 'https:' || (options.allowHttp && url.protocol === 'http:');
  if (!schemeOk || url.hostname === '') return null;
  return normalizeHostname(url.hostname);
}

/** True when `site` covers `host` (both already lower case, see the module comment for the rules). */
export function siteMatchesHost(site: string, host: string): boolean {
  const bound = normalizeHostname(site);
  const target = normalizeHostname(host);
  if (bound === '' || target === '') return false;
  if (isIpAddress(bound) || isIpAddress(target)) return bound === target;
  // why: a stored bare suffix ("com") would otherwise allow every site under it.
  if (isPublicSuffix(bound)) return false;
  if (target === bound) return true;
  if (!target.endsWith(`.${bound}`)) return false;
  const extraLabels = target.slice(0, -(bound.length + 1));
  return !hasPunycodeLabel(extraLabels);
}

export function isOriginAllowed(
  origin: string,
  allowedSites: readonly string[],
  options: SchemeOptions = HTTPS_ONLY,
): boolean {
  const host = hostOfOrigin(origin, options);
  if (host === null) return false;
  return allowedSites.some((site) => siteMatchesHost(site, host));
}

export interface FillContext {
  topOrigin: string;
  frameOrigin: string;
  allowedSites: readonly string[];
  allowHttp: boolean;
}

/** Filling needs both the top frame and the frame holding the field to be allowed. */
export function canFill({ topOrigin, frameOrigin, allowedSites, allowHttp }: FillContext): boolean {
  const options = { allowHttp };
  return (
    isOriginAllowed(topOrigin, allowedSites, options) && isOriginAllowed(frameOrigin, allowedSites, options)
  );
}

/**
 * Sites a freshly enrolled account is bound to: the registrable domain of the page it was enrolled on plus
 * the issuer's profile sites, without duplicates. When the enrolled host is already covered by a profile
 * site, the broader registrable domain is left out (enrolling on console.aws.amazon.com binds aws.amazon.com,
 * not amazon.com). Any scheme with a host is read here: the scheme rule applies when filling.
 */
export function initialAllowedSites(enrolledOrigin: string, issuer: string): string[] {
  const profileSites = profileSitesForIssuer(issuer);
  const host = hostOfOrigin(enrolledOrigin, { allowHttp: true });
  const sites: string[] = [];
  if (host !== null && !profileSites.some((site) => siteMatchesHost(site, host))) {
    const domain = registrableDomain(host);
    if (domain !== null) sites.push(domain);
  }
  for (const site of profileSites) if (!sites.includes(site)) sites.push(site);
  return sites;
}

export type SiteInputRejection =
  'empty' | 'invalid' | 'unsupported-scheme' | 'has-credentials' | 'public-suffix';

export type SiteInputResult =
  | { ok: true; site: string; isPunycode: boolean }
  | { ok: false; reason: SiteInputRejection; message: string };

const REJECTION_MESSAGES: Record<SiteInputRejection, string> = {
  empty: 'Enter a site, for example aliyun.com.',
  invalid: 'This is not a web address or host name.',
  'unsupported-scheme': 'Only http and https sites can be added.',
  'has-credentials': 'This looks like an account or e-mail address, not a site.',
  'public-suffix': 'This is a public suffix shared by many owners; enter a domain under it.',
};

function reject(reason: SiteInputRejection): SiteInputResult {
  return { ok: false, reason, message: REJECTION_MESSAGES[reason] };
}

/**
 * Turns what a user typed or pasted ("https://Signin.Aliyun.com:443/login", "*.aliyun.com", "aliyun.com")
 * into a site string. IP addresses and localhost are accepted. Non-ASCII hosts are converted to punycode
 * and flagged so the UI can warn.
 */
export function normalizeSiteInput(text: string): SiteInputResult {
  let input = text.trim();
  if (input === '') return reject('empty');
  if (/\s/u.test(input)) return reject('invalid');
  input = input.replace(/^\*?\./u, '');
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//iu.test(input);
  let url: URL;
  try {
    url = new URL(hasScheme ? input : `https://${input}`);
  } catch {
    return reject('invalid');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return reject('unsupported-scheme');
  if (url.username !== '' || url.password !== '') return reject('has-credentials');
  const host = normalizeHostname(url.hostname);
  if (host === '') return reject('invalid');
  if (isIpAddress(host) || isLocalhost(host)) return { ok: true, site: host, isPunycode: false };
  if (isPublicSuffix(host)) return reject('public-suffix');
  if (registrableDomain(host) === null) return reject('invalid');
  return { ok: true, site: host, isPunycode: hasPunycodeLabel(host) };
}
