/**
 * Keeps the popup's snapshot (lib/vault/popup-snapshot) in step with the vault. `withPopupSnapshot` wraps the
 * deps once, where they are made. Every vault write (whoever makes it: a handler, a command, an import, a
 * sync) removes the snapshot's index before it starts; once it returns, the parts it changed are patched
 * from what the write itself returned (no other record is decrypted) and the index is set again; the chunk
 * map says which chunk holds each account, so only the chunks holding the written rows are read. An unlock,
 * a missing or damaged snapshot, a failed write or overlapping writes on one account rebuild it from the
 * whole vault. A lock, an expired deadline or a failed refresh removes every part. Only the writes in
 * progress are kept in this worker's memory, on the deps object: a worker stopped among them leaves no index.
 */
import type { BackgroundDeps, SessionPort, StoredAccount } from './deps';
import { readSettings } from './settings';
import { hookVaultMethods, type VaultMethod } from './vault-write-hook';
import {
  CHUNK_ROWS,
  HEAD_KEY,
  HEAD_ROWS,
  MAP_KEY,
  SNAPSHOT_KEY,
  SNAPSHOT_VERSION,
  VAULT_MARKER_KEY,
  buildParts,
  chunkKey,
  firstRows,
  headOf,
  compareRows,
  isSnapshotPart,
  parseChunkMap,
  parseHead,
  parseIndex,
  parseRows,
  rowOf,
  siteKey,
  type PopupSnapshot,
  type SnapshotAccount,
  type SnapshotHead,
  type SnapshotIndex,
  type VaultMarker,
} from '../vault/popup-snapshot';

/** The repository methods that change what the popup shows (everything that writes). */
const WRITES = [
  'add',
  'addMany',
  'update',
  'replace',
  'remove',
  'reorder',
  'changePassword',
  'bumpHotpCounter',
  'recordBackup',
] as const satisfies readonly VaultMethod[];

/** What one write changed in the snapshot, as a state to set (so applying it twice changes nothing). */
type Change =
  | { kind: 'rows'; accounts: StoredAccount[] }
  | { kind: 'remove'; id: string }
  | { kind: 'reorder'; ids: string[] }
  | { kind: 'backup'; at: number }
  | { kind: 'idle'; idleMs: number }
  | { kind: 'none' };

const isStored = (value: unknown): value is StoredAccount =>
  typeof (value as StoredAccount | null)?.id === 'string' &&
  typeof (value as StoredAccount).data === 'object';

/** The change a write made, from its arguments and its result; null when unknown (then: rebuild). */
function changeOf(name: VaultMethod | 'settings', args: unknown[], result: unknown): Change | null {
  switch (name) {
    case 'add':
    case 'update':
    case 'replace':
      return isStored(result) ? { kind: 'rows', accounts: [result] } : null;
    case 'addMany':
      return Array.isArray(result) && result.every(isStored) ? { kind: 'rows', accounts: result } : null;
    case 'remove':
      return typeof args[0] === 'string' ? { kind: 'remove', id: args[0] } : null;
    case 'reorder':
      return Array.isArray(args[0]) ? { kind: 'reorder', ids: args[0] as string[] } : null;
    case 'recordBackup':
      return typeof args[0] === 'number' ? { kind: 'backup', at: args[0] } : null;
    case 'changePassword':
    case 'bumpHotpCounter':
      // why: neither changes what the snapshot holds (an HOTP row carries neither its secret nor its counter).
      return { kind: 'none' };
    case 'settings': {
      const minutes = (result as { autoLockMinutes?: unknown } | null)?.autoLockMinutes;
      return Number.isSafeInteger(minutes) && (minutes as number) > 0
        ? { kind: 'idle', idleMs: (minutes as number) * 60_000 }
        : null;
    }
    default:
      return null;
  }
}

/** Writes that overlapped in time: patched together once the last returns. */
interface Batch {
  changes: Change[];
  /** False after a failed or unknown write. */
  patchable: boolean;
  /** The chunk count when every part matched the vault as the first of these writes started, else null. */
  base: Promise<number | null>;
}

