/**
 * Dexie schema of the vault and its migrations.
 *
 * Indexes hold only non-secret fields (id, order); issuer, account, secret, sites and pin state live inside
 * each record's ciphertext. Migrations run inside Dexie's upgrade transaction, where no data key exists: they
 * may reshape tables and non-secret fields but never touch ciphertext. Every migration is kept forever;
 * a new schema version is an append to VAULT_MIGRATIONS.
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { KeySlot, SealedRecord } from './crypto';

/** Schema version of this build: the last entry of VAULT_MIGRATIONS. */
export const SCHEMA_VERSION = 1;

/** Slot id of the master-password slot (the only slot kind so far). */
export const PASSWORD_SLOT_ID = 'password';

export interface SlotRow extends KeySlot {
  createdAt: number;
}

export interface RecordRow {
  id: string;
  order: number;
  createdAt: number;
  updatedAt: number;
  /** Schema version the ciphertext was written under; part of the AAD. */
  schemaVersion: number;
  iv: string;
  ciphertext: string;
}

/** Slot feature: the vault keeps a record-index tag in meta, so a missing tag is tampering, not an old vault. */
export const RECORD_INDEX_FEATURE = 'record-index';

export type NumericMetaKey = 'schemaVersion' | 'createdAt' | 'passwordChangedAt' | 'lastBackupAt';
export type MetaKey = NumericMetaKey | 'recordIndexMac' | 'settings';

export type MetaRow =
  | { key: NumericMetaKey; value: number }
  /** HMAC (base64) over every record's (id, IV); see record-index.ts. */
  | { key: 'recordIndexMac'; value: string }
  /** The settings, sealed with the data key (see settings-store.ts). */
  | { key: 'settings'; value: SealedRecord };

export interface VaultMigration {
  version: number;
  /** Dexie store specs changed by this version (null deletes a table). */
  stores: Record<string, string | null>;
  /** Runs in the upgrade transaction; no data key is available here. `meta` is permanent: never delete it. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const VAULT_MIGRATIONS: readonly VaultMigration[] = [
  { version: 1, stores: { slots: 'id', records: 'id, order', meta: 'key' } },
];

/** 'newer-schema': written by a newer build; this build may read but must not write. */
export type SchemaState = 'current' | 'newer-schema';

export interface VaultDbOptions {
  migrations?: readonly VaultMigration[];
  /** For tests or a non-global IndexedDB; defaults to Dexie's (the global one). */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export class VaultDb extends Dexie {
  /** Highest schema version this code knows (last migration). */
  readonly codeSchemaVersion: number;
  schemaState: SchemaState = 'current';

  /**
   * `declareSchema: false` opens the database as it is, with no versions declared, so Dexie neither
   * upgrades nor "patches" a schema it does not know (used only for a newer-schema database).
   */
  constructor(name: string, options: VaultDbOptions & { declareSchema?: boolean } = {}) {
    const { migrations = VAULT_MIGRATIONS, declareSchema = true, indexedDB, IDBKeyRange } = options;
    super(name, {
      // why: a save the UI confirmed must survive a browser kill; Chrome defaults to relaxed.
      chromeTransactionDurability: 'strict',
      ...(indexedDB ? { indexedDB } : {}),
      ...(IDBKeyRange ? { IDBKeyRange } : {}),
    });
    this.codeSchemaVersion = latestVersion(migrations);
    if (!declareSchema) return;
    for (const migration of migrations) {
      this.version(migration.version)
        .stores(migration.stores)
        .upgrade(async (tx) => {
          await migration.upgrade?.(tx);
          await tx.table<MetaRow, MetaKey>('meta').put({ key: 'schemaVersion', value: migration.version });
        });
    }
    this.on('populate', (tx) =>
      tx.table<MetaRow, MetaKey>('meta').add({ key: 'schemaVersion', value: this.codeSchemaVersion }),
    );
  }

  get slots(): EntityTable<SlotRow, 'id'> {
    return this.table('slots');
  }

  get records(): EntityTable<RecordRow, 'id'> {
    return this.table('records');
  }

  get meta(): EntityTable<MetaRow, 'key'> {
    return this.table('meta');
  }
}

function latestVersion(migrations: readonly VaultMigration[]): number {
  const versions = migrations.map((m) => m.version);
  if (versions.length === 0) throw new Error('VaultDb needs at least one migration.');
  versions.forEach((v, i) => {
    if (!Number.isInteger(v) || v !== i + 1)
      throw new Error('Vault migrations must be numbered 1, 2, 3, ...');
  });
  return versions.length;
}

/** Dexie stores version n as native IndexedDB version n * 10. */
function nativeVersionOf(schemaVersion: number): number {
  return Math.round(schemaVersion * 10);
}

async function installedNativeVersion(factory: IDBFactory, name: string): Promise<number> {
  // why: indexedDB.databases() reads the version without opening, so a newer database is never touched.
  if (typeof factory.databases !== 'function') return 0;
  const databases = await factory.databases();
  return databases.find((info) => info.name === name)?.version ?? 0;
}

/**
 * Opens (creating or upgrading) the vault database and sets `schemaState`.
 *
 * Dexie 4 does not fail on a database of a higher version: it retries without a version and may even add
 * "missing" stores to it. So the installed version is read first and a newer database is opened as-is,
 * with no schema declared; the repository then refuses every write.
 */
export async function openVaultDb(name = 'vault', options: VaultDbOptions = {}): Promise<VaultDb> {
  const factory = options.indexedDB ?? (Dexie.dependencies.indexedDB as IDBFactory);
  const ours = nativeVersionOf(latestVersion(options.migrations ?? VAULT_MIGRATIONS));
  if ((await installedNativeVersion(factory, name)) > ours) {
    const db = new VaultDb(name, { ...options, declareSchema: false });
    db.schemaState = 'newer-schema';
    await db.open();
    return db;
  }
  const db = new VaultDb(name, options);
  await db.open();
  const stored = await db.meta.get('schemaVersion');
  // why: databases() may be missing, and a newer build may change the payload format without a new store.
  if (
    db.backendDB().version > ours ||
    (typeof stored?.value === 'number' && stored.value > db.codeSchemaVersion)
  ) {
    db.schemaState = 'newer-schema';
  }
  return db;
}
