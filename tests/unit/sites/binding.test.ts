import { describe, expect, it } from 'vitest';
import {
  canFill,
  initialAllowedSites,
  isOriginAllowed,
  normalizeSiteInput,
  siteChoiceFor,
  siteMatchesHost,
  type SiteChoice,
} from '../../../lib/sites/binding';
import { SUFFIXES } from './suffixes';

const ALIYUN = ['aliyun.com', 'alibabacloud.com'];
const AWS = ['aws.amazon.com', 'signin.aws.amazon.com'];

describe('isOriginAllowed (https only, the production default)', () => {
  it.each<[string, string[], boolean]>([
    // the bound domain and its subdomains
    ['https://aliyun.com', ALIYUN, true],
    ['https://signin.aliyun.com', ALIYUN, true],
    ['https://account.console.aliyun.com/', ALIYUN, true],
    ['https://signin.alibabacloud.com/login.htm', ALIYUN, true],
    ['https://SIGNIN.ALIYUN.COM', ALIYUN, true],
    ['https://signin.aliyun.com.', ALIYUN, true],
    // ports are ignored
    ['https://signin.aliyun.com:8443', ALIYUN, true],
    ['https://aliyun.com:443/x?y#z', ALIYUN, true],
    // look-alikes on label boundaries
    ['https://aliyun.com.evil.test', ALIYUN, false],
    ['https://evilaliyun.com', ALIYUN, false],
    ['https://aliyun-com.evil.test', ALIYUN, false],
    ['https://aliyun.co', ALIYUN, false],
    ['https://aliyun.com.cn', ALIYUN, false],
    ['https://liyun.com', ALIYUN, false],
    ['https://xaliyun.com', ALIYUN, false],
    // punycode / IDN homographs
    ['https://аliyun.com', ALIYUN, false], // Cyrillic а, becomes xn--liyun-3ve.com
    ['https://xn--liyun-3ve.com', ALIYUN, false],
    ['https://xn--80ak6aa92e.aliyun.com', ALIYUN, false],
    ['https://xn--80ak6aa92e.com', ['xn--80ak6aa92e.com'], true],
    ['https://login.xn--80ak6aa92e.com', ['xn--80ak6aa92e.com'], true],
    ['https://xn--80ak6aa92e.xn--80ak6aa92e.com', ['xn--80ak6aa92e.com'], false],
    // schemes
    ['http://signin.aliyun.com', ALIYUN, false],
    ['http://127.0.0.1:8080', ['127.0.0.1'], false],
    ['ftp://aliyun.com', ALIYUN, false],
    ['file:///etc/aliyun.com', ALIYUN, false],
    ['javascript:alert(1)//aliyun.com', ALIYUN, false],
    ['null', ALIYUN, false],
    ['', ALIYUN, false],
    ['aliyun.com', ALIYUN, false],
    // host suffix sites: AWS is not amazon.com as a whole
    ['https://signin.aws.amazon.com/oauth', AWS, true],
    ['https://us-east-1.console.aws.amazon.com', AWS, true],
    ['https://www.amazon.com', AWS, false],
    ['https://amazon.com', AWS, false],
    ['https://aws.amazon.com.evil.test', AWS, false],
    // IPs match only themselves; loopback ones only on their port (more in loopback.test.ts)
    ['https://127.0.0.1', ['127.0.0.1:443'], true],
    ['https://127.0.0.2', ['127.0.0.1:443'], false],
    ['https://[::1]:9000', ['[::1]:9000'], true],
    ['https://192.168.1.10:8443', ['192.168.1.10'], true],
    ['https://192.168.1.11', ['192.168.1.10'], false],
    // public suffixes never work as a site, even if stored
    ['https://aliyun.com', ['com'], false],
    ['https://example.co.uk', ['co.uk'], false],
    ['https://alice.github.io', ['github.io'], false],
    ['https://alice.github.io', ['alice.github.io'], true],
    ['https://bob.github.io', ['alice.github.io'], false],
    // nothing bound, nothing allowed
    ['https://aliyun.com', [], false],
    ['https://aliyun.com', [''], false],
  ])('%s with %j → %s', (origin, sites, expected) => {
    expect(isOriginAllowed(origin, sites, SUFFIXES)).toBe(expected);
  });
});