/** The hook's bookkeeping, on the hooked deps object (this worker's life), never at module level. */
interface HookState {
  inFlight: number;
  batch: Batch | null;
  /** Patches and rebuilds run one at a time, in this order. */
  queue: Promise<unknown>;
  queued: number;
  /** The chunk count when the last patch or rebuild left every part matching the vault, else null. */
  last: number | null;
}

const HOOKED = Symbol('popupSnapshotHooked');

const stateOf = (deps: BackgroundDeps): HookState | undefined =>
  (deps as unknown as Record<symbol, HookState | undefined>)[HOOKED];

function enqueue<T>(state: HookState, task: () => Promise<T>): Promise<T> {
  state.queued++;
  const run = state.queue.then(task);
  state.queue = run
    .catch(() => undefined)
    .finally(() => {
      state.queued--;
    });
  return run;
}

/** Removes the index (nothing is trusted without it), then every part. */
export async function removeSnapshot(deps: BackgroundDeps): Promise<void> {
  await deps.sessionArea.remove(SNAPSHOT_KEY);
  const parts = Object.keys(await deps.sessionArea.get(null)).filter(isSnapshotPart);
  // why: the index again too, in case a patch finishing meanwhile set it back.
  await deps.sessionArea.remove([SNAPSHOT_KEY, ...parts]);
}

const newGen = (deps: BackgroundDeps) => `${deps.now().toString(36)}.${Math.random().toString(36).slice(2)}`;

/**
 * Writes the patched parts and removes the emptied site keys; false when the vault was locked meanwhile (a
 * lock that ran during the patch has already removed the snapshot: these parts are removed too).
 */
async function writeParts(
  deps: BackgroundDeps,
  writes: Record<string, unknown>,
  emptied: string[],
): Promise<boolean> {
  await deps.sessionArea.set(writes);
  if (emptied.length > 0) await deps.sessionArea.remove(emptied);
  if (await deps.session.load()) return true;
  await removeSnapshot(deps);
  return false;
}

/** Sets the index, unless a write is in flight (its own patch will). Checked and set in one step. */
function setIndex(deps: BackgroundDeps, state: HookState | undefined, chunks: number): Promise<void> {
  if (state && state.inFlight > 0) return Promise.resolve();
  const index: SnapshotIndex = { v: SNAPSHOT_VERSION, gen: newGen(deps), chunks };
  return deps.sessionArea.set({ [SNAPSHOT_KEY]: index });
}

/** Reads the whole vault and stores a fresh snapshot; removes it when locked or when the read fails. */
async function rebuild(
  deps: BackgroundDeps,
  state: HookState | undefined,
  dek?: Uint8Array,
): Promise<{ snapshot: PopupSnapshot; chunks: number } | null> {
  try {
    const key = dek ?? (await deps.session.load());
    if (!key) {
      await removeSnapshot(deps);
      return null;
    }
    await deps.sessionArea.remove(SNAPSHOT_KEY);
    const [{ accounts, broken }, lastBackupAt, settings, before] = await Promise.all([
      deps.vault.list(key),
      deps.vault.lastBackupAt(),
      readSettings(deps, key),
      deps.sessionArea.get(null),
    ]);
    const idleMs = settings.autoLockMinutes * 60_000;
    const { parts, chunks, rows } = buildParts(accounts, broken, lastBackupAt, idleMs);
    await deps.sessionArea.set(parts);
    const stale = Object.keys(before).filter((k) => isSnapshotPart(k) && !(k in parts));
    if (stale.length > 0) await deps.sessionArea.remove(stale);
    // why: a lock that ran while the vault was read has already removed the snapshot; do not bring it back.
    if (!(await deps.session.load())) {
      await removeSnapshot(deps);
      return null;
    }
    await setIndex(deps, state, chunks);
    const { backup } = parts[HEAD_KEY] as { backup: PopupSnapshot['backup'] };
    return { snapshot: { accounts: rows, broken, backup, idleMs, complete: true }, chunks };
  } catch {
    // why: a stale snapshot would show codes of a changed vault; without one the popup asks the background.
    await removeSnapshot(deps).catch(() => undefined);
    return null;
  }
}

