// The Public Suffix List as the extension reads it at run time: the list's own test vectors, a cross-check
// against tldts (the package the file is built from, as the oracle) and the closed failure when the file is
// missing or broken.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { describe, expect, it } from 'vitest';
import {
  loadPublicSuffixes,
  parsePublicSuffixes,
  PUBLIC_SUFFIX_FILE,
  PublicSuffixListError,
  publicSuffixOf,
} from '../../../lib/sites/public-suffixes';
import {
  isIpAddress,
  isPublicSuffix,
  normalizeHostname,
  registrableDomain,
} from '../../../lib/sites/registrable';
import { publicSuffixRules, tldtsVersion } from '../../../tools/public-suffixes.mjs';
import { SUFFIX_FILE_TEXT, SUFFIXES } from './suffixes';

/** How lib/sites/registrable.ts asked tldts before the list became a packaged file. */
const TLDTS_OPTIONS = { allowPrivateDomains: true, detectIp: true, extractHostname: false } as const;
const tldtsIsPublicSuffix = (host: string) => {
  const result = parse(host, TLDTS_OPTIONS);
  return result.domain === null && result.publicSuffix === host;
};

/**
 * checkPublicSuffix(domain, registrable) from the Public Suffix List's tests (tests/test_psl.txt of the list's
 * repository), with null for "no registrable domain". Non-ASCII hosts are asked as the browser gives them
 * (punycode); the list's "Listed, but non-Internet, TLD" cases are commented out there too.
 */
const PSL_VECTORS: [string, string | null][] = [
  // Mixed case.
  ['COM', null],
  ['example.COM', 'example.com'],
  ['WwW.example.COM', 'example.com'],
  // Leading dot.
  ['.com', null],
  ['.example', null],
  ['.example.com', null],
  ['.example.example', null],
  // Unlisted TLD.
  ['example', null],
  ['example.example', 'example.example'],
  ['b.example.example', 'example.example'],
  ['a.b.example.example', 'example.example'],
  // TLD with only 1 rule.
  ['biz', null],
  ['domain.biz', 'domain.biz'],
  ['b.domain.biz', 'domain.biz'],
  ['a.b.domain.biz', 'domain.biz'],
  // TLD with some 2-level rules.
  ['com', null],
  ['example.com', 'example.com'],
  ['b.example.com', 'example.com'],
  ['a.b.example.com', 'example.com'],
  ['uk.com', null],
  ['example.uk.com', 'example.uk.com'],
  ['b.example.uk.com', 'example.uk.com'],
  ['a.b.example.uk.com', 'example.uk.com'],
  ['test.ac', 'test.ac'],
  // TLD with only 1 (wildcard) rule.
  ['mm', null],
  ['c.mm', null],
  ['b.c.mm', 'b.c.mm'],
  ['a.b.c.mm', 'b.c.mm'],
  // More complex TLD.
  ['jp', null],
  ['test.jp', 'test.jp'],
  ['www.test.jp', 'test.jp'],
  ['ac.jp', null],
  ['test.ac.jp', 'test.ac.jp'],
  ['www.test.ac.jp', 'test.ac.jp'],
  ['kyoto.jp', null],
  ['test.kyoto.jp', 'test.kyoto.jp'],
  ['ide.kyoto.jp', null],
  ['b.ide.kyoto.jp', 'b.ide.kyoto.jp'],
  ['a.b.ide.kyoto.jp', 'b.ide.kyoto.jp'],
  ['c.kobe.jp', null],
  ['b.c.kobe.jp', 'b.c.kobe.jp'],
  ['a.b.c.kobe.jp', 'b.c.kobe.jp'],
  ['city.kobe.jp', 'city.kobe.jp'],
  ['www.city.kobe.jp', 'city.kobe.jp'],
  // TLD with a wildcard rule and exceptions.
  ['ck', null],
  ['test.ck', null],
  ['b.test.ck', 'b.test.ck'],
  ['a.b.test.ck', 'b.test.ck'],
  ['www.ck', 'www.ck'],
  ['www.www.ck', 'www.ck'],
  // US K12.
  ['us', null],
  ['test.us', 'test.us'],
  ['www.test.us', 'test.us'],
  ['ak.us', null],
  ['test.ak.us', 'test.ak.us'],
  ['www.test.ak.us', 'test.ak.us'],
  ['k12.ak.us', null],
  ['test.k12.ak.us', 'test.k12.ak.us'],
  ['www.test.k12.ak.us', 'test.k12.ak.us'],
  // IDN labels.
  ['食狮.com.cn', '食狮.com.cn'],
  ['食狮.公司.cn', '食狮.公司.cn'],
  ['www.食狮.公司.cn', '食狮.公司.cn'],
  ['shishi.公司.cn', 'shishi.公司.cn'],
  ['公司.cn', null],
  ['食狮.中国', '食狮.中国'],
  ['www.食狮.中国', '食狮.中国'],
  ['shishi.中国', 'shishi.中国'],
  ['中国', null],
  // Same as above, but punycoded.
  ['xn--85x722f.com.cn', 'xn--85x722f.com.cn'],
  ['xn--85x722f.xn--55qx5d.cn', 'xn--85x722f.xn--55qx5d.cn'],
  ['www.xn--85x722f.xn--55qx5d.cn', 'xn--85x722f.xn--55qx5d.cn'],
  ['shishi.xn--55qx5d.cn', 'shishi.xn--55qx5d.cn'],
  ['xn--55qx5d.cn', null],
  ['xn--85x722f.xn--fiqs8s', 'xn--85x722f.xn--fiqs8s'],
  ['www.xn--85x722f.xn--fiqs8s', 'xn--85x722f.xn--fiqs8s'],
  ['shishi.xn--fiqs8s', 'shishi.xn--fiqs8s'],
  ['xn--fiqs8s', null],
];