describe('isOriginAllowed with allowHttp (e2e/test build)', () => {
  it.each<[string, string[], boolean]>([
    ['http://signin.aliyun.com:41234', ALIYUN, true],
    ['http://aliyun.com.evil.test:41234', ALIYUN, false],
    ['http://127.0.0.1:5000', ['127.0.0.1:5000'], true],
    ['http://localhost:5000', ['localhost:5000'], true],
    ['https://signin.aliyun.com', ALIYUN, true],
    ['ws://signin.aliyun.com', ALIYUN, false],
  ])('%s with %j → %s', (origin, sites, expected) => {
    expect(isOriginAllowed(origin, sites, SUFFIXES, { allowHttp: true })).toBe(expected);
  });
});

describe('siteMatchesHost', () => {
  it('matches on label boundaries only', () => {
    expect(siteMatchesHost('aliyun.com', 'a.b.aliyun.com', SUFFIXES)).toBe(true);
    expect(siteMatchesHost('aliyun.com', 'baliyun.com', SUFFIXES)).toBe(false);
    expect(siteMatchesHost('signin.aliyun.com', 'aliyun.com', SUFFIXES)).toBe(false);
  });
});

describe('canFill', () => {
  const base = { allowedSites: ALIYUN, allowHttp: false, suffixes: SUFFIXES };
  it('allows when the top frame and the field frame are both bound', () => {
    expect(
      canFill({
        ...base,
        topOrigin: 'https://signin.aliyun.com',
        frameOrigin: 'https://passport.alibabacloud.com',
      }),
    ).toBe(true);
  });
  it('refuses a bound frame inside an unbound top page', () => {
    expect(
      canFill({
        ...base,
        topOrigin: 'https://aliyun.com.evil.test',
        frameOrigin: 'https://signin.aliyun.com',
      }),
    ).toBe(false);
  });
  it('refuses an unbound frame inside a bound top page', () => {
    expect(
      canFill({ ...base, topOrigin: 'https://signin.aliyun.com', frameOrigin: 'https://evil.test' }),
    ).toBe(false);
  });
  it('follows allowHttp for both frames', () => {
    const http = { topOrigin: 'http://signin.aliyun.com:8000', frameOrigin: 'http://signin.aliyun.com:8000' };
    expect(canFill({ ...base, ...http })).toBe(false);
    expect(canFill({ ...base, ...http, allowHttp: true })).toBe(true);
  });
});

describe('initialAllowedSites', () => {
  it.each<[string, string, string[]]>([
    // single-owner domains widen to the whole entry, and the profile applies on its own sites
    ['https://account.console.aliyun.com/#/secure', 'Aliyun', ['aliyun.com', 'alibabacloud.com']],
    ['https://account.alibabacloud.com/', 'Aliyun', ['aliyun.com', 'alibabacloud.com']],
    ['https://us-east-1.console.aws.amazon.com/iam', 'Amazon Web Services', AWS],
    ['https://github.com/settings/two_factor_authentication', 'GitHub', ['github.com']],
    ['https://gist.github.com/', '', ['github.com']],
    // anything else: the exact host
    ['https://id.example.co.uk/mfa', 'Example', ['id.example.co.uk']],
    ['https://example.com/mfa', 'Example', ['example.com']],
    ['https://alice.github.io/admin', '', ['alice.github.io']],
    ['https://www.amazon.com/a/settings', 'Amazon', ['www.amazon.com']],
    ['https://acme.service-now.com/nav', 'ServiceNow', ['acme.service-now.com']],
    // a profile never comes from the issuer alone
    ['https://mfa.example.com', 'GitHub', ['mfa.example.com']],
    ['https://github.com.evil.test/', 'GitHub', ['github.com.evil.test']],
    ['not a url', 'GitLab', []],
    ['', 'Aliyun', []],
    ['chrome-extension://abc/popup.html', 'Nobody', []],
    // nothing for a shared level itself
    ['https://service-now.com/', '', []],
    ['https://us.auth0.com/', '', []],
    ['https://github.io/', '', []],
    // loopback keeps its port
    ['http://127.0.0.1:4173/enroll', 'Test', ['127.0.0.1:4173']],
  ])('%s, issuer %j → %j', (origin, issuer, expected) => {
    expect(initialAllowedSites(origin, issuer, SUFFIXES)).toEqual(expected);
  });

  it.each<[string, string[]]>([
    ['https://www.example.co.uk/mfa', ['example.co.uk']],
    ['https://login.acme.okta.com/', ['acme.okta.com']],
    ['https://acme.us.auth0.com/u/mfa', ['acme.us.auth0.com']],
    ['https://id.acme.my.salesforce.com/', ['acme.my.salesforce.com']],
    ['https://alice.github.io/', ['alice.github.io']],
    ['https://console.aws.amazon.com/', ['aws.amazon.com']],
    ['https://www.amazon.com/', ['amazon.com']],
    ['http://localhost:3000/', ['localhost:3000']],
  ])('the user chose the whole domain: %s → %j', (origin, expected) => {
    expect(initialAllowedSites(origin, '', SUFFIXES, { wholeDomain: true })).toEqual(expected);
  });
});

