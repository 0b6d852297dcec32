import { describe, expect, it } from 'vitest';
import { ISSUER_PROFILES, profileForIssuer, profileSitesForIssuer } from '../../../lib/sites/profiles';
import { hasPunycodeLabel, isPublicSuffix, registrableDomain } from '../../../lib/sites/registrable';
import { SUFFIXES } from './suffixes';

describe('profileSitesForIssuer', () => {
  it.each<[string, string[]]>([
    ['Aliyun', ['aliyun.com', 'alibabacloud.com']],
    ['aliyun', ['aliyun.com', 'alibabacloud.com']],
    ['Alibaba Cloud', ['aliyun.com', 'alibabacloud.com']],
    ['  ALIBABA   CLOUD ', ['aliyun.com', 'alibabacloud.com']],
    ['阿里云', ['aliyun.com', 'alibabacloud.com']],
    ['ＡＬＩＹＵＮ', ['aliyun.com', 'alibabacloud.com']],
    ['AWS', ['aws.amazon.com', 'signin.aws.amazon.com']],
    ['Amazon Web Services', ['aws.amazon.com', 'signin.aws.amazon.com']],
    ['GitHub', ['github.com']],
    ['Google', ['google.com', 'accounts.google.com']],
    ['Microsoft', ['microsoft.com', 'live.com', 'microsoftonline.com']],
    ['gitlab.com', ['gitlab.com']],
    ['Cloudflare', ['cloudflare.com']],
  ])('%j → %j', (issuer, sites) => {
    expect(profileSitesForIssuer(issuer)).toEqual(sites);
  });

  it.each(['', '   ', 'Amazon', 'Aliyun Evil', 'GitHub Enterprise', 'Example', 'Alibaba', 'Okta'])(
    '%j matches no profile',
    (issuer) => {
      expect(profileSitesForIssuer(issuer)).toEqual([]);
    },
  );

  it('returns a copy that callers may change', () => {
    profileSitesForIssuer('GitHub').push('evil.test');
    expect(profileSitesForIssuer('GitHub')).toEqual(['github.com']);
  });

  it('does not bind AWS to amazon.com as a whole', () => {
    expect(profileSitesForIssuer('AWS')).not.toContain('amazon.com');
  });
});

describe('ISSUER_PROFILES data', () => {
  const allSites = ISSUER_PROFILES.flatMap((profile) => profile.sites);

  it.each(allSites)('site %s is lower-case ASCII, not punycode, not a public suffix', (site) => {
    expect(site).toBe(site.toLowerCase());
    expect(hasPunycodeLabel(site)).toBe(false);
    expect(isPublicSuffix(site, SUFFIXES)).toBe(false);
    expect(registrableDomain(site, SUFFIXES)).not.toBeNull();
  });

  it('has no issuer spelling shared by two profiles', () => {
    for (const profile of ISSUER_PROFILES) {
      for (const issuer of profile.issuers) expect(profileForIssuer(issuer)).toBe(profile);
    }
  });
});

describe('registrableDomain', () => {
  it.each<[string, string | null]>([
    ['account.console.aliyun.com', 'aliyun.com'],
    ['signin.aws.amazon.com', 'amazon.com'],
    ['www.example.co.uk', 'example.co.uk'],
    ['alice.github.io', 'alice.github.io'],
    ['github.io', null],
    ['com', null],
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
    ['localhost', 'localhost'],
    ['SIGNIN.ALIYUN.COM.', 'aliyun.com'],
    ['xn--liyun-3ve.com', 'xn--liyun-3ve.com'],
    ['', null],
    ['a..b.com', null],
    ['bad_host!.com', null],
  ])('%j → %j', (host, domain) => {
    expect(registrableDomain(host, SUFFIXES)).toBe(domain);
  });
});
