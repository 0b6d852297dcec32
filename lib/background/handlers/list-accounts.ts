import type { Handler } from '../router';
import type { BackgroundDeps } from '../deps';
import { requireUnlocked } from '../unlocked-key';
import { toAccountView } from '../account-view';
import { accountAllowedOn } from '../../sites/binding';
import { originOfTab } from '../tab-origin';
import { writePopupSnapshot } from '../popup-snapshot';
import type { SnapshotAccount } from '../../vault/popup-snapshot';
import type { StoredAccount } from '../deps';

/** A snapshot row in the stored shape the view is made from (HOTP codes are never computed here). */
function storedOf(row: SnapshotAccount): StoredAccount {
  const { id, kind, issuer, account, digits, period, algorithm, secret, pinned, order, allowedSites } = row;
  const data = { kind, issuer, account, digits, period, algorithm, secret, counter: 0 };
  return { id, data, pinned, order, allowedSites, enrolledOrigin: '', createdAt: 0, updatedAt: 0 };
}

export function listAccountsHandler(deps: BackgroundDeps): Handler<'listAccounts'> {
  return {
    access: 'extension',
    async handle({ tabId }) {
      const dek = await requireUnlocked(deps);
      // why: the popup reads the snapshot itself; when it asks here (no snapshot, or another tab's list) the
      // vault is read afresh — tampering at rest is reported — and the snapshot is rewritten from that read.
      const [snapshot, tabOrigin] = await Promise.all([
        writePopupSnapshot(deps, dek),
        originOfTab(deps, tabId),
      ]);
      const now = deps.now();
      // why: without the Public Suffix List no account is shown as matching this tab (the list still shows).
      const suffixes = await deps.publicSuffixes().catch(() => null);
      const matches = (sites: string[]) =>
        tabOrigin !== null && suffixes !== null && accountAllowedOn(tabOrigin, sites, suffixes);
      if (!snapshot) {
        const { accounts, broken } = await deps.vault.list(dek);
        return { accounts: accounts.map((s) => toAccountView(s, now, matches(s.allowedSites))), broken };
      }
      return {
        accounts: snapshot.accounts.map((row) =>
          toAccountView(storedOf(row), now, matches(row.allowedSites)),
        ),
        broken: snapshot.broken,
      };
    },
  };
}