describe('siteChoiceFor (the confirm screen\'s "all of …" choice)', () => {
  it.each<[string | null, SiteChoice | null]>([
    ['https://www.example.co.uk/mfa', { exact: 'www.example.co.uk', whole: 'example.co.uk' }],
    ['https://login.acme.okta.com/', { exact: 'login.acme.okta.com', whole: 'acme.okta.com' }],
    ['https://acme.service-now.com/', null],
    ['https://example.com/', null],
    ['https://signin.aliyun.com/', null],
    ['http://127.0.0.1:8765/', null],
    [null, null],
    ['about:blank', null],
  ])('%s → %j', (origin, choice) => {
    expect(siteChoiceFor(origin, SUFFIXES)).toEqual(choice);
  });
});

describe('normalizeSiteInput', () => {
  it.each<[string, string]>([
    ['aliyun.com', 'aliyun.com'],
    ['  Aliyun.COM  ', 'aliyun.com'],
    ['https://Signin.Aliyun.com:443/login?x=1#y', 'signin.aliyun.com'],
    ['http://signin.aliyun.com:8080', 'signin.aliyun.com'],
    ['signin.aliyun.com/path', 'signin.aliyun.com'],
    ['*.aliyun.com', 'aliyun.com'],
    ['.aliyun.com', 'aliyun.com'],
    ['aliyun.com.', 'aliyun.com'],
    ['192.168.1.10', '192.168.1.10'],
    ['https://192.168.1.10:8443/', '192.168.1.10'],
    ['http://127.0.0.1:3000/', '127.0.0.1:3000'],
    ['[::1]:9000', '[::1]:9000'],
    ['localhost:8080', 'localhost:8080'],
    ['acme.service-now.com', 'acme.service-now.com'],
    ['acme.us.auth0.com', 'acme.us.auth0.com'],
    ['alice.github.io', 'alice.github.io'],
  ])('%j → %s', (input, site) => {
    expect(normalizeSiteInput(input, SUFFIXES)).toMatchObject({ ok: true, site, isPunycode: false });
  });

  it('converts non-ASCII hosts to punycode and flags them', () => {
    expect(normalizeSiteInput('阿里云.com', SUFFIXES)).toEqual({
      ok: true,
      site: 'xn--9kqx25nv1c.com',
      isPunycode: true,
    });
  });

  it.each<[string, string]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['com', 'public-suffix'],
    ['co.uk', 'public-suffix'],
    ['https://co.uk/', 'public-suffix'],
    ['github.io', 'public-suffix'],
    ['ftp://aliyun.com', 'unsupported-scheme'],
    ['javascript:alert(1)', 'invalid'],
    ['alice@aliyun.com', 'has-credentials'],
    ['aliyun .com', 'invalid'],
    ['https://', 'invalid'],
    ['service-now.com', 'multi-tenant'],
    ['https://us.auth0.com/', 'multi-tenant'],
    ['*.okta.com', 'multi-tenant'],
    ['localhost', 'loopback-port'],
    ['127.0.0.1', 'loopback-port'],
    ['[::1]', 'loopback-port'],
  ])('%j is refused as %s', (input, reason) => {
    const result = normalizeSiteInput(input, SUFFIXES);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
  });
});
