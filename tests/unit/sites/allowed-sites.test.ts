import { describe, expect, it } from 'vitest';
import { normalizeSites, sitesForNewAccount } from '../../../lib/background/allowed-sites';
import { SUFFIXES } from './suffixes';

describe('sitesForNewAccount (the background decides when the UI sends no sites)', () => {
  it.each<[string, string, string[]]>([
    ['https://acme.service-now.com', 'ServiceNow', ['acme.service-now.com']],
    ['https://github.com', 'GitHub', ['github.com']],
    ['https://evil.example', 'GitHub', ['evil.example']],
    // manual add with no page, and imports from other apps: the issuer grants nothing
    ['', 'GitHub', []],
    ['', 'Aliyun', []],
    ['', '', []],
  ])('enrolled on %j, issuer %j → %j', (origin, issuer, sites) => {
    expect(sitesForNewAccount([], origin, issuer, SUFFIXES)).toEqual(sites);
    expect(sitesForNewAccount(undefined, origin, issuer, SUFFIXES)).toEqual(sites);
  });

  it("the user's own list wins, normalized", () => {
    expect(
      sitesForNewAccount(['https://Acme.Service-Now.com/x', 'localhost:3000'], '', 'GitHub', SUFFIXES),
    ).toEqual(['acme.service-now.com', 'localhost:3000']);
  });

  it.each(['service-now.com', 'us.auth0.com', 'com', 'localhost'])(
    'refuses %j with a message the user can act on',
    (site) => {
      expect(() => normalizeSites([site], SUFFIXES)).toThrow(/is not a site: .{20,}/u);
    },
  );
});
