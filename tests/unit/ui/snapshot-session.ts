// Test helpers: vault accounts and the storage.session the background leaves for them (the popup snapshot's
// parts, its index and the unlocked key), as the popup's early script and the app read them.
import { SESSION_STORAGE_KEY } from '../../../lib/vault/session-keys';
import { SNAPSHOT_KEY, buildParts } from '../../../lib/vault/popup-snapshot';
import type { LocalArea } from '../../../lib/ui/snapshot-views';
import type { StoredAccount } from '../../../lib/vault/types';
import { totpData } from '../vault/helpers';

export const NOW = 1_700_000_000_000;
export const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** A TOTP account (SHA-1, 6 digits, 30 s, "alice") with what the test changes. */
export function storedAccount(
  id: string,
  data: Partial<StoredAccount['data']> = {},
  more: Partial<StoredAccount> = {},
): StoredAccount {
  return {
    id,
    data: totpData({ issuer: 'Issuer', account: 'alice', secret: SECRET, ...data }),
    allowedSites: [],
    enrolledOrigin: '',
    pinned: false,
    order: 0,
    createdAt: NOW - 1,
    updatedAt: NOW - 1,
    ...more,
  };
}

export interface SnapshotSessionOptions {
  /** The key's deadline; null: no key (locked). */
  lockAt?: number | null;
  gen?: string;
  /** A read of the whole list (any chunk) never answers, so a test sees the first render alone. */
  holdChunks?: boolean;
}

/** storage.session for these accounts, recording every read (the keys asked, in order). */
export function snapshotSession(
  accounts: StoredAccount[],
  { lockAt = NOW + 600_000, gen = 'g1', holdChunks = false }: SnapshotSessionOptions = {},
): LocalArea & { values: Record<string, unknown>; reads: string[][] } {
  const { parts, chunks } = buildParts(accounts, [], NOW, 300_000);
  const values: Record<string, unknown> = { ...parts, [SNAPSHOT_KEY]: { v: 2, gen, chunks } };
  if (lockAt !== null) values[SESSION_STORAGE_KEY] = { dataKey: 'A'.repeat(43) + '=', lockAt };
  const reads: string[][] = [];
  return {
    values,
    reads,
    async get(keys) {
      const wanted = keys === null ? Object.keys(values) : typeof keys === 'string' ? [keys] : keys;
      reads.push(wanted);
      if (holdChunks && wanted.some((key) => key.startsWith('popupSnapshot:c'))) return new Promise(() => {});
      const out: Record<string, unknown> = {};
      for (const key of wanted) if (key in values) out[key] = structuredClone(values[key]);
      return out;
    },
    async set(items) {
      Object.assign(values, items);
    },
    async remove(keys) {
      for (const key of typeof keys === 'string' ? [keys] : keys) delete values[key];
    },
  };
}
