/**
 * Built-in issuer profiles: which sites an account from a well-known issuer may fill on. Matched on the
 * otpauth issuer only — never on the page title, which any page controls — and used only when the account
 * was enrolled on one of the profile's own sites (lib/sites/binding.ts): the issuer is just text in a QR
 * code, which any page can write. Every profile site is a single-owner domain (lib/sites/single-owner.ts).
 *
 * Site strings follow lib/sites/binding.ts: each matches that host and its subdomains. AWS is bound to
 * `aws.amazon.com` (console, signin.aws.amazon.com is below it), not to `amazon.com` as a whole: the
 * shopping site and its sellers' pages have nothing to do with the AWS account.
 * No profile site contains a punycode label.
 */

export interface IssuerProfile {
  /** Display name, for settings and tests. */
  name: string;
  /** Issuer spellings, compared after `normalizeIssuer`. */
  issuers: readonly string[];
  sites: readonly string[];
}

export const ISSUER_PROFILES: readonly IssuerProfile[] = [
  {
    name: 'Alibaba Cloud',
    issuers: ['Aliyun', 'Alibaba Cloud', 'AlibabaCloud', '阿里云', 'aliyun.com', 'alibabacloud.com'],
    sites: ['aliyun.com', 'alibabacloud.com'],
  },
  {
    name: 'Amazon Web Services',
    issuers: ['AWS', 'Amazon Web Services', 'aws.amazon.com'],
    sites: ['aws.amazon.com', 'signin.aws.amazon.com'],
  },
  { name: 'GitHub', issuers: ['GitHub', 'github.com'], sites: ['github.com'] },
  { name: 'Google', issuers: ['Google', 'google.com'], sites: ['google.com', 'accounts.google.com'] },
  {
    name: 'Microsoft',
    issuers: ['Microsoft', 'Microsoft Account', 'microsoft.com'],
    sites: ['microsoft.com', 'live.com', 'microsoftonline.com'],
  },
  // why: GitLab writes its host as the issuer (gitlab.com) on GitLab.com.
  { name: 'GitLab', issuers: ['GitLab', 'gitlab.com'], sites: ['gitlab.com'] },
  // why: no Okta profile. Every okta.com subdomain is another company's tenant; an Okta account is bound
  // to the tenant host it was enrolled on (lib/sites/multi-tenant.ts).
  { name: 'Cloudflare', issuers: ['Cloudflare', 'cloudflare.com'], sites: ['cloudflare.com'] },
];

/** NFKC (full-width letters → ASCII), lower case, all white space removed. */
export function normalizeIssuer(issuer: string): string {
  return issuer.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** The profile whose issuer spellings include `issuer`, or undefined. */
export function profileForIssuer(issuer: string): IssuerProfile | undefined {
  const wanted = normalizeIssuer(issuer);
  if (wanted === '') return undefined;
  return ISSUER_PROFILES.find((profile) => profile.issuers.some((name) => normalizeIssuer(name) === wanted));
}

/** Sites of the profile matching `issuer`; empty when no profile matches. A fresh array each call. */
export function profileSitesForIssuer(issuer: string): string[] {
  return [...(profileForIssuer(issuer)?.sites ?? [])];
}
