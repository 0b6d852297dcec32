import { describe, expect, it } from 'vitest';
import { moveNextTo } from '../../../lib/ui/reorder';

describe('moveNextTo', () => {
  const ids = ['a', 'b', 'c', 'd'];

  it('moves an account before or after its neighbour', () => {
    expect(moveNextTo(ids, 'c', 'b', 'before')).toEqual(['a', 'c', 'b', 'd']);
    expect(moveNextTo(ids, 'b', 'c', 'after')).toEqual(['a', 'c', 'b', 'd']);
  });

  it('moves across accounts that are shown elsewhere (grouped rows)', () => {
    expect(moveNextTo(ids, 'd', 'a', 'before')).toEqual(['d', 'a', 'b', 'c']);
  });

  it('returns null when nothing would change or an id is unknown', () => {
    expect(moveNextTo(ids, 'a', 'b', 'before')).toBeNull();
    expect(moveNextTo(ids, 'a', 'a', 'after')).toBeNull();
    expect(moveNextTo(ids, 'x', 'a', 'after')).toBeNull();
  });

  it('keeps every id exactly once', () => {
    const moved = moveNextTo(ids, 'a', 'd', 'after') ?? [];
    expect([...moved].sort()).toEqual(ids);
  });
});
