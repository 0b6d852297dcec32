import { describe, expect, it } from 'vitest';
import { filterAccounts } from '../../../lib/ui/filter-accounts';

const accounts = [
  { issuer: 'Aliyun', account: 'alice@1234567890123456' },
  { issuer: 'GitHub', account: 'octocat' },
  { issuer: 'AWS', account: 'admin@example.com' },
  { issuer: '阿里云', account: '张三' },
];

describe('filterAccounts', () => {
  it('keeps everything for an empty or blank query', () => {
    expect(filterAccounts(accounts, '')).toEqual(accounts);
    expect(filterAccounts(accounts, '   ')).toEqual(accounts);
  });

  it('matches issuer or account name, ignoring case', () => {
    expect(filterAccounts(accounts, 'github').map((each) => each.issuer)).toEqual(['GitHub']);
    expect(filterAccounts(accounts, 'OCTO').map((each) => each.issuer)).toEqual(['GitHub']);
    expect(filterAccounts(accounts, 'example').map((each) => each.issuer)).toEqual(['AWS']);
  });

  it('needs every word to match somewhere', () => {
    expect(filterAccounts(accounts, 'aliyun alice').map((each) => each.issuer)).toEqual(['Aliyun']);
    expect(filterAccounts(accounts, 'aliyun octocat')).toEqual([]);
  });

  it('matches non-Latin names', () => {
    expect(filterAccounts(accounts, '张').map((each) => each.issuer)).toEqual(['阿里云']);
  });

  it('keeps the given order', () => {
    expect(filterAccounts(accounts, 'a').map((each) => each.issuer)).toEqual(['Aliyun', 'GitHub', 'AWS']);
  });
});
