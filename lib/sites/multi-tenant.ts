/**
 * Multi-tenant SaaS parents that the Public Suffix List does not list: every subdomain belongs to a different
 * customer (`acme.service-now.com`, `evil.service-now.com`), yet the PSL makes `service-now.com` their
 * registrable domain. An account enrolled on one tenant must never fill on another, so:
 *   - a host under one of these is bound at most to its tenant host (the label directly under the parent
 *     or under one of its regional sub-parents: `acme.us.auth0.com`, `acme--dev.sandbox.my.salesforce.com`);
 *   - a site equal to a parent or a sub-parent matches nothing and cannot be entered.
 * Parents already in the PSL's private section (myshopify.com, awsapps.com, github.io, ...) need no row.
 * Tenancy that lives in the URL path (auth.pingone.com/<env>, myworkday.com/<tenant>) cannot be told apart
 * by host at all and is out of reach of site binding.
 */
import { normalizeHostname } from './registrable';

export interface MultiTenantParent {
  /** The shared domain, lower-case ASCII. */
  parent: string;
  /** Shared levels below it (relative to `parent`) that hold tenants themselves: `us` for us.auth0.com. */
  subParents: readonly string[];
}

export const MULTI_TENANT_PARENTS: readonly MultiTenantParent[] = [
  { parent: 'service-now.com', subParents: [] },
  { parent: 'servicenowservices.com', subParents: [] },
  { parent: 'okta.com', subParents: [] },
  { parent: 'oktapreview.com', subParents: [] },
  { parent: 'okta-emea.com', subParents: [] },
  { parent: 'okta-gov.com', subParents: [] },
  // why: Auth0 tenants live under regional levels (acme.us.auth0.com) as well as directly (legacy US).
  { parent: 'auth0.com', subParents: ['us', 'eu', 'au', 'jp', 'uk', 'ca'] },
  { parent: 'atlassian.net', subParents: [] },
  { parent: 'jira.com', subParents: [] },
  // why: orgs are acme.my.salesforce.com (sandboxes acme--dev.sandbox.my.salesforce.com); the old
  // instance hosts (na42.salesforce.com) serve many orgs, so the whole domain is shared.
  { parent: 'salesforce.com', subParents: ['my', 'sandbox.my', 'develop.my', 'scratch.my'] },
  { parent: 'force.com', subParents: ['lightning', 'sandbox.lightning', 'develop.lightning', 'vf'] },
  { parent: 'site.com', subParents: ['my', 'sandbox.my'] },
  { parent: 'visualforce.com', subParents: [] },
  { parent: 'zendesk.com', subParents: [] },
  { parent: 'slack.com', subParents: ['enterprise'] },
  { parent: 'onelogin.com', subParents: [] },
  { parent: 'freshdesk.com', subParents: [] },
  { parent: 'freshservice.com', subParents: [] },
  { parent: 'duosecurity.com', subParents: [] },
  { parent: 'sharepoint.com', subParents: [] },
  { parent: 'b2clogin.com', subParents: [] },
  { parent: 'cloudflareaccess.com', subParents: [] },
  { parent: 'bamboohr.com', subParents: [] },
  { parent: 'kinde.com', subParents: [] },
];

/** Every shared level (parents and their sub-parents), longest first so the deepest one wins. */
const SHARED_LEVELS: readonly string[] = MULTI_TENANT_PARENTS.flatMap(({ parent, subParents }) => [
  parent,
  ...subParents.map((sub) => `${sub}.${parent}`),
]).sort((a, b) => b.length - a.length);

/** True when `host` is itself a multi-tenant parent or one of its shared sub-parents (`us.auth0.com`). */
export function isMultiTenantParent(hostname: string): boolean {
  return SHARED_LEVELS.includes(normalizeHostname(hostname));
}

/** The deepest shared level strictly above `host`, or null when the host is under no multi-tenant parent. */
export function multiTenantParentOf(hostname: string): string | null {
  const host = normalizeHostname(hostname);
  return SHARED_LEVELS.find((level) => host.endsWith(`.${level}`)) ?? null;
}

/**
 * The tenant host that `host` belongs to: `login.acme.okta.com` → `acme.okta.com`,
 * `acme.us.auth0.com` → `acme.us.auth0.com`. Null when the host is under no multi-tenant parent, or is a
 * shared level itself (it belongs to no single tenant).
 */
export function tenantHostOf(hostname: string): string | null {
  const host = normalizeHostname(hostname);
  const level = multiTenantParentOf(host);
  if (level === null || SHARED_LEVELS.includes(host)) return null;
  const labels = host.slice(0, -(level.length + 1)).split('.');
  return `${labels[labels.length - 1]}.${level}`;
}
