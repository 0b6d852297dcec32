/**
 * The vault's only door: every read and write of accounts and key slots goes through here.
 *
 * Rules it keeps:
 * - encrypt/derive first, then open a short Dexie transaction (an await on WebCrypto inside one commits it);
 * - every change is one transaction, so it happens entirely or not at all;
 * - read-modify-write checks the row is unchanged before writing (two popups cannot lose an HOTP step);
 * - a wrong password or an undecryptable record writes nothing and deletes nothing;
 * - a database from a newer build is never written.
 */
import {
  DEFAULT_KDF_ITERATIONS,
  assertDataKey,
  encryptRecord,
  generateDataKey,
  recordOpener,
  unwrapDataKey,
  wrapDataKey,
  type RecordOpener,
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
import { applyPatch, checkCounter, newPayload, parsePayload, toAccount, type SecretPayload } from './payload';
import { compareIds, createRecordIndex, recordIndexTag, VAULT_INDEX_PROBLEM } from './record-index';
import { PASSWORD_SLOT_ID, RECORD_INDEX_FEATURE, type RecordRow, type SlotRow, type VaultDb } from './schema';
import type { BrokenRecordInfo, StoredAccount, VaultRepository, VaultRepositoryDeps } from './types';

export function createVaultRepository(db: VaultDb, deps: VaultRepositoryDeps): VaultRepository {
  const { crypto, now } = deps;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const index = createRecordIndex(db, crypto, deps.exclusive);

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
    return index.writeIndexed(dataKey, 'The account list', async (rows) => ({
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

  async function openRow(open: RecordOpener, row: RecordRow): Promise<SecretPayload> {
    if (row.schemaVersion > db.codeSchemaVersion) {
      throw new RecordDecryptError(row.id, 'written by a newer version of the extension');
    }
    return parsePayload(row.id, await open(row.id, row.schemaVersion, row));
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
    return index.writeIndexed(dataKey, `Account ${id}`, async (rows) => {
      const before = rows.find((row) => row.id === id);
      if (!before) throw new AccountNotFoundError(id);
      const previous = await openRow(await recordOpener(crypto, dataKey), before);
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

  /**
   * The rows read while `unlock` derives the key (IndexedDB and the derivation run side by side), for the
   * `list` that follows: it decrypts them while it reads the rows again, and keeps those results only if
   * the second read found exactly the same rows (see list). Taken once.
   */
  let early: Promise<RecordRow[] | null> | null = null;

  /** Every row opened under one imported key, all at once (each awaited WebCrypto call is a thread hop). */
  function openAll(open: RecordOpener, rows: readonly RecordRow[]): Promise<Opened[]> {
    return Promise.all(
      rows.map((row) =>
        openRow(open, row).then(
          (payload): Opened => ({ account: toAccount(row, payload) }),
          (error: unknown): Opened => ({ broken: { id: row.id, reason: describeFailure(error) } }),
        ),
      ),
    );
  }

  const repository: VaultRepository = {
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
        await db.meta.put({ key: index.metaKey, value: emptyIndexTag });
      });
      return dataKey;
    },

    async unlock(password) {
      return read(async () => {
        const slot = await passwordSlot();
        if (db.schemaState === 'newer-schema' || slot.features?.includes(RECORD_INDEX_FEATURE)) {
          early = index
            .readRowsAndTag()
            .then(({ rows }) => rows)
            .catch(() => null);
          const dataKey = await unwrapDataKey(crypto, slot, password).catch((error: unknown) => {
            early = null;
            throw error;
          });
          return dataKey;
        }
        return index.upgrade(slot, password);
      });
    },

    async list(dataKey) {
      assertDataKey(dataKey);
      return read(async () => {
        const earlier = early;
        early = null;
        // why: one read transaction, so the rows and the tag are from the same moment.
        const fresh = index.readRowsAndTag();
        const open = await recordOpener(crypto, dataKey);
        const guess = earlier?.then((rows) => rows && { rows: sortRows(rows), opened: openAll(open, rows) });
        const { rows, tag } = await fresh;
        sortRows(rows);
        const [opened, intact] = await Promise.all([
          // why: what was read before is only a head start: the rows read now are the ones listed, so a
          // change in between (a write, or one made outside the extension) is never missed.
          guess?.then((g) => (g && sameRows(g.rows, rows) ? g.opened : openAll(open, rows))) ??
            openAll(open, rows),
          // why: a newer build may sign a different index; it is the one to judge it.
          db.schemaState === 'newer-schema' ? true : index.isIntact(dataKey, rows, tag),
        ]);
        const accounts: StoredAccount[] = [];
        const broken: BrokenRecordInfo[] = [];
        for (const result of opened) {
          if ('account' in result) accounts.push(result.account);
          else broken.push(result.broken);
        }
        if (!intact) broken.push({ ...VAULT_INDEX_PROBLEM });
        return { accounts, broken };
      });
    },

    async add(dataKey, input) {
      assertWritable();
      assertDataKey(dataKey);
      const [added] = await appendRecords(dataKey, [{ id: newId(), payload: newPayload(input) }]);
      if (!added) throw new Error('appendRecords returned nothing for one record');
      return added;
    },

    async addMany(dataKey, items) {
      assertWritable();
      assertDataKey(dataKey);
      // why: encrypt everything before the transaction (an await on WebCrypto inside one commits it early).
      const prepared = items.map((item) => ({ id: newId(), payload: newPayload(item, item.pinned) }));
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
      const next = newPayload(input);
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
      await index.writeIndexed(dataKey, `Account ${id}`, async (rows) => {
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

  return repository;
}

type Opened = { account: StoredAccount } | { broken: BrokenRecordInfo };

/** The listing order: the user's order, then the oldest first, then the id. */
function sortRows(rows: RecordRow[]): RecordRow[] {
  return rows.sort((a, b) => a.order - b.order || a.createdAt - b.createdAt || compareIds(a.id, b.id));
}

/** Whether two sorted reads found the very same rows, field by field. */
function sameRows(a: readonly RecordRow[], b: readonly RecordRow[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return (
        x.id === y.id &&
        x.iv === y.iv &&
        x.ciphertext === y.ciphertext &&
        x.schemaVersion === y.schemaVersion &&
        x.order === y.order &&
        x.createdAt === y.createdAt &&
        x.updatedAt === y.updatedAt
      );
    })
  );
}

function describeFailure(error: unknown): string {
  if (error instanceof RecordDecryptError) return error.reason;
  if (error instanceof VaultError) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
