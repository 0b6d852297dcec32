import type { AccountView } from '../messaging';

type Sortable = Pick<AccountView, 'matchesTab' | 'pinned' | 'order' | 'id'>;

/**
 * Display order: accounts allowed on the current tab first, then pinned ones, then the user's order.
 * Ties fall back to the id so the order is stable between refreshes. Returns a new array.
 */
export function sortAccounts<T extends Sortable>(accounts: readonly T[]): T[] {
  return [...accounts].sort((a, b) => {
    if (a.matchesTab !== b.matchesTab) return a.matchesTab ? -1 : 1;
    if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
    if (a.order !== b.order) return a.order - b.order;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
