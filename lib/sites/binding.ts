/**
 * Which origins an account may be filled on.
 *
 * A site string is a lower-case host: a registrable domain (`aliyun.com`) or a longer host suffix
 * (`signin.aws.amazon.com`, `acme.service-now.com`). Both match that exact host and its subdomains, on label
 * boundaries only, so `aliyun.com.evil.test` and `evilaliyun.com` never match `aliyun.com`. IP sites match
 * only themselves. Ports are ignored (the same host owns every port) except on loopback hosts, where each
 * port may be a different program: a loopback site is `host:port` (`127.0.0.1:8765`, `[::1]:3000`) and
 * matches only that port; a loopback site without a port (stored by older versions) matches nothing.
 *
 * A site that is a public suffix (`com`, `github.io`) or a multi-tenant parent (`service-now.com`,
 * `us.auth0.com`, lib/sites/multi-tenant.ts) matches nothing: it would cover every tenant.
 *
 * Scheme: production accepts https only. `allowHttp` exists for the e2e/test build, which serves fixture
 * pages on plain http; the extension passes a build-time flag, never anything a page can influence.
 *
 * Punycode: a host label `xn--…` must come from the bound site itself. A site written without punycode never
 * matches a punycode host, so `xn--aliyn-…com` or `xn--….aliyun.com` look-alikes are refused.
 */
import { isMultiTenantParent, tenantHostOf } from './multi-tenant';
import { profileSitesForIssuer } from './profiles';
import {
  hasPunycodeLabel,
  isIpAddress,
  isLoopback,
  isPublicSuffix,
  normalizeHostname,
  registrableDomain,
} from './registrable';
import type { PublicSuffixes } from './public-suffixes';
import { singleOwnerSiteOf } from './single-owner';

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

