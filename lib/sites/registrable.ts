/**
 * Registrable domains ("eTLD+1") via the Public Suffix List (lib/sites/public-suffixes.ts). The list is
 * passed in: callers load it first (it is a packaged file, read on demand), then ask synchronously.
 *
 * Private PSL entries are ON (`allowPrivateDomains: true`): on shared hosting such as `github.io` or
 * `s3.amazonaws.com` every customer owns a different subdomain, so `alice.github.io` is the registrable
 * domain, not `github.io`. Turning them off would bind an account enrolled on alice.github.io to every
 * page on github.io — broader, so less safe.
 */
import { publicSuffixOf, type PublicSuffixes } from './public-suffixes';

/** Lower-cases a host, drops IPv6 brackets and one trailing dot (the same DNS name as without it). */
export function normalizeHostname(hostname: string): string {
  let host = hostname.trim().toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIpAddress(hostname: string): boolean {
  const host = normalizeHostname(hostname);
  const v4 = IPV4.exec(host);
  if (v4) return v4.slice(1).every((part) => Number(part) <= 255);
  // why: a host containing ':' can only be an IPv6 literal once brackets are removed.
  return host.includes(':') && /^[0-9a-f:.]+$/.test(host);
}

/** True for `localhost` and `*.localhost`, which always resolve to the loopback interface. */
export function isLocalhost(hostname: string): boolean {
  const host = normalizeHostname(hostname);
  return host === 'localhost' || host.endsWith('.localhost');
}

/**
 * True for hosts that always mean this computer: localhost, `*.localhost`, 127.0.0.0/8 and ::1 (also written
 * as the IPv4-mapped ::ffff:127.x). Every port on them may be a different program, so sites on them carry
 * the port.
 */
export function isLoopback(hostname: string): boolean {
  const host = normalizeHostname(hostname);
  if (isLocalhost(host)) return true;
  if (IPV4.test(host)) return isIpAddress(host) && host.startsWith('127.');
  return host === '::1' || /^::ffff:(127\.|7f[0-9a-f]{2}:)/u.test(host);
}

/** True when some label is an IDNA A-label (`xn--…`), i.e. the host was written with non-ASCII letters. */
export function hasPunycodeLabel(hostname: string): boolean {
  return normalizeHostname(hostname)
    .split('.')
    .some((label) => label.startsWith('xn--'));
}

/**
 * Hosts that are never looked up in the list because they may be an IP literal: four dot-separated digit
 * runs (`999.1.1.1` too, which no URL parser accepts as a name) or hex digits with a colon.
 */
function mayBeIpLiteral(host: string): boolean {
  if (/^\d+\.\d+\.\d+\.\d+$/u.test(host) && host.length >= 7 && host.length <= 15) return true;
  return host === '::' || (host.includes(':') && /^[0-9a-f:]+$/u.test(host) && host.length <= 39);
}

/** True when the whole host is a public suffix (`com`, `co.uk`, `github.io`), which nobody owns. */
export function isPublicSuffix(hostname: string, list: PublicSuffixes): boolean {
  const host = normalizeHostname(hostname);
  if (host === '' || isIpAddress(host) || host === 'localhost' || mayBeIpLiteral(host)) return false;
  return publicSuffixOf(list, host) === host;
}

/**
 * The registrable domain of a host: `account.console.aliyun.com` → `aliyun.com`.
 * IP literals and localhost return the host itself (there is nothing above them to share).
 * Returns null for an empty or malformed host and for a bare public suffix.
 * Punycode hosts are returned as they are (`xn--…`): they only ever match a site written the same way.
 */
export function registrableDomain(hostname: string, list: PublicSuffixes): string | null {
  const host = normalizeHostname(hostname);
  if (host === '') return null;
  if (isIpAddress(host) || host === 'localhost') return host;
  if (!/^[a-z0-9.-]+$/.test(host) || host.split('.').some((label) => label === '')) return null;
  if (mayBeIpLiteral(host)) return null;
  const suffix = publicSuffixOf(list, host);
  if (suffix === host) return null;
  const above = host.slice(0, -(suffix.length + 1));
  return `${above.slice(above.lastIndexOf('.') + 1)}.${suffix}`;
}
