import { describe, expect, it } from 'vitest';
import { sortAccounts } from '../../../lib/ui/sort-accounts';

function account(id: string, order: number, flags: { matchesTab?: boolean; pinned?: boolean } = {}) {
  return { id, order, matchesTab: flags.matchesTab ?? false, pinned: flags.pinned ?? false };
}

describe('sortAccounts', () => {
  it('puts accounts for the current site first, then pinned ones, then the stored order', () => {
    const sorted = sortAccounts([
      account('plain-2', 2),
      account('pinned', 5, { pinned: true }),
      account('site', 9, { matchesTab: true }),
      account('plain-1', 1),
      account('site-pinned', 7, { matchesTab: true, pinned: true }),
    ]);
    expect(sorted.map((each) => each.id)).toEqual(['site-pinned', 'site', 'pinned', 'plain-1', 'plain-2']);
  });

  it('breaks ties by id so refreshes do not reshuffle rows', () => {
    expect(sortAccounts([account('b', 1), account('a', 1)]).map((each) => each.id)).toEqual(['a', 'b']);
  });

  it('returns a new array and leaves the input alone', () => {
    const input = [account('b', 2), account('a', 1)];
    const sorted = sortAccounts(input);
    expect(sorted).not.toBe(input);
    expect(input.map((each) => each.id)).toEqual(['b', 'a']);
  });
});