/** Stores a snapshot read from the whole vault (after the writes patching before it); null when locked. */
export function writePopupSnapshot(deps: BackgroundDeps, dek?: Uint8Array): Promise<PopupSnapshot | null> {
  const state = stateOf(deps);
  if (!state) return rebuild(deps, undefined, dek).then((built) => built?.snapshot ?? null);
  return enqueue(state, async () => {
    const built = await rebuild(deps, state, dek);
    state.last = built?.chunks ?? null;
    return built?.snapshot ?? null;
  });
}

/**
 * The first HEAD_ROWS rows of a list once the rows in `after` changed (null: removed), from `stored`, the
 * list's first HEAD_ROWS rows before (`whole`: every row of it). Null when rows beyond `stored` would be
 * needed (a row left the top): every row beyond it sorts after its last row, so the top is known only if it
 * still ends at or before that row.
 */
function firstRowsAfter(
  stored: readonly SnapshotAccount[],
  whole: boolean,
  after: ReadonlyMap<string, SnapshotAccount | null>,
  belongs: (row: SnapshotAccount) => boolean,
): SnapshotAccount[] | null {
  const candidates = stored.filter((row) => !after.has(row.id));
  for (const row of after.values()) if (row && belongs(row)) candidates.push(row);
  const top = firstRows(candidates);
  if (whole) return top;
  const bound = stored.at(-1);
  return bound && top.length === HEAD_ROWS && compareRows(top[HEAD_ROWS - 1]!, bound) <= 0 ? top : null;
}

/**
 * The patch of a write that adds, changes or removes rows (or the idle time), reading only the head, the
 * chunk map, the chunks holding those rows and the keys of their sites. 'full' when it cannot tell from
 * those alone (no map, a map not matching a chunk, a row leaving a first screen): then every chunk is read.
 */
