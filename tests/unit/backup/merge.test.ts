import { describe, expect, it } from 'vitest';
import { findNameClashes, findSameSecret, planImport } from '../../../lib/backup/merge';
import type { OtpAccountData } from '../../../lib/otp/types';
import { FIXTURE_ACCOUNTS } from './helpers';

const { github, aliyun, hotp } = FIXTURE_ACCOUNTS;
const stored = (id: string, data: OtpAccountData) => ({ id, data });

describe('planImport', () => {
  it('adds what is new, in file order', () => {
    const plan = planImport([stored('a', github)], [{ data: aliyun }, { data: hotp }]);
    expect(plan.add.map((a) => a.data)).toEqual([aliyun, hotp]);
    expect(plan.duplicates).toEqual([]);
  });

  it('skips an account with the same secret, whatever its names', () => {
    const plan = planImport([stored('a', github)], [{ data: { ...github, issuer: 'Other', account: 'x' } }]);
    expect(plan.add).toEqual([]);
    expect(plan.duplicates).toEqual([
      expect.objectContaining({ reason: 'same-secret', existing: { id: 'a', data: github } }),
    ]);
  });

  it('imports an account with the same issuer and name but another secret beside it, never over it', () => {
    const renamed = {
      ...github,
      issuer: ' github ',
      account: 'ALICE@example.com',
      secret: 'GEZDGNBVGY3TQOJQ',
    };
    const plan = planImport([stored('a', github)], [{ data: renamed }]);
    expect(plan.add.map((a) => a.data)).toEqual([renamed]);
    expect(plan.duplicates).toEqual([]);
  });

  it('compares the secret bytes, not their spelling, and the kind of account', () => {
    const spelled = { ...github, issuer: 'X', secret: `${github.secret.toLowerCase()}====` };
    expect(planImport([stored('a', github)], [{ data: spelled }]).duplicates).toHaveLength(1);
    const asHotp = { ...github, kind: 'hotp' as const };
    expect(planImport([stored('a', github)], [{ data: asHotp }]).add).toHaveLength(1);
  });

  it('does not confuse issuer/account boundaries', () => {
    const a = { ...github, issuer: 'a:b', account: 'c' };
    const b = { ...github, issuer: 'a', account: 'b:c', secret: 'GEZDGNBVGY3TQOJQ' };
    expect(planImport([stored('a', a)], [{ data: b }]).add).toHaveLength(1);
  });

  it('treats a repeat inside the same file as a duplicate of the first', () => {
    const plan = planImport([], [{ data: github }, { data: github }]);
    expect(plan.add).toHaveLength(1);
    expect(plan.duplicates).toEqual([expect.objectContaining({ existing: null, reason: 'same-secret' })]);
  });

  it('carries the invalid entries through', () => {
    const skipped = { at: { kind: 'line', n: 2 }, code: 'secret-not-base32' } as const;
    expect(planImport([], [], [skipped]).invalid).toEqual([skipped]);
  });
});

describe('the duplicate rule shared by every add', () => {
  const other = { ...github, secret: 'GEZDGNBVGY3TQOJQ' };
  it('same secret → duplicate, whatever the names', () => {
    expect(findSameSecret([stored('a', github)], { ...github, issuer: 'Evil', account: 'x' })?.id).toBe('a');
    expect(findSameSecret([stored('a', github)], other)).toBeUndefined();
  });

  it('same issuer + name with another secret → a clash to decide, not a duplicate', () => {
    expect(findNameClashes([stored('a', github), stored('b', aliyun)], other).map((a) => a.id)).toEqual([
      'a',
    ]);
    expect(findNameClashes([stored('a', github)], github)).toEqual([]);
  });
});
