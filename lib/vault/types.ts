/**
 * The vault's public shapes: what a stored account looks like and what the repository offers. Other code
 * (background handlers, their fakes, backup) uses these types instead of declaring its own copies.
 */
import type { OtpAccountData } from '../otp/types';

export interface StoredAccount {
  id: string;
  data: OtpAccountData;
  allowedSites: string[];
  enrolledOrigin: string;
  pinned: boolean;
  order: number;
  createdAt: number;
  updatedAt: number;
}

export interface NewStoredAccount {
  data: OtpAccountData;
  allowedSites: string[];
  enrolledOrigin: string;
}

/** An account restored from a backup may arrive pinned. */
export interface NewStoredAccountWithPin extends NewStoredAccount {
  pinned?: boolean;
}

export interface StoredAccountPatch {
  issuer?: string;
  account?: string;
  pinned?: boolean;
  allowedSites?: string[];
  /** HOTP only: the next counter to use. */
  counter?: number;
}

export interface BrokenRecordInfo {
  id: string;
  reason: string;
}

export type VaultRepositoryState = 'uninitialized' | 'initialized' | 'newer-schema';

export interface VaultRepositoryDeps {
  crypto: Crypto;
  now: () => number;
  newId?: () => string;
  /**
   * Runs a read-modify-write of the record list alone among every context that writes the vault (the
   * background passes the Web Locks API). Without it, writers race and the loser retries a few times, then
   * reports a concurrent change; with it, concurrent saves (two popups, an import beside an add) all land.
   */
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>;
}

export interface VaultRepository {
  state(): Promise<VaultRepositoryState>;
  /** Creates the vault; returns the new data key. Refuses if a vault exists. */
  create(password: string): Promise<Uint8Array>;
  /**
   * Returns the data key; WrongPasswordError otherwise (writing nothing). A vault from before the record index
   * is upgraded here, once: its slot is re-wrapped with the 'record-index' feature and the first tag written.
   */
  unlock(password: string): Promise<Uint8Array>;
  /**
   * Undecryptable records are reported in `broken`, never dropped. If the record index does not match (a row
   * replaced by an older copy, deleted or added outside the extension), VAULT_INDEX_PROBLEM is appended.
   */
  list(dataKey: Uint8Array): Promise<{ accounts: StoredAccount[]; broken: BrokenRecordInfo[] }>;
  add(dataKey: Uint8Array, account: NewStoredAccount): Promise<StoredAccount>;
  /** Adds every item in one transaction, appended in the given order: all are stored or none is. */
  addMany(dataKey: Uint8Array, items: NewStoredAccountWithPin[]): Promise<StoredAccount[]>;
  update(dataKey: Uint8Array, id: string, patch: StoredAccountPatch): Promise<StoredAccount>;
  /**
   * Puts new content (secret, names, sites, enrolment origin) in place of one account, in one transaction:
   * afterwards exactly the new data is stored under that id, or nothing changed. Its place and pin stay;
   * it counts as created now (a key no backup holds yet).
   */
  replace(dataKey: Uint8Array, id: string, account: NewStoredAccount): Promise<StoredAccount>;
  /** Works on broken records too (nothing is decrypted; the key only signs the record index). */
  remove(id: string, dataKey: Uint8Array): Promise<void>;
  /** `ids` must list every stored record exactly once; order becomes the index. */
  reorder(ids: string[]): Promise<void>;
  /** Re-wraps the data key only; one transaction, so the old password works until it commits. */
  changePassword(oldPassword: string, newPassword: string): Promise<void>;
  /** Persists counter + 1 and returns the account with `data.counter` = the counter to compute the code with. */
  bumpHotpCounter(dataKey: Uint8Array, id: string): Promise<StoredAccount>;
  lastBackupAt(): Promise<number | null>;
  recordBackup(at: number): Promise<void>;
}