async function patchFromMap(
  deps: BackgroundDeps,
  changes: Change[],
  count: number,
): Promise<number | 'locked' | null | 'full'> {
  const values = await deps.sessionArea.get([HEAD_KEY, MAP_KEY]);
  const head = parseHead(values[HEAD_KEY]);
  // why: broken records and the record index problem are only ever known from a full read.
  if (!head || head.broken.length > 0) return null;
  const map = parseChunkMap(values[MAP_KEY], count);
  if (!map) return 'full';
  const where = new Map<string, number>();
  map.forEach((ids, c) => ids.forEach((id) => where.set(id, c)));
  if (where.size !== head.count) return 'full';

  const wanted = new Set<number>();
  for (const change of changes) {
    if (change.kind === 'rows') for (const { id } of change.accounts) wanted.add(where.get(id) ?? count - 1);
    else if (change.kind === 'remove' && where.has(change.id)) wanted.add(where.get(change.id)!);
  }
  const read = wanted.size > 0 ? await deps.sessionArea.get([...wanted].map(chunkKey)) : {};
  const chunks = new Map<number, Map<string, SnapshotAccount>>();
  for (const c of wanted) {
    const rows = parseRows(read[chunkKey(c)]);
    const chunk = new Map((rows ?? []).map((row) => [row.id, row]));
    // why: a chunk holding other ids than the map says means a stale map: trust neither, read every chunk.
    if (!rows || chunk.size !== rows.length || chunk.size !== map[c]!.length) return 'full';
    for (const id of chunk.keys()) if (where.get(id) !== c) return 'full';
    chunks.set(c, chunk);
  }

  /** Each changed row as it was before the first change and after the last (null: absent). */
  const before = new Map<string, SnapshotAccount | null>();
  const after = new Map<string, SnapshotAccount | null>();
  const dirty = new Set<number>();
  let total = count;
  let { idleMs } = head;
  for (const change of changes) {
    if (change.kind === 'rows') {
      for (const stored of change.accounts) {
        const row = rowOf(stored);
        let c = where.get(row.id);
        if (c === undefined) {
          c = total - 1;
          if (chunks.get(c)!.size >= CHUNK_ROWS) {
            c = total++;
            chunks.set(c, new Map());
          }
          where.set(row.id, c);
        }
        const chunk = chunks.get(c)!;
        if (!before.has(row.id)) before.set(row.id, chunk.get(row.id) ?? null);
        chunk.set(row.id, row);
        after.set(row.id, row);
        dirty.add(c);
      }
    } else if (change.kind === 'remove') {
      const c = where.get(change.id);
      if (c === undefined) continue;
      const chunk = chunks.get(c)!;
      if (!before.has(change.id)) before.set(change.id, chunk.get(change.id) ?? null);
      chunk.delete(change.id);
      where.delete(change.id);
      after.set(change.id, null);
      dirty.add(c);
    } else if (change.kind === 'idle') {
      idleMs = change.idleMs;
    } else if (change.kind !== 'none') {
      return 'full';
    }
  }

  const rows = firstRowsAfter(head.rows, head.rows.length === head.count, after, () => true);
  if (!rows) return 'full';
  const { lastBackupAt } = head.backup;
  const since = (row: SnapshotAccount | null | undefined) =>
    row && (lastBackupAt === null || row.createdAt > lastBackupAt) ? 1 : 0;
  let accountsSinceBackup = head.backup.accountsSinceBackup;
  const sites = new Set<string>();
  for (const [id, row] of after) {
    accountsSinceBackup += since(row) - since(before.get(id));
    for (const site of [...(before.get(id)?.allowedSites ?? []), ...(row?.allowedSites ?? [])])
      sites.add(site);
  }
  const next: SnapshotHead = {
    rows,
    count: where.size,
    broken: [],
    backup: { lastBackupAt, accountsSinceBackup, accountCount: where.size },
    idleMs,
  };
  const writes: Record<string, unknown> = { [HEAD_KEY]: next };
  for (const c of dirty) writes[chunkKey(c)] = [...chunks.get(c)!.values()];
  // why: the map changes with the chunks' membership only (an add, a removal), not with an edit in place.
  if ([...after].some(([id, row]) => (row === null) !== (before.get(id) === null))) {
    for (const c of dirty) map[c] = [...chunks.get(c)!.keys()];
    writes[MAP_KEY] = map;
  }
  const siteList = [...sites];
  const stored = siteList.length > 0 ? await deps.sessionArea.get(siteList.map(siteKey)) : {};
  const emptied: string[] = [];
  for (const site of siteList) {
    const value = stored[siteKey(site)];
    const list = value === undefined ? [] : parseRows(value);
    if (!list) return null;
    const top = firstRowsAfter(list, list.length < HEAD_ROWS, after, (row) =>
      row.allowedSites.includes(site),
    );
    if (!top) return 'full';
    if (top.length > 0) writes[siteKey(site)] = top;
    else emptied.push(siteKey(site));
  }
  if (!(await writeParts(deps, writes, emptied))) return 'locked';
  return total;
}

/**
 * Applies the changes to the stored parts: the chunks holding the changed rows, the head, and the keys of
 * the sites those rows are (or were) bound to. Null when the parts cannot be trusted (then: rebuild).
 */
