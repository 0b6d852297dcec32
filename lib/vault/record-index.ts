/**
 * The record index: one HMAC-SHA256 tag (in `meta`) over every record's (id, IV). Each write gives a record a
 * fresh IV, so putting back an older copy of a record, or removing or adding a row outside the extension, no
 * longer matches the tag. Every write of records goes through `writeIndexed`, which checks nothing changed
 * meanwhile and writes the rows and the new tag in one transaction.
 */
import { bytesToBase64, paddedBase64ToBytes, utf8, type Bytes } from '../bytes';
import { assertDataKey, unwrapAndAddFeatures } from './crypto';
import { ConcurrentChangeError } from './errors';
import {
  PASSWORD_SLOT_ID,
  RECORD_INDEX_FEATURE,
  type MetaRow,
  type RecordRow,
  type SlotRow,
  type VaultDb,
} from './schema';
import type { BrokenRecordInfo } from './types';

/** One record as the vault-wide index sees it: its id and the IV of its current write. */
export interface RecordIndexEntry {
  id: string;
  iv: string;
}

/** The `broken` entry `list` adds when the record index does not match what is stored. */
export const VAULT_INDEX_PROBLEM: BrokenRecordInfo = {
  id: 'vault-index',
  reason:
    'The vault was changed outside the extension: a record was replaced by an older copy, removed or added. ' +
    'Your accounts are kept; make a backup and check them.',
};

const INDEX_META_KEY = 'recordIndexMac';
const RECORD_INDEX_INFO = 'vault-record-index-v1';
const MAX_REWRITE_ATTEMPTS = 3;

/** HMAC key for the record index, derived from the DEK with HKDF so the DEK itself never signs anything. */
async function recordIndexKey(crypto: Crypto, dataKey: Uint8Array): Promise<CryptoKey> {
  assertDataKey(dataKey);
  const base = await crypto.subtle.importKey('raw', new Uint8Array(dataKey), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8(RECORD_INDEX_INFO) },
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  );
}

/** Sorted by id, fixed-position JSON: the same set of records always gives the same bytes. */
function recordIndexBytes(entries: readonly RecordIndexEntry[]): Bytes {
  const pairs = entries
    .map((e) => [e.id, e.iv] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return utf8(JSON.stringify(['mfa-vault-record-index', 1, pairs]));
}

/** HMAC-SHA256 (base64) over every record's (id, IV). */
export async function recordIndexTag(
  crypto: Crypto,
  dataKey: Uint8Array,
  entries: readonly RecordIndexEntry[],
): Promise<string> {
  const key = await recordIndexKey(crypto, dataKey);
  return bytesToBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, recordIndexBytes(entries))));
}

