import { describe, expect, it } from 'vitest';
import {
  initialAllowedSites,
  isOriginAllowed,
  normalizeSiteInput,
  siteMatchesHost,
} from '../../../lib/sites/binding';
import {
  MULTI_TENANT_PARENTS,
  isMultiTenantParent,
  multiTenantParentOf,
  tenantHostOf,
} from '../../../lib/sites/multi-tenant';
import { ISSUER_PROFILES } from '../../../lib/sites/profiles';
import { isPublicSuffix, registrableDomain } from '../../../lib/sites/registrable';
import { SINGLE_OWNER_SITES, singleOwnerSiteOf } from '../../../lib/sites/single-owner';
import { SUFFIXES } from './suffixes';

/** Every shared level: each parent and each of its regional sub-parents (us.auth0.com, my.salesforce.com). */
const LEVELS = MULTI_TENANT_PARENTS.flatMap(({ parent, subParents }) => [
  parent,
  ...subParents.map((sub) => `${sub}.${parent}`),
]);

describe.each(LEVELS)('multi-tenant level %s', (level) => {
  const tenant = `acme.${level}`;

  it('the PSL alone would let one tenant fill on another (why the row exists)', () => {
    expect(isPublicSuffix(level, SUFFIXES)).toBe(false);
    expect(registrableDomain(`evil.${level}`, SUFFIXES)).toBe(registrableDomain(tenant, SUFFIXES));
  });

  it('binds the tenant host, by default and when the user asks for the whole domain', () => {
    expect(initialAllowedSites(`https://${tenant}/login`, '', SUFFIXES)).toEqual([tenant]);
    expect(initialAllowedSites(`https://${tenant}/login`, '', SUFFIXES, { wholeDomain: true })).toEqual([
      tenant,
    ]);
    expect(initialAllowedSites(`https://sso.${tenant}/`, '', SUFFIXES, { wholeDomain: true })).toEqual([
      tenant,
    ]);
  });

  it('fills on its own tenant, never on another one', () => {
    expect(isOriginAllowed(`https://${tenant}/mfa`, [tenant], SUFFIXES)).toBe(true);
    expect(isOriginAllowed(`https://login.${tenant}/mfa`, [tenant], SUFFIXES)).toBe(true);
    expect(isOriginAllowed(`https://evil.${level}/mfa`, [tenant], SUFFIXES)).toBe(false);
    expect(isOriginAllowed(`https://${tenant}.evil.test/`, [tenant], SUFFIXES)).toBe(false);
  });

  it('as a stored site (an older binding) it matches nothing, itself included', () => {
    expect(siteMatchesHost(level, tenant, SUFFIXES)).toBe(false);
    expect(siteMatchesHost(level, `evil.${level}`, SUFFIXES)).toBe(false);
    expect(siteMatchesHost(level, level, SUFFIXES)).toBe(false);
    expect(isOriginAllowed(`https://${tenant}/`, [level], SUFFIXES)).toBe(false);
  });

  it('cannot be entered as a site, with a message saying why', () => {
    for (const input of [level, `https://${level}/`, `*.${level}`]) {
      const result = normalizeSiteInput(input, SUFFIXES);
      expect(result).toMatchObject({ ok: false, reason: 'multi-tenant' });
      if (!result.ok) expect(result.message).toMatch(/shared by many/u);
    }
    expect(normalizeSiteInput(tenant, SUFFIXES)).toMatchObject({ ok: true, site: tenant });
  });

  it('binds nothing when enrolled on the shared level itself', () => {
    expect(initialAllowedSites(`https://${level}/`, '', SUFFIXES, { wholeDomain: true })).toEqual([]);
  });
});

describe('tenantHostOf', () => {
  it.each<[string, string | null]>([
    ['acme.service-now.com', 'acme.service-now.com'],
    ['login.acme.okta.com', 'acme.okta.com'],
    ['acme.us.auth0.com', 'acme.us.auth0.com'],
    ['acme.auth0.com', 'acme.auth0.com'],
    ['acme.my.salesforce.com', 'acme.my.salesforce.com'],
    ['acme--dev.sandbox.my.salesforce.com', 'acme--dev.sandbox.my.salesforce.com'],
    ['login.salesforce.com', 'login.salesforce.com'],
    ['acme.lightning.force.com', 'acme.lightning.force.com'],
    ['ACME.Atlassian.NET.', 'acme.atlassian.net'],
    ['us.auth0.com', null],
    ['okta.com', null],
    ['github.com', null],
    ['service-now.com.evil.test', null],
  ])('%s → %s', (host, tenant) => {
    expect(tenantHostOf(host)).toBe(tenant);
  });

  it('does not treat a look-alike parent as shared', () => {
    expect(multiTenantParentOf('acme.evilokta.com')).toBeNull();
    expect(isMultiTenantParent('evilokta.com')).toBe(false);
  });

  it('leaves PSL private suffixes to the PSL (acme.myshopify.com is its own registrable domain)', () => {
    expect(
      initialAllowedSites('https://acme.myshopify.com/admin', '', SUFFIXES, { wholeDomain: true }),
    ).toEqual(['acme.myshopify.com']);
    expect(normalizeSiteInput('myshopify.com', SUFFIXES)).toMatchObject({
      ok: false,
      reason: 'public-suffix',
    });
  });
});

describe.each(SINGLE_OWNER_SITES)('single-owner site %s', (site) => {
  it('an account enrolled anywhere below it is bound to all of it', () => {
    expect(initialAllowedSites(`https://deep.sub.${site}/mfa`, '', SUFFIXES)).toEqual([site]);
    expect(initialAllowedSites(`https://${site}/`, '', SUFFIXES)).toEqual([site]);
    expect(isOriginAllowed(`https://signin.${site}/`, [site], SUFFIXES)).toBe(true);
  });

  it('is a real domain, not shared by tenants', () => {
    expect(isPublicSuffix(site, SUFFIXES)).toBe(false);
    expect(registrableDomain(site, SUFFIXES)).not.toBeNull();
    expect(isMultiTenantParent(site)).toBe(false);
    expect(multiTenantParentOf(site)).toBeNull();
  });
});

describe('issuer profile data', () => {
  it.each(ISSUER_PROFILES.flatMap((profile) => profile.sites))(
    'profile site %s is covered by a single-owner entry (so no "all of" choice is needed on it)',
    (site) => {
      expect(singleOwnerSiteOf(site)).not.toBeNull();
      expect(isMultiTenantParent(site) || multiTenantParentOf(site) !== null).toBe(false);
    },
  );

  it('has no Okta profile: each okta.com host is another company', () => {
    expect(ISSUER_PROFILES.flatMap((p) => p.sites).some((s) => /okta/u.test(s))).toBe(false);
    expect(initialAllowedSites('https://acme.okta.com/signin', 'Okta', SUFFIXES)).toEqual(['acme.okta.com']);
  });
});