async function patchParts(
  deps: BackgroundDeps,
  changes: Change[],
  count: number,
): Promise<number | 'locked' | null> {
  // why: a reorder or a backup changes what every row contributes (order, count since the backup).
  if (changes.every((change) => change.kind !== 'reorder' && change.kind !== 'backup')) {
    const patched = await patchFromMap(deps, changes, count);
    if (patched !== 'full') return patched;
  }
  // why: the head and the chunks only; the site keys are rewritten from the rows, never read back.
  const keys = [HEAD_KEY];
  for (let c = 0; c < count; c++) keys.push(chunkKey(c));
  const values = await deps.sessionArea.get(keys);
  const head = parseHead(values[HEAD_KEY]);
  // why: broken records and the record index problem are only ever known from a full read.
  if (!head || head.broken.length > 0) return null;
  const chunks: Map<string, SnapshotAccount>[] = [];
  const where = new Map<string, number>();
  for (let c = 0; c < count; c++) {
    const rows = parseRows(values[chunkKey(c)]);
    if (!rows) return null;
    chunks.push(new Map(rows.map((row) => [row.id, row])));
    for (const row of rows) where.set(row.id, c);
  }
  if (chunks.length === 0 || where.size !== head.count) return null;

  const dirty = new Set<number>();
  const sites = new Set<string>();
  let allSites = false;
  let { lastBackupAt } = head.backup;
  let { idleMs } = head;
  const touch = (c: number, row: SnapshotAccount | undefined) => {
    dirty.add(c);
    for (const site of row?.allowedSites ?? []) sites.add(site);
  };
  for (const change of changes) {
    if (change.kind === 'rows') {
      for (const stored of change.accounts) {
        const row = rowOf(stored);
        let c = where.get(row.id);
        if (c === undefined) {
          c = chunks.length - 1;
          if (chunks[c]!.size >= CHUNK_ROWS) chunks.push(new Map());
          c = chunks.length - 1;
          where.set(row.id, c);
        }
        touch(c, chunks[c]!.get(row.id));
        touch(c, row);
        chunks[c]!.set(row.id, row);
      }
    } else if (change.kind === 'remove') {
      const c = where.get(change.id);
      if (c === undefined) continue;
      touch(c, chunks[c]!.get(change.id));
      chunks[c]!.delete(change.id);
      where.delete(change.id);
    } else if (change.kind === 'reorder') {
      change.ids.forEach((id, order) => {
        const c = where.get(id);
        const row = c === undefined ? undefined : chunks[c]!.get(id);
        if (c === undefined || !row || row.order === order) return;
        chunks[c]!.set(id, { ...row, order });
        dirty.add(c);
        allSites = true;
      });
    } else if (change.kind === 'backup') {
      lastBackupAt = change.at;
    } else if (change.kind === 'idle') {
      idleMs = change.idleMs;
    }
  }

  const all = chunks.flatMap((chunk) => [...chunk.values()]);
  const writes: Record<string, unknown> = { [HEAD_KEY]: headOf(all, head.broken, lastBackupAt, idleMs) };
  for (const c of dirty) writes[chunkKey(c)] = [...chunks[c]!.values()];
  writes[MAP_KEY] = chunks.map((chunk) => [...chunk.keys()]);
  // why: a reorder moves rows within every site's list but adds or drops no site.
  if (allSites) for (const row of all) for (const site of row.allowedSites) sites.add(site);
  const bySite = new Map<string, SnapshotAccount[]>();
  for (const row of all) {
    for (const site of new Set(row.allowedSites)) {
      if (!sites.has(site)) continue;
      const list = bySite.get(site);
      if (list) list.push(row);
      else bySite.set(site, [row]);
    }
  }
  const emptied: string[] = [];
  for (const site of sites) {
    const rows = bySite.get(site);
    if (rows) writes[siteKey(site)] = firstRows(rows);
    else emptied.push(siteKey(site));
  }
  if (!(await writeParts(deps, writes, emptied))) return 'locked';
  return chunks.length;
}

/** Two changes to one account (or a reorder beside others) may have landed in either order: rebuild. */
function orderFree(changes: Change[]): boolean {
  if (changes.length < 2) return true;
  const seen = new Set<string>();
  for (const change of changes) {
    const ids =
      change.kind === 'rows'
        ? change.accounts.map((a) => a.id)
        : change.kind === 'remove'
          ? [change.id]
          : change.kind === 'reorder'
            ? null
            : [];
    if (ids === null) return false;
    for (const id of ids) {
      if (seen.has(id)) return false;
      seen.add(id);
    }
  }
  return true;
}

/** After the last of a batch of writes: patch the parts and set the index again, else rebuild. */
async function settle(deps: BackgroundDeps, state: HookState, batch: Batch, dek?: Uint8Array) {
  let patched: number | 'locked' | null = null;
  try {
    const base = batch.patchable && orderFree(batch.changes) ? await batch.base : null;
    // why: an HOTP code or a password change leaves every part as it is: the index comes back alone.
    if (base !== null && batch.changes.every((change) => change.kind === 'none')) patched = base;
    else if (base !== null) patched = await patchParts(deps, batch.changes, base);
  } catch {
    patched = null;
  }
  if (patched === 'locked') {
    state.last = null;
  } else if (patched !== null) {
    await setIndex(deps, state, patched);
    state.last = patched;
  } else {
    state.last = (await rebuild(deps, state, dek))?.chunks ?? null;
  }
}

