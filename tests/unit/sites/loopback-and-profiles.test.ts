import { describe, expect, it } from 'vitest';
import { initialAllowedSites, isOriginAllowed, siteMatchesHost } from '../../../lib/sites/binding';
import { isLoopback } from '../../../lib/sites/registrable';
import { accountAllowedOn } from '../../../lib/sites/binding';
import { SUFFIXES } from './suffixes';

describe('loopback sites carry their port', () => {
  it.each<[string, string[], boolean]>([
    ['http://127.0.0.1:8765/login', ['127.0.0.1:8765'], true],
    ['http://127.0.0.1:8766/login', ['127.0.0.1:8765'], false],
    ['http://127.0.0.1/login', ['127.0.0.1:8765'], false],
    ['http://127.0.0.1/login', ['127.0.0.1:80'], true],
    ['https://127.0.0.1/login', ['127.0.0.1:80'], false],
    ['https://127.0.0.1/login', ['127.0.0.1:443'], true],
    ['http://127.0.0.2:8765/', ['127.0.0.1:8765'], false],
    ['http://localhost:3000/', ['localhost:3000'], true],
    ['http://localhost:3001/', ['localhost:3000'], false],
    ['http://localhost:3000/', ['127.0.0.1:3000'], false],
    ['http://app.localhost:5173/', ['app.localhost:5173'], true],
    ['http://app.localhost:5173/', ['localhost:5173'], false],
    ['http://[::1]:9000/', ['[::1]:9000'], true],
    ['http://[::1]:9001/', ['[::1]:9000'], false],
    // a loopback site stored without a port (older versions) matches no port at all
    ['http://127.0.0.1:8765/', ['127.0.0.1'], false],
    ['http://127.0.0.1/', ['127.0.0.1'], false],
    ['http://localhost:3000/', ['localhost'], false],
    ['http://[::1]:9000/', ['::1'], false],
    // elsewhere ports are still ignored
    ['https://signin.aliyun.com:8443/', ['aliyun.com'], true],
    ['https://192.168.1.10:8443/', ['192.168.1.10'], true],
  ])('%s with %j → %s', (origin, sites, expected) => {
    expect(isOriginAllowed(origin, sites, SUFFIXES, { allowHttp: true })).toBe(expected);
    // the background's policy (https only, except these loopback hosts) agrees
    if (
      origin.startsWith('http://') &&
      ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(origin).hostname)
    ) {
      expect(accountAllowedOn(origin, sites, SUFFIXES)).toBe(expected);
    }
  });

  it.each<[string, string[]]>([
    ['http://127.0.0.1:4173/enroll', ['127.0.0.1:4173']],
    ['http://localhost:3000/', ['localhost:3000']],
    ['http://localhost/', ['localhost:80']],
    ['https://localhost/', ['localhost:443']],
    ['http://[::1]:9000/', ['[::1]:9000']],
  ])('enrolled on %s → %j', (origin, sites) => {
    expect(initialAllowedSites(origin, '', SUFFIXES)).toEqual(sites);
    expect(initialAllowedSites(origin, '', SUFFIXES, { wholeDomain: true })).toEqual(sites);
  });

  it.each(['localhost', 'app.localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]', '::ffff:7f00:1'])(
    '%s is loopback',
    (host) => expect(isLoopback(host)).toBe(true),
  );

  it.each(['128.0.0.1', '192.168.1.1', '::2', 'localhost.evil.test', '127.0.0.1.evil.test', 'example.com'])(
    '%s is not loopback',
    (host) => expect(isLoopback(host)).toBe(false),
  );

  it('a port on a non-loopback site is ignored, as before', () => {
    expect(siteMatchesHost('example.com', 'login.example.com', SUFFIXES)).toBe(true);
  });
});

describe('issuer profiles apply only when enrolled on their own sites', () => {
  it.each<[string, string, string[]]>([
    // on the profile's own site: its sites
    ['https://github.com/settings/security', 'GitHub', ['github.com']],
    ['https://myaccount.google.com/signinoptions', 'Google', ['google.com', 'accounts.google.com']],
    ['https://account.live.com/proofs', 'Microsoft', ['microsoft.com', 'live.com', 'microsoftonline.com']],
    ['https://signin.alibabacloud.com/', '阿里云', ['aliyun.com', 'alibabacloud.com']],
    ['https://dash.cloudflare.com/', 'Cloudflare', ['cloudflare.com']],
    // another page claiming the issuer: only that page
    ['https://evil.example/enroll', 'GitHub', ['evil.example']],
    ['https://github.com.evil.example/', 'GitHub', ['github.com.evil.example']],
    ['https://login.microsoft.com.evil.example/', 'Microsoft', ['login.microsoft.com.evil.example']],
    ['https://aliyun-login.example/', 'Aliyun', ['aliyun-login.example']],
    ['https://www.amazon.com/', 'AWS', ['www.amazon.com']],
    ['https://xn--gthub-n4a.com/', 'GitHub', ['xn--gthub-n4a.com']],
    // a profile's site with another issuer's name: the page's own binding, nothing from the named issuer
    ['https://gitlab.com/-/profile/two_factor_auth', 'GitHub', ['gitlab.com']],
    // no page: no sites, whatever the issuer says
    ['', 'GitHub', []],
    ['not a url', 'Aliyun', []],
  ])('%s, issuer %j → %j', (origin, issuer, expected) => {
    expect(initialAllowedSites(origin, issuer, SUFFIXES)).toEqual(expected);
  });
});
