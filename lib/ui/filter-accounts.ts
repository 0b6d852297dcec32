import type { AccountView } from '../messaging';

type Searchable = Pick<AccountView, 'issuer' | 'account'>;

/**
 * Keeps the accounts whose issuer or account name contains every word of the query, ignoring case.
 * An empty or blank query keeps everything. Order is preserved.
 */
export function filterAccounts<T extends Searchable>(accounts: readonly T[], query: string): T[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...accounts];
  return accounts.filter((account) => {
    const haystack = `${account.issuer}\n${account.account}`.toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