async function writeMarker(deps: BackgroundDeps, marker: VaultMarker): Promise<void> {
  try {
    const current = (await deps.local.get(VAULT_MARKER_KEY))[VAULT_MARKER_KEY];
    if (current !== marker) await deps.local.set({ [VAULT_MARKER_KEY]: marker });
  } catch {
    // why: the marker only saves the popup a round trip; the vault state stays the background's answer.
  }
}

/** The lock alarm fired: lock if the deadline passed, else arm it again for the later deadline the popup set. */
export async function onLockAlarm(deps: BackgroundDeps): Promise<void> {
  // why: load() is the check that forgets an expired key (and, hooked, its snapshot).
  const lockAt = (await deps.session.load()) ? await deps.session.lockAt() : null;
  if (lockAt === null) await removeSnapshot(deps);
  else await deps.scheduleLock(lockAt);
}

/**
 * The deps with the snapshot hook around every vault write, the session and the settings. Applied where the
 * deps are made and again by createHandlers (so handler tests run with it); a second call changes nothing.
 * Its bookkeeping is a property of the deps object itself: the background keeps no module-level state
 * between wake-ups.
 */
export function withPopupSnapshot(deps: BackgroundDeps): BackgroundDeps {
  if (Object.hasOwn(deps, HOOKED)) return deps;
  const raw = deps.vault;
  const hooked = Object.create(deps) as BackgroundDeps;
  const state: HookState = { inFlight: 0, batch: null, queue: Promise.resolve(), queued: 0, last: null };
  Object.defineProperty(hooked, HOOKED, { value: state });
  const refresh = (dek?: Uint8Array) => writePopupSnapshot(hooked, dek);

  async function around(name: VaultMethod | 'settings', write: () => Promise<unknown>, args: unknown[]) {
    if (state.inFlight++ === 0) {
      state.batch = {
        changes: [],
        patchable: true,
        // why: with a patch or rebuild still queued the index is not back yet; its outcome is the base.
        base:
          state.queued > 0
            ? state.queue.then(() => state.last)
            : deps.sessionArea
                .get(SNAPSHOT_KEY)
                .then((values) => parseIndex(values[SNAPSHOT_KEY])?.chunks ?? null)
                .catch(() => null),
      };
    }
    const batch = state.batch!;
    let change: Change | null = null;
    try {
      // why: a worker stopped between the write and the patch must not leave the old copy for the popup;
      // without the index the popup asks the background, which reads the vault.
      await deps.sessionArea.remove(SNAPSHOT_KEY);
      const result = await write();
      change = changeOf(name, args, result);
      return result;
    } finally {
      // why: also after a failed write — a failure may come after part of the work (never trust the old copy).
      if (change) batch.changes.push(change);
      else batch.patchable = false;
      if (--state.inFlight === 0) {
        state.batch = null;
        const dek = args.find((arg): arg is Uint8Array => arg instanceof Uint8Array);
        await enqueue(state, () => settle(deps, state, batch, dek));
      }
    }
  }

  const vault = hookVaultMethods(raw, WRITES, (write, args, name) => around(name, write, args));
  hooked.vault = vault;
  vault.state = async () => {
    const state = await raw.state();
    await writeMarker(deps, state);
    return state;
  };
  vault.create = async (password) => {
    const dek = await raw.create(password);
    await writeMarker(deps, 'initialized');
    return dek;
  };

  const session: SessionPort = {
    ...deps.session,
    async save(dek, lockAt) {
      await deps.session.save(dek, lockAt);
      await refresh(dek);
    },
    async load() {
      const dek = await deps.session.load();
      if (!dek) await removeSnapshot(deps);
      return dek;
    },
    async lockAt() {
      const at = await deps.session.lockAt();
      if (at === null) await removeSnapshot(deps);
      return at;
    },
    async clear() {
      await deps.session.clear();
      await removeSnapshot(deps);
    },
  };
  hooked.session = session;

  hooked.settings = {
    ...deps.settings,
    update<T>(dek: Uint8Array, change: (current: unknown) => T) {
      return around('settings', () => deps.settings.update(dek, change), [dek]) as Promise<T>;
    },
  };
  return hooked;
}