/** Constant-time check of a stored tag; a malformed tag is simply not valid. */
export async function verifyRecordIndexTag(
  crypto: Crypto,
  dataKey: Uint8Array,
  entries: readonly RecordIndexEntry[],
  tag: unknown,
): Promise<boolean> {
  const tagBytes = paddedBase64ToBytes(tag);
  if (!tagBytes) return false;
  const key = await recordIndexKey(crypto, dataKey);
  return crypto.subtle.verify('HMAC', key, tagBytes, recordIndexBytes(entries));
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function indexOf(rows: readonly RecordIndexEntry[]): RecordIndexEntry[] {
  return rows.map(({ id, iv }) => ({ id, iv })).sort((a, b) => compareIds(a.id, b.id));
}

function sameIndex(a: readonly RecordIndexEntry[], b: readonly RecordIndexEntry[]): boolean {
  const x = indexOf(a);
  const y = indexOf(b);
  return x.length === y.length && x.every((entry, i) => entry.id === y[i]?.id && entry.iv === y[i]?.iv);
}

function storedTag(row: MetaRow | undefined): string | undefined {
  // why: a tag that is not a string is as good as a missing one; verification then fails or reports it.
  return row?.key === INDEX_META_KEY && typeof row.value === 'string' ? row.value : undefined;
}

/** What a write will store, worked out (and encrypted) before its transaction opens. */
export interface IndexedWrite<T> {
  /** Every record's (id, IV) once the write is done. */
  nextIndex: RecordIndexEntry[];
  /** Runs inside the transaction, after the record index was found unchanged; no WebCrypto here. */
  apply: () => Promise<T>;
}

export interface RecordIndex {
  /** The meta row of the tag, for `create` to write the first one. */
  metaKey: typeof INDEX_META_KEY;
  /** Rows and tag read in one transaction, so both are from the same moment. */
  readRowsAndTag(): Promise<{ rows: RecordRow[]; tag: string | undefined }>;
  /** True when the stored tag matches `rows`, or when the vault has never had a tag (older vault). */
  isIntact(dataKey: Uint8Array, rows: readonly RecordIndexEntry[], tag: string | undefined): Promise<boolean>;
  /**
   * Read the rows and the tag, `prepare` (decrypt/encrypt) outside any transaction, sign the index the write
   * will produce, then in one transaction check nothing changed and write rows + tag together. If the stored
   * index was already wrong, the rows are written but the tag is not re-signed, so the problem stays reported
   * instead of being blessed by the next write. ConcurrentChangeError(`what`) after a few lost races.
   */
  writeIndexed<T>(
    dataKey: Uint8Array,
    what: string,
    prepare: (rows: RecordRow[]) => Promise<IndexedWrite<T>>,
  ): Promise<T>;
  /**
   * A vault from before the record index: switch it on while the password is at hand. The slot gains the
   * feature (authenticated, so it cannot be stripped later) and the first tag is written in the same
   * transaction. A tag that already exists is kept as it is (never re-signed over rows it does not match).
   * If anything changed meanwhile, the upgrade is skipped and tried again at the next unlock.
   */
  upgrade(slot: SlotRow, password: string): Promise<Uint8Array>;
}

export function createRecordIndex(
  db: VaultDb,
  crypto: Crypto,
  exclusive: <T>(task: () => Promise<T>) => Promise<T> = (task) => task(),
): RecordIndex {
  async function usesRecordIndex(): Promise<boolean> {
    const slot = await db.slots.get(PASSWORD_SLOT_ID);
    return slot?.features?.includes(RECORD_INDEX_FEATURE) ?? false;
  }

  async function isIntact(dataKey: Uint8Array, rows: readonly RecordIndexEntry[], tag: string | undefined) {
    if (tag === undefined) return !(await usesRecordIndex());
    return verifyRecordIndexTag(crypto, dataKey, indexOf(rows), tag);
  }

  async function writeIndexedOnce<T>(
    dataKey: Uint8Array,
    what: string,
    prepare: (rows: RecordRow[]) => Promise<IndexedWrite<T>>,
  ): Promise<T> {
    for (let attempt = 0; attempt < MAX_REWRITE_ATTEMPTS; attempt++) {
      const rows = await db.records.toArray();
      const tag = storedTag(await db.meta.get(INDEX_META_KEY));
      const intact = await isIntact(dataKey, rows, tag);
      const { nextIndex, apply } = await prepare(rows);
      const nextTag = intact ? await recordIndexTag(crypto, dataKey, nextIndex) : undefined;
      const outcome = await db.transaction('rw', db.records, db.meta, async () => {
        const currentRows = await db.records.toArray();
        const currentTag = storedTag(await db.meta.get(INDEX_META_KEY));
        if (currentTag !== tag || !sameIndex(currentRows, rows)) return null;
        const value = await apply();
        if (nextTag !== undefined) await db.meta.put({ key: INDEX_META_KEY, value: nextTag });
        return { value };
      });
      if (outcome) return outcome.value;
    }
    throw new ConcurrentChangeError(what);
  }

  return {
    metaKey: INDEX_META_KEY,
    isIntact,

    async readRowsAndTag() {
      return db.transaction('r', db.records, db.meta, async () => ({
        rows: await db.records.toArray(),
        tag: storedTag(await db.meta.get(INDEX_META_KEY)),
      }));
    },

    writeIndexed(dataKey, what, prepare) {
      return exclusive(() => writeIndexedOnce(dataKey, what, prepare));
    },

    async upgrade(slot, password) {
      const { dataKey, upgraded } = await unwrapAndAddFeatures(crypto, slot, password, [
        RECORD_INDEX_FEATURE,
      ]);
      const rows = await db.records.toArray();
      const tag = storedTag(await db.meta.get(INDEX_META_KEY));
      const firstTag = tag === undefined ? await recordIndexTag(crypto, dataKey, indexOf(rows)) : undefined;
      await db.transaction('rw', db.slots, db.records, db.meta, async () => {
        const currentSlot = await db.slots.get(PASSWORD_SLOT_ID);
        const currentTag = storedTag(await db.meta.get(INDEX_META_KEY));
        if (currentSlot?.wrappedKey !== slot.wrappedKey || currentTag !== tag) return;
        if (!sameIndex(await db.records.toArray(), rows)) return;
        await db.slots.put({ ...upgraded, createdAt: slot.createdAt });
        if (firstTag !== undefined) await db.meta.put({ key: INDEX_META_KEY, value: firstTag });
      });
      return dataKey;
    },
  };
}
