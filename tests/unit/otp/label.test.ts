import { describe, expect, it } from 'vitest';
import { cleanLabel, joinLabel, MAX_LABEL_LENGTH, splitLabel } from '../../../lib/otp/label';

describe('cleanLabel', () => {
  it.each([
    ['  alice@example.com  ', 'alice@example.com'],
    ['evil\u202Emoc.elgoog', 'evilmoc.elgoog'], // right-to-left override removed
    ['a\u200Bb', 'ab'], // zero-width space removed
    ['a\u2066b\u2069', 'ab'], // bidi isolates removed
    ['line1\nline2', 'line1 line2'],
    ['tab\tseparated', 'tab separated'],
    ['many    spaces', 'many spaces'],
    ['\u0000null', 'null'],
    ['e\u0301', '\u00e9'], // NFC
    ['阿里云', '阿里云'],
    ['ユーザー', 'ユーザー'],
    ['\ud800lone', 'lone'], // lone surrogate
  ])('%j → %j', (input, output) => {
    expect(cleanLabel(input)).toBe(output);
  });

  it(`caps at ${MAX_LABEL_LENGTH} code points without splitting a surrogate pair`, () => {
    const cleaned = cleanLabel('😀'.repeat(300));
    expect(Array.from(cleaned)).toHaveLength(MAX_LABEL_LENGTH);
    expect(cleaned).toBe('😀'.repeat(MAX_LABEL_LENGTH));
  });

  it('is idempotent', () => {
    for (const input of ['a'.repeat(255) + ' e\u0301', ' x\u202E y ', 'a'.repeat(256) + ' b']) {
      expect(cleanLabel(cleanLabel(input))).toBe(cleanLabel(input));
    }
  });
});

describe('splitLabel', () => {
  it.each([
    ['Aliyun:alice@1234567890123456', '', 'Aliyun', 'alice@1234567890123456'],
    ['Aliyun: alice', '', 'Aliyun', 'alice'],
    ['alice', '', '', 'alice'],
    ['alice', 'GitHub', 'GitHub', 'alice'],
    ['Old:alice', 'New', 'New', 'alice'], // parameter wins
    ['Corp:Unit:alice', 'Corp:Unit', 'Corp:Unit', 'alice'], // issuer with a colon
    ['Corp:a:b', 'Corp', 'Corp', 'a:b'],
    [':a:b', '', '', 'a:b'],
    ['Aliyun:', '', 'Aliyun', ''],
  ])('%j with issuer %j → %j / %j', (label, issuer, outIssuer, outAccount) => {
    expect(splitLabel(label, issuer)).toEqual({ issuer: outIssuer, account: outAccount });
  });

  it.each([
    ['Aliyun', 'alice'],
    ['', 'alice'],
    ['', 'a:b'],
    ['Corp', 'a:b'],
    ['Corp:Unit', 'alice'],
    ['Corp:Unit', 'a:b'],
    ['Aliyun', ''],
  ])('joinLabel(%j, %j) splits back', (issuer, account) => {
    // An issuer with a colon travels as a parameter, so it is passed again here.
    const param = issuer.includes(':') ? issuer : '';
    const joined = joinLabel(issuer, account);
    expect(splitLabel(joined, param)).toEqual({ issuer, account });
    expect(splitLabel(joined, issuer)).toEqual({ issuer, account });
  });
});
