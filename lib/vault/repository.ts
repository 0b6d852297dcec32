/**
 * The vault's only door: every read and write of accounts and key slots goes through here.
 *
 * Rules it keeps (DESIGN §3, §4):
 * - encrypt/derive first, then open a short Dexie transaction (an await on WebCrypto inside one commits it);
 * - every change is one transaction, so it happens entirely or not at all;
 * - read-modify-write checks the row is unchanged before writing (two popups cannot lose an HOTP step);
 * - a wrong password or an undecryptable record writes nothing and deletes nothing;
 * - a database from a newer build is never written.
 */
import type { OtpAccountData } from '../otp/types';
import {
  DATA_KEY_BYTES,
  DEFAULT_KDF_ITERATIONS,
  decryptRecord,
  encryptRecord,
  generateDataKey,
  recordIndexTag,
  unwrapAndAddFeatures,
  unwrapDataKey,
  verifyRecordIndexTag,
  wrapDataKey,
  type RecordIndexEntry,
  type SealedRecord,
} from './crypto';
import {
  AccountNotFoundError,
  ConcurrentChangeError,
  CorruptDataError,
  InvalidVaultInputError,
  NewerSchemaError,
  RecordDecryptError,
  VaultError,
  VaultExistsError,
  VaultUninitializedError,
} from './errors';
import {
  PASSWORD_SLOT_ID,
  RECORD_INDEX_FEATURE,
  type MetaRow,
  type RecordRow,
  type SlotRow,
  type VaultDb,
} from './schema';

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

/** The `broken` entry `list` adds when the record index does not match what is stored. */
export const VAULT_INDEX_PROBLEM: BrokenRecordInfo = {
  id: 'vault-index',
  reason:
    'The vault was changed outside the extension: a record was replaced by an older copy, removed or added. ' +
    'Your accounts are kept; make a backup and check them.',
};

export type VaultRepositoryState = 'uninitialized' | 'initialized' | 'newer-schema';

export interface VaultRepositoryDeps {
  crypto: Crypto;
  now: () => number;
  newId?: () => string;
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

/** What is inside a record's ciphertext. */
interface SecretPayload {
  data: OtpAccountData;
  allowedSites: string[];
  enrolledOrigin: string;
  pinned: boolean;
}

const MAX_REWRITE_ATTEMPTS = 3;
const INDEX_META_KEY = 'recordIndexMac';

/** What a write will store, worked out (and encrypted) before its transaction opens. */
interface IndexedWrite<T> {
  /** Every record's (id, IV) once the write is done. */
  nextIndex: RecordIndexEntry[];
  /** Runs inside the transaction, after the record index was found unchanged; no WebCrypto here. */
  apply: () => Promise<T>;
}

function indexOf(rows: readonly RecordIndexEntry[]): RecordIndexEntry[] {
  return rows.map(({ id, iv }) => ({ id, iv })).sort((a, b) => compare(a.id, b.id));
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

export function createVaultRepository(db: VaultDb, deps: VaultRepositoryDeps): VaultRepository {
  const { crypto, now } = deps;
  const newId = deps.newId ?? (() => crypto.randomUUID());

  function assertWritable(): void {
    if (db.schemaState === 'newer-schema') throw new NewerSchemaError();
  }

  /** Reads of a newer-schema database may hit tables this build does not know: say "update", not a Dexie error. */
  async function read<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (db.schemaState === 'newer-schema' && !(error instanceof VaultError)) throw new NewerSchemaError();
      throw error;
    }
  }

  async function passwordSlot(): Promise<SlotRow> {
    const slot = await db.slots.get(PASSWORD_SLOT_ID);
    if (slot) return slot;
    // why: accounts without a slot means the slot was deleted outside the extension; saying "no vault yet"
    // would invite the user to create a new one over accounts that can then never be opened.
    const stored = await db.records.count();
    if (stored > 0) {
      throw new CorruptDataError(
        `the key slot is missing while ${stored} accounts are stored; they are kept but cannot be opened ` +
          'without it (restore a backup of the profile or of the vault)',
      );
    }
    throw new VaultUninitializedError();
  }

  /** A vault exists once it has a key slot or any account (a slot may have been deleted behind our back). */
  async function vaultExists(): Promise<boolean> {
    return (await db.slots.count()) > 0 || (await db.records.count()) > 0;
  }