/** `host:port` for a loopback host (IPv6 in brackets), the host alone otherwise. */
function withPort(host: string, port: string): string {
  if (!isLoopback(host)) return host;
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * What a site string is compared with for an origin: its host, or `host:port` on loopback (the port the
 * scheme implies when none is written). Null when the origin is not http(s) or its scheme is refused.
 */
export function siteKeyOfOrigin(origin: string, options: SchemeOptions = HTTPS_ONLY): string | null {
  const host = hostOfOrigin(origin, options);
  if (host === null) return null;
  const url = new URL(origin);
  return withPort(host, url.port || (url.protocol === 'https:' ? '443' : '80'));
}

/** Splits a site string or key into host and port: `[::1]:80`, `localhost:3000`, `::1`, `aliyun.com`. */
function splitSite(text: string): { host: string; port: string | null } {
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/u.exec(trimmed);
  if (bracketed) return { host: normalizeHostname(bracketed[1] ?? ''), port: bracketed[2] ?? null };
  const hostPort = /^([^:]*):(\d+)$/u.exec(trimmed);
  if (hostPort) return { host: normalizeHostname(hostPort[1] ?? ''), port: hostPort[2] ?? null };
  return { host: normalizeHostname(trimmed), port: null };
}

/**
 * True when `site` covers `target`: a host, or on loopback `host:port` (see siteKeyOfOrigin). See the module
 * comment for the rules.
 */
export function siteMatchesHost(site: string, target: string, suffixes: PublicSuffixes): boolean {
  const bound = splitSite(site);
  const wanted = splitSite(target);
  if (bound.host === '' || wanted.host === '') return false;
  // why: on loopback every port may be another program; a site without a port is from before ports counted.
  if (isLoopback(bound.host) || isLoopback(wanted.host)) {
    return bound.port !== null && bound.host === wanted.host && bound.port === wanted.port;
  }
  if (isIpAddress(bound.host) || isIpAddress(wanted.host)) return bound.host === wanted.host;
  // why: a stored bare suffix ("com") or a shared SaaS parent ("service-now.com") would allow every tenant.
  if (isPublicSuffix(bound.host, suffixes) || isMultiTenantParent(bound.host)) return false;
  if (wanted.host === bound.host) return true;
  if (!wanted.host.endsWith(`.${bound.host}`)) return false;
  const extraLabels = wanted.host.slice(0, -(bound.host.length + 1));
  return !hasPunycodeLabel(extraLabels);
}

export function isOriginAllowed(
  origin: string,
  allowedSites: readonly string[],
  suffixes: PublicSuffixes,
  options: SchemeOptions = HTTPS_ONLY,
): boolean {
  const key = siteKeyOfOrigin(origin, options);
  if (key === null) return false;
  return allowedSites.some((site) => siteMatchesHost(site, key, suffixes));
}

/**
 * Whether allowed sites cover a page origin for filling. https only, except loopback hosts: a local
 * development server cannot be downgraded by anyone on the network, and sites bound to it match nothing else
 * (not even another port on it). `allowHttp` widens that to every http origin (the e2e/test build only).
 */
export function accountAllowedOn(
  origin: string,
  allowedSites: readonly string[],
  suffixes: PublicSuffixes,
  allowHttp = false,
): boolean {
  let host: string;
  try {
    host = new URL(origin).hostname;
  } catch {
    return false;
  }
  const httpOk = allowHttp || host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  return isOriginAllowed(origin, allowedSites, suffixes, { allowHttp: httpOk });
}

export interface FillContext {
  topOrigin: string;
  frameOrigin: string;
  allowedSites: readonly string[];
  suffixes: PublicSuffixes;
  allowHttp?: boolean;
}

/** Filling needs both the top frame and the frame holding the field to be allowed. */
export function canFill({
  topOrigin,
  frameOrigin,
  allowedSites,
  suffixes,
  allowHttp = false,
}: FillContext): boolean {
  return (
    accountAllowedOn(topOrigin, allowedSites, suffixes, allowHttp) &&
    accountAllowedOn(frameOrigin, allowedSites, suffixes, allowHttp)
  );
}

/**
 * The site an account enrolled on `key` (a host, or loopback `host:port`) starts bound to. By default the
 * exact host, widened only for a single-owner domain (signin.aliyun.com → aliyun.com). With `wholeDomain`
 * (the user's explicit choice): the registrable domain, except under a multi-tenant parent, where the widest
 * is the tenant host. Null when nothing may be bound (a public suffix, a shared parent, no host).
 */
export function siteForEnrolledHost(
  key: string,
  suffixes: PublicSuffixes,
  wholeDomain = false,
): string | null {
  const { host } = splitSite(key);
  if (host === '') return null;
  if (isLoopback(host)) return splitSite(key).port === null ? null : key;
  if (isIpAddress(host)) return host;
  if (
    isPublicSuffix(host, suffixes) ||
    isMultiTenantParent(host) ||
    registrableDomain(host, suffixes) === null
  ) {
    return null;
  }
  const tenant = tenantHostOf(host);
  const owner = tenant === null ? singleOwnerSiteOf(host) : null;
  if (owner !== null) return owner;
  if (!wholeDomain) return host;
  return tenant ?? registrableDomain(host, suffixes);
}

export interface SiteChoice {
  /** What is bound by default. */
  exact: string;
  /** What "all of …" binds instead. */
  whole: string;
}

/** The two bindings the confirm screen may offer for a page, or null when there is nothing to widen. */
export function siteChoiceFor(enrolledOrigin: string | null, suffixes: PublicSuffixes): SiteChoice | null {
  const key = enrolledOrigin ? siteKeyOfOrigin(enrolledOrigin, { allowHttp: true }) : null;
  if (key === null) return null;
  const exact = siteForEnrolledHost(key, suffixes);
  const whole = siteForEnrolledHost(key, suffixes, true);
  return exact !== null && whole !== null && exact !== whole ? { exact, whole } : null;
}

export interface InitialSitesOptions {
  /** The user chose "all of <registrable domain>" (never wider than a tenant host). */
  wholeDomain?: boolean;
}

/**
 * Sites a freshly enrolled account is bound to: the enrolled host (see siteForEnrolledHost), and the
 * issuer's profile sites only when the enrolling page is itself on one of them — a QR saying "GitHub" on
 * another site gets no github.com. When the profile covers the page, its sites replace the host's (enrolling
 * on console.aws.amazon.com binds aws.amazon.com, not amazon.com). No origin, no sites: an issuer name alone
 * never grants any. Any scheme with a host is read here: the scheme rule applies when filling.
 */
export function initialAllowedSites(
  enrolledOrigin: string,
  issuer: string,
  suffixes: PublicSuffixes,
  options: InitialSitesOptions = {},
): string[] {
  const key = siteKeyOfOrigin(enrolledOrigin, { allowHttp: true });
  if (key === null) return [];
  const profileSites = profileSitesForIssuer(issuer);
  if (profileSites.some((site) => siteMatchesHost(site, key, suffixes))) return profileSites;
  const own = siteForEnrolledHost(key, suffixes, options.wholeDomain === true);
  return own === null ? [] : [own];
}

export type SiteInputRejection =
  | 'empty'
  | 'invalid'
  | 'unsupported-scheme'
  | 'has-credentials'
  | 'public-suffix'
  | 'multi-tenant'
  | 'loopback-port';

export type SiteInputResult =
  | { ok: true; site: string; isPunycode: boolean }
  | { ok: false; reason: SiteInputRejection; message: string };

const REJECTION_MESSAGES: Record<SiteInputRejection, string> = {
  empty: 'Enter a site, for example aliyun.com.',
  invalid: 'This is not a web address or host name.',
  'unsupported-scheme': 'Only http and https sites can be added.',
  'has-credentials': 'This looks like an account or e-mail address, not a site.',
  'public-suffix': 'This is a public suffix shared by many owners; enter a domain under it.',
  'multi-tenant':
    'This domain is shared by many companies; enter your own tenant host, for example acme.service-now.com.',
  'loopback-port': 'A local address needs its port, for example localhost:3000.',
};

function reject(reason: SiteInputRejection): SiteInputResult {
  return { ok: false, reason, message: REJECTION_MESSAGES[reason] };
}

/**
 * Turns what a user typed or pasted ("https://Signin.Aliyun.com:443/login", "*.aliyun.com", "aliyun.com")
 * into a site string. IP addresses are accepted; loopback hosts keep their port (`localhost:3000`; with a
 * scheme and no port, the scheme's default). Non-ASCII hosts are converted to punycode and flagged so the
 * UI can warn.
 */
export function normalizeSiteInput(text: string, suffixes: PublicSuffixes): SiteInputResult {
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
  if (isLoopback(host)) {
    // why: "localhost:443" parses with an empty port (https's default); only a bare "localhost" has none.
    const authority = input.replace(/^[a-z][a-z0-9+.-]*:\/\//iu, '').split(/[/?#]/u)[0] ?? '';
    const typedPort = /(?:^[^[:]*|\])(?::\d+)$/u.test(authority);
    if (!hasScheme && !typedPort) return reject('loopback-port');
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return { ok: true, site: withPort(host, port), isPunycode: false };
  }
  if (isIpAddress(host)) return { ok: true, site: host, isPunycode: false };
  if (isPublicSuffix(host, suffixes)) return reject('public-suffix');
  if (isMultiTenantParent(host)) return reject('multi-tenant');
  if (registrableDomain(host, suffixes) === null) return reject('invalid');
  return { ok: true, site: host, isPunycode: hasPunycodeLabel(host) };
}