// eslint-disable-next-line no-control-regex
const ascii = (host: string) => (/^[\x00-\x7f]*$/u.test(host) ? host : domainToASCII(host));

describe('the Public Suffix List test vectors', () => {
  it.each(PSL_VECTORS)('%s → %s', (host, expected) => {
    expect(registrableDomain(ascii(host), SUFFIXES)).toBe(expected === null ? null : ascii(expected));
  });
});

/** Every host-like string in the e2e fixtures and harness (the hosts the browser tests serve pages on). */
function fixtureHosts(): string[] {
  const hosts = new Set<string>();
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.(html|js|ts|json|txt)$/u.test(name)) {
        for (const m of readFileSync(path, 'utf8').matchAll(/\b(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]+\b/giu)) {
          hosts.add(m[0].toLowerCase());
        }
      }
    }
  };
  visit('tests/fixtures');
  visit('tests/e2e/harness');
  return [...hosts];
}

/** Each rule's own suffix and hosts one and two labels below it (for `*.x`: one and two below x). */
function ruleHosts(): string[] {
  const hosts: string[] = [];
  for (const rule of [...SUFFIXES.rules, ...SUFFIXES.wildcards, ...SUFFIXES.exceptions]) {
    const suffix = ascii(rule);
    hosts.push(suffix, `x.${suffix}`, `a.b.${suffix}`);
  }
  return hosts;
}

describe('agreement with tldts (the oracle and the source of the data)', () => {
  it('the packaged file holds exactly the rules of the pinned tldts', async () => {
    expect(SUFFIXES.source).toContain(`tldts ${tldtsVersion()}`);
    const rules = await publicSuffixRules();
    expect(SUFFIXES.rules.size + SUFFIXES.wildcards.size + SUFFIXES.exceptions.size).toBe(rules.length);
    expect(rules.length).toBeGreaterThan(9000);
  });

  it('every rule and the hosts below it, every fixture host, and odd inputs: same answers', () => {
    const odd = [
      '',
      '.',
      '..',
      'com.',
      'com..',
      '.com',
      'a..com',
      'localhost',
      'a.localhost',
      '127.0.0.1',
      '999.1.1.1',
      '1.2.3',
      '::1',
      '[::1]',
      'a:b',
      'xn--',
      'under_score.com',
      'UPPER.CO.UK',
      'www.ck',
      'a.www.ck',
    ];
    const corpus = [...new Set([...ruleHosts(), ...fixtureHosts(), ...odd])];
    expect(corpus.length).toBeGreaterThan(30000);
    const differ: string[] = [];
    for (const host of corpus) {
      const normalized = normalizeHostname(host);
      // The guards before the lookup are unchanged from the tldts version; only the lookup is compared.
      const skip = normalized === '' || isIpAddress(normalized) || normalized === 'localhost';
      if (isPublicSuffix(host, SUFFIXES) !== (!skip && tldtsIsPublicSuffix(normalized))) {
        differ.push(`isPublicSuffix(${host})`);
      }
      const wellFormed = /^[a-z0-9.-]+$/u.test(normalized) && !normalized.split('.').includes('');
      if (!skip && wellFormed) {
        const ours = registrableDomain(host, SUFFIXES);
        const theirs = parse(normalized, TLDTS_OPTIONS).domain;
        if (ours !== theirs) differ.push(`registrableDomain(${host}): ${ours} vs ${theirs}`);
      }
    }
    expect(differ).toEqual([]);
  });
});

describe('the matcher', () => {
  it('exceptions win, wildcards stand for one non-empty label, the default rule is the last label', () => {
    expect(publicSuffixOf(SUFFIXES, 'www.ck')).toBe('ck');
    expect(publicSuffixOf(SUFFIXES, 'a.test.ck')).toBe('test.ck');
    expect(publicSuffixOf(SUFFIXES, 'a..ck')).toBe('ck');
    expect(publicSuffixOf(SUFFIXES, 'foo.unlisted-tld')).toBe('unlisted-tld');
    expect(registrableDomain('alice.github.io', SUFFIXES)).toBe('alice.github.io');
    expect(registrableDomain('x.alice.github.io', SUFFIXES)).toBe('alice.github.io');
    expect(isPublicSuffix('github.io', SUFFIXES)).toBe(true);
    expect(registrableDomain('account.console.aliyun.com', SUFFIXES)).toBe('aliyun.com');
  });
});

describe('a missing or broken list file fails closed', () => {
  it('reads the one packaged file and parses it', async () => {
    const asked: string[] = [];
    const list = await loadPublicSuffixes(async (file) => {
      asked.push(file);
      return SUFFIX_FILE_TEXT;
    });
    expect(asked).toEqual([PUBLIC_SUFFIX_FILE]);
    expect(list.rules.has('co.uk')).toBe(true);
  });

  it.each<[string, () => Promise<string>]>([
    ['unreadable', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['empty', async () => ''],
    ['not our format', async () => 'com\nco.uk\n'],
    ['truncated', async () => SUFFIX_FILE_TEXT.slice(0, 2000)],
    ['without com', async () => SUFFIX_FILE_TEXT.replace('\ncom\n', '\n')],
  ])('%s: rejects with PublicSuffixListError', async (_name, read) => {
    await expect(loadPublicSuffixes(read)).rejects.toBeInstanceOf(PublicSuffixListError);
  });

  it('parsing the whole file takes milliseconds', () => {
    const start = performance.now();
    parsePublicSuffixes(SUFFIX_FILE_TEXT);
    expect(performance.now() - start).toBeLessThan(500);
  });
});
