/**
 * Moves `id` next to `neighborId` in the stored order (`orderedIds`, sorted by `order`), before or after it.
 * The list shows accounts grouped (site matches, pinned), so "move up" means "move before the row shown
 * above"; doing that in the stored order changes as little as possible. Returns null when nothing moves.
 */
export function moveNextTo(
  orderedIds: readonly string[],
  id: string,
  neighborId: string,
  side: 'before' | 'after',
): string[] | null {
  if (id === neighborId || !orderedIds.includes(id) || !orderedIds.includes(neighborId)) return null;
  const without = orderedIds.filter((each) => each !== id);
  const neighborIndex = without.indexOf(neighborId);
  without.splice(side === 'before' ? neighborIndex : neighborIndex + 1, 0, id);
  const unchanged = without.every((each, index) => each === orderedIds[index]);
  return unchanged ? null : without;
}