  async function usesRecordIndex(): Promise<boolean> {
    const slot = await db.slots.get(PASSWORD_SLOT_ID);
    return slot?.features?.includes(RECORD_INDEX_FEATURE) ?? false;
  }

  /** True when the stored tag matches `rows`, or when the vault has never had a tag (older vault). */
  async function indexIsIntact(
    dataKey: Uint8Array,
    rows: readonly RecordIndexEntry[],
    tag: string | undefined,
  ) {
    if (tag === undefined) return !(await usesRecordIndex());
    return verifyRecordIndexTag(crypto, dataKey, indexOf(rows), tag);
  }

  /**
   * Every write of records goes through here: read the rows and the tag, `prepare` (decrypt/encrypt) outside
   * any transaction, sign the index the write will produce, then in one transaction check nothing changed and
   * write rows + tag together. If the stored index was already wrong, the rows are written but the tag is not
   * re-signed, so the problem stays reported instead of being blessed by the next write.
   */
  async function writeIndexed<T>(
    dataKey: Uint8Array,
    what: string,
    prepare: (rows: RecordRow[]) => Promise<IndexedWrite<T>>,
  ): Promise<T> {
    for (let attempt = 0; attempt < MAX_REWRITE_ATTEMPTS; attempt++) {
      const rows = await db.records.toArray();
      const tag = storedTag(await db.meta.get(INDEX_META_KEY));
      const intact = await indexIsIntact(dataKey, rows, tag);
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

  /**
   * A vault from before the record index: switch it on while the password is at hand. The slot gains the
   * feature (authenticated, so it cannot be stripped later) and the first tag is written in the same
   * transaction. A tag that already exists is kept as it is (never re-signed over rows it does not match).
   * If anything changed meanwhile, the upgrade is skipped and tried again at the next unlock.
   */
  async function upgradeToRecordIndex(slot: SlotRow, password: string): Promise<Uint8Array> {
    const { dataKey, upgraded } = await unwrapAndAddFeatures(crypto, slot, password, [RECORD_INDEX_FEATURE]);
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
  }

  /**
   * Encrypts every payload (before the transaction: an await on WebCrypto inside one commits it early), then
   * appends them in one transaction after the last `order`: all are stored or none is.
   */
  async function appendRecords(
    dataKey: Uint8Array,
    items: readonly { id: string; payload: SecretPayload }[],
  ): Promise<StoredAccount[]> {
    const sealed: (SealedRecord & { id: string; payload: SecretPayload })[] = [];
    for (const { id, payload } of items) {
      sealed.push({
        id,
        payload,
        ...(await encryptRecord(crypto, dataKey, id, db.codeSchemaVersion, payload)),
      });
    }
    return writeIndexed(dataKey, 'The account list', async (rows) => ({
      nextIndex: [...rows, ...sealed],
      apply: async () => {
        const createdAt = now();
        const last = await db.records.orderBy('order').last();
        const first = last ? last.order + 1 : 0;
        const added: StoredAccount[] = [];
        for (const [index, { id, payload, iv, ciphertext }] of sealed.entries()) {
          const row: RecordRow = {
            id,
            order: first + index,
            createdAt,
            updatedAt: createdAt,
            schemaVersion: db.codeSchemaVersion,
            iv,
            ciphertext,
          };
          // why: add, not put — an id collision aborts the whole transaction instead of replacing an account.
          await db.records.add(row);
          added.push(toAccount(row, payload));
        }
        return added;
      },
    }));
  }

  async function openRow(dataKey: Uint8Array, row: RecordRow): Promise<SecretPayload> {
    if (row.schemaVersion > db.codeSchemaVersion) {
      throw new RecordDecryptError(row.id, 'written by a newer version of the extension');
    }
    const plaintext = await decryptRecord(crypto, dataKey, row.id, row.schemaVersion, row);
    return parsePayload(row.id, plaintext);
  }

  /**
   * Decrypt → change → encrypt → write if no record changed meanwhile (two popups cannot lose an HOTP step).
   * Retries a few times when another writer got in between; throws ConcurrentChangeError after that.
   */
  async function rewrite(
    dataKey: Uint8Array,
    id: string,
    change: (payload: SecretPayload) => SecretPayload,
    options: { createdNow?: boolean } = {},
  ): Promise<{ row: RecordRow; payload: SecretPayload; previous: SecretPayload }> {
    return writeIndexed(dataKey, `Account ${id}`, async (rows) => {
      const before = rows.find((row) => row.id === id);
      if (!before) throw new AccountNotFoundError(id);
      const previous = await openRow(dataKey, before);
      const payload = change(previous);
      const sealed = await encryptRecord(crypto, dataKey, id, db.codeSchemaVersion, payload);
      const updatedAt = now();
      return {
        nextIndex: rows.map((r) => (r.id === id ? { id, iv: sealed.iv } : r)),
        apply: async () => {
          // why: the IV is unchanged (checked), but `order` may have moved meanwhile; keep the stored one.
          const current = await db.records.get(id);
          if (!current) throw new AccountNotFoundError(id);
          const row: RecordRow = { ...current, ...sealed, schemaVersion: db.codeSchemaVersion, updatedAt };
          if (options.createdNow) row.createdAt = updatedAt;
          await db.records.put(row);
          return { row, payload, previous };
        },
      };
    });
  }

  return {
    async state() {
      if (db.schemaState === 'newer-schema') return 'newer-schema';
      return (await vaultExists()) ? 'initialized' : 'uninitialized';
    },

    async create(password) {
      assertWritable();
      // why: fail fast before a half-second derivation; checked again inside the transaction.
      if (await vaultExists()) throw new VaultExistsError();
      const dataKey = generateDataKey(crypto);
      const slot = await wrapDataKey(crypto, dataKey, password, {
        slotId: PASSWORD_SLOT_ID,
        features: [RECORD_INDEX_FEATURE],
      });
      const emptyIndexTag = await recordIndexTag(crypto, dataKey, []);
      const createdAt = now();
      await db.transaction('rw', db.slots, db.records, db.meta, async () => {
        if (await vaultExists()) throw new VaultExistsError();
        await db.slots.add({ ...slot, createdAt });
        await db.meta.put({ key: 'createdAt', value: createdAt });
        await db.meta.put({ key: INDEX_META_KEY, value: emptyIndexTag });
      });
      return dataKey;
    },

    async unlock(password) {
      return read(async () => {
        const slot = await passwordSlot();
        if (db.schemaState === 'newer-schema' || slot.features?.includes(RECORD_INDEX_FEATURE)) {
          return unwrapDataKey(crypto, slot, password);
        }
        return upgradeToRecordIndex(slot, password);
      });
    },

    async list(dataKey) {
      assertDataKey(dataKey);
      return read(async () => {
        // why: one read transaction, so the rows and the tag are from the same moment.
        const { rows, tag } = await db.transaction('r', db.records, db.meta, async () => ({
          rows: await db.records.toArray(),
          tag: storedTag(await db.meta.get(INDEX_META_KEY)),
        }));
        rows.sort((a, b) => a.order - b.order || a.createdAt - b.createdAt || compare(a.id, b.id));
        const accounts: StoredAccount[] = [];
        const broken: BrokenRecordInfo[] = [];
        for (const row of rows) {
          try {
            accounts.push(toAccount(row, await openRow(dataKey, row)));
          } catch (error) {
            broken.push({ id: row.id, reason: describeFailure(error) });
          }
        }
        // why: a newer build may sign a different index; it is the one to judge it.
        if (db.schemaState !== 'newer-schema' && !(await indexIsIntact(dataKey, rows, tag))) {
          broken.push({ ...VAULT_INDEX_PROBLEM });
        }
        return { accounts, broken };
      });
    },

    async add(dataKey, input) {
      assertWritable();
      assertDataKey(dataKey);
      const payload: SecretPayload = {
        data: checkAccountData(input.data),
        allowedSites: checkSites(input.allowedSites),
        enrolledOrigin: checkString('enrolledOrigin', input.enrolledOrigin),
        pinned: false,
      };
      const [added] = await appendRecords(dataKey, [{ id: newId(), payload }]);
      if (!added) throw new Error('appendRecords returned nothing for one record');
      return added;
    },

    async addMany(dataKey, items) {
      assertWritable();
      assertDataKey(dataKey);
      // why: encrypt everything before the transaction (an await on WebCrypto inside one commits it early).
      const prepared: { id: string; payload: SecretPayload }[] = items.map((item) => ({
        id: newId(),
        payload: {
          data: checkAccountData(item.data),
          allowedSites: checkSites(item.allowedSites),
          enrolledOrigin: checkString('enrolledOrigin', item.enrolledOrigin),
          pinned: item.pinned === undefined ? false : checkBoolean('pinned', item.pinned),
        },
      }));
      return appendRecords(dataKey, prepared);
    },

    async update(dataKey, id, patch) {
      assertWritable();
      assertDataKey(dataKey);
      const { row, payload } = await rewrite(dataKey, id, (current) => applyPatch(current, patch));
      return toAccount(row, payload);
    },

    async replace(dataKey, id, input) {
      assertWritable();
      assertDataKey(dataKey);
      const next = {
        data: checkAccountData(input.data),
        allowedSites: checkSites(input.allowedSites),
        enrolledOrigin: checkString('enrolledOrigin', input.enrolledOrigin),
      };
      const { row, payload } = await rewrite(
        dataKey,
        id,
        (current) => ({ ...next, pinned: current.pinned }),
        { createdNow: true },
      );
      return toAccount(row, payload);
    },

    async remove(id, dataKey) {
      assertWritable();
      assertDataKey(dataKey);
      await writeIndexed(dataKey, `Account ${id}`, async (rows) => {
        if (!rows.some((row) => row.id === id)) throw new AccountNotFoundError(id);
        return {
          nextIndex: rows.filter((row) => row.id !== id),
          apply: async () => {
            await db.records.delete(id);
          },
        };
      });
    },

    async reorder(ids) {
      assertWritable();
      if (new Set(ids).size !== ids.length)
        throw new InvalidVaultInputError('The new order lists an account twice.');
      await db.transaction('rw', db.records, async () => {
        const stored = await db.records.toArray();
        const storedIds = new Set(stored.map((row) => row.id));
        if (storedIds.size !== ids.length || !ids.every((id) => storedIds.has(id))) {
          throw new InvalidVaultInputError('The account list changed; reload and try again.');
        }
        const orderOf = new Map(ids.map((id, index) => [id, index]));
        for (const row of stored) {
          const order = orderOf.get(row.id);
          if (order !== undefined && order !== row.order) await db.records.update(row.id, { order });
        }
      });
    },

    async changePassword(oldPassword, newPassword) {
      assertWritable();
      const oldSlot = await passwordSlot();
      const dataKey = await unwrapDataKey(crypto, oldSlot, oldPassword);
      try {
        const newSlot = await wrapDataKey(crypto, dataKey, newPassword, {
          slotId: PASSWORD_SLOT_ID,
          // why: never weaken a slot that a future build made stronger.
          iterations: Math.max(oldSlot.kdf.iterations, DEFAULT_KDF_ITERATIONS),
          // why: dropping a feature (e.g. the record index) would let a deleted tag pass as an old vault.
          ...(oldSlot.features ? { features: oldSlot.features } : {}),
        });
        const changedAt = now();
        await db.transaction('rw', db.slots, db.meta, async () => {
          const current = await db.slots.get(PASSWORD_SLOT_ID);
          if (!current || current.wrappedKey !== oldSlot.wrappedKey)
            throw new ConcurrentChangeError('The password');
          await db.slots.put({ ...newSlot, createdAt: changedAt });
          await db.meta.put({ key: 'passwordChangedAt', value: changedAt });
        });
      } finally {
        dataKey.fill(0);
      }
    },

    async bumpHotpCounter(dataKey, id) {
      assertWritable();
      assertDataKey(dataKey);
      const { row, payload, previous } = await rewrite(dataKey, id, (current) => {
        if (current.data.kind !== 'hotp')
          throw new InvalidVaultInputError(`Account ${id} is not an HOTP account.`);
        return { ...current, data: { ...current.data, counter: checkCounter(current.data.counter + 1) } };
      });
      // why: the code is computed from the counter just consumed; the stored one is already the next.
      return toAccount(row, { ...payload, data: { ...payload.data, counter: previous.data.counter } });
    },

    async lastBackupAt() {
      return read(async () => {
        const row = await db.meta.get('lastBackupAt');
        return typeof row?.value === 'number' ? row.value : null;
      });
    },

    async recordBackup(at) {
      assertWritable();
      await db.transaction('rw', db.meta, async () => {
        await db.meta.put({ key: 'lastBackupAt', value: at });
      });
    },
  };
}

function toAccount(row: RecordRow, payload: SecretPayload): StoredAccount {
  return {
    id: row.id,
    data: payload.data,
    allowedSites: payload.allowedSites,
    enrolledOrigin: payload.enrolledOrigin,
    pinned: payload.pinned,
    order: row.order,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function applyPatch(current: SecretPayload, patch: StoredAccountPatch): SecretPayload {
  const data = { ...current.data };
  if (patch.issuer !== undefined) data.issuer = checkString('issuer', patch.issuer);
  if (patch.account !== undefined) data.account = checkString('account', patch.account);
  if (patch.counter !== undefined) {
    if (data.kind !== 'hotp') throw new InvalidVaultInputError('Only an HOTP account has a counter.');
    data.counter = checkCounter(patch.counter);
  }
  return {
    ...current,
    data,
    pinned: patch.pinned === undefined ? current.pinned : checkBoolean('pinned', patch.pinned),
    allowedSites: patch.allowedSites === undefined ? current.allowedSites : checkSites(patch.allowedSites),
  };
}

function assertDataKey(dataKey: Uint8Array): void {
  if (!(dataKey instanceof Uint8Array) || dataKey.length !== DATA_KEY_BYTES) {
    throw new InvalidVaultInputError(`The data key must be ${DATA_KEY_BYTES} bytes.`);
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof RecordDecryptError) return error.reason;
  if (error instanceof VaultError) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkString(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new InvalidVaultInputError(`${field} must be a string.`);
  return value;
}

function checkBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidVaultInputError(`${field} must be true or false.`);
  return value;
}

function checkCounter(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidVaultInputError('The HOTP counter must be a whole number from 0 to 2^53 - 1.');
  }
  return value;
}

function checkSites(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((site) => typeof site === 'string')) {
    throw new InvalidVaultInputError('allowedSites must be a list of strings.');
  }
  return [...(value as string[])];
}

const KINDS: readonly string[] = ['totp', 'hotp', 'steam'];
const ALGORITHMS: readonly string[] = ['SHA1', 'SHA256', 'SHA512'];

/** Shape check only: lib/otp validates meaning (base32, digit ranges) before anything reaches the vault. */
function checkAccountData(value: unknown): OtpAccountData {
  const data = value as Partial<Record<keyof OtpAccountData, unknown>> | null;
  const ok =
    typeof data === 'object' &&
    data !== null &&
    typeof data.kind === 'string' &&
    KINDS.includes(data.kind) &&
    typeof data.algorithm === 'string' &&
    ALGORITHMS.includes(data.algorithm) &&
    typeof data.issuer === 'string' &&
    typeof data.account === 'string' &&
    typeof data.secret === 'string' &&
    data.secret.length > 0 &&
    Number.isSafeInteger(data.digits) &&
    Number.isSafeInteger(data.period) &&
    Number.isSafeInteger(data.counter) &&
    (data.counter as number) >= 0;
  if (!ok) throw new InvalidVaultInputError('The account data is incomplete or malformed.');
  const { kind, issuer, account, secret, algorithm, digits, period, counter } = data as OtpAccountData;
  // why: copy only known fields, so nothing unexpected rides along into storage.
  return { kind, issuer, account, secret, algorithm, digits, period, counter };
}

function parsePayload(id: string, value: unknown): SecretPayload {
  const payload = value as Partial<Record<keyof SecretPayload, unknown>> | null;
  try {
    if (typeof payload !== 'object' || payload === null) throw new InvalidVaultInputError('not an object');
    return {
      data: checkAccountData(payload.data),
      allowedSites: checkSites(payload.allowedSites),
      enrolledOrigin: checkString('enrolledOrigin', payload.enrolledOrigin),
      pinned: checkBoolean('pinned', payload.pinned),
    };
  } catch {
    throw new RecordDecryptError(id, 'decrypted content has an unexpected shape');
  }
}
