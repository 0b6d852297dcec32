/**
 * One sync run: read the sync area, check it, merge with this vault, apply the result through the vault
 * repository (the same path as every other write), write the merged set back when the remote lacks something,
 * and keep the state and status. Holds nothing between runs.
 *
 * A remote that is empty, from another vault, or fails any check is reported and nothing of it is applied
 * here. An emptied area is written back at once from this browser's copy; a bad one only if it is still the
 * same at the next run (a write from another browser may be arriving in pieces meanwhile).
 */
import { paddedBase64ToBytes } from '../bytes';
import type { VaultRepository } from '../vault/types';
import { isSyncKey, itemSize, packRemote, readRemote, type RemoteProblem } from './format';
import {
  planSync,
  sameElement,
  type LocalAccount,
  type SyncContent,
  type SyncElement,
  type VaultOp,
} from './merge';
import { readSyncState, writeSyncState, type StateArea, type SyncState, type SyncStatus } from './state';

/** storage.sync as the engine sees it. */
export interface SyncArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface SyncEnv {
  crypto: Crypto;
  now(): number;
  vault: Pick<VaultRepository, 'list' | 'addMany' | 'update' | 'replace' | 'remove'>;
  area: SyncArea;
  local: StateArea;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A refusal for size (Chrome "QUOTA_BYTES quota exceeded", Firefox QuotaExceededError). Chrome's write-rate
 * limits ("MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded") are not about size: the next run retries.
 */
function isQuotaError(error: unknown): boolean {
  const text = errorText(error);
  if (/MAX_WRITE_OPERATIONS|MAX_SUSTAINED/i.test(text)) return false;
  return /quota/i.test(text) || (error as { name?: string } | null)?.name === 'QuotaExceededError';
}

async function applyOps(
  env: SyncEnv,
  dek: Uint8Array,
  ops: readonly VaultOp[],
): Promise<Map<string, string>> {
  const addedIds = new Map<string, string>();
  const adds = ops.filter((op): op is Extract<VaultOp, { kind: 'add' }> => op.kind === 'add');
  if (adds.length > 0) {
    // why: one transaction for every account arriving, so a run adds all of them or none.
    const added = await env.vault.addMany(
      dek,
      adds.map(({ content }) => ({
        data: content.data,
        allowedSites: content.allowedSites,
        enrolledOrigin: content.enrolledOrigin,
        pinned: content.pinned,
      })),
    );
    adds.forEach((op, i) => {
      const account = added[i];
      if (account) addedIds.set(op.syncId, account.id);
    });
  }
  for (const op of ops) {
    if (op.kind === 'remove') await env.vault.remove(op.localId, dek);
    if (op.kind === 'update') await applyUpdate(env, dek, op.localId, op.before, op.content);
  }
  return addedIds;
}

async function applyUpdate(
  env: SyncEnv,
  dek: Uint8Array,
  localId: string,
  before: SyncContent,
  after: SyncContent,
): Promise<void> {
  const a = before.data;
  const b = after.data;
  const sameKey =
    a.kind === b.kind &&
    a.secret === b.secret &&
    a.algorithm === b.algorithm &&
    a.digits === b.digits &&
    a.period === b.period &&
    before.enrolledOrigin === after.enrolledOrigin;
  if (!sameKey) {
    await env.vault.replace(dek, localId, {
      data: b,
      allowedSites: after.allowedSites,
      enrolledOrigin: after.enrolledOrigin,
    });
  }
  await env.vault.update(dek, localId, {
    issuer: b.issuer,
    account: b.account,
    pinned: after.pinned,
    allowedSites: after.allowedSites,
    ...(b.kind === 'hotp' && sameKey ? { counter: Math.max(a.counter, b.counter) } : {}),
  });
}

function samePacked(
  merged: ReadonlyMap<string, SyncElement>,
  omitted: readonly string[],
  remote: ReadonlyMap<string, SyncElement>,
): boolean {
  const left = new Set(omitted);
  const packed = [...merged].filter(([id]) => !left.has(id));
  return packed.length === remote.size && packed.every(([id, e]) => sameElement(e, remote.get(id)));
}

/** How long a bad remote stays untouched (it may be a write still arriving) before this browser repairs it. */
export const REPAIR_AFTER_MS = 60_000;

/** Problems that mean "not this vault's data, leave it alone" rather than "damaged". */
const FOREIGN: readonly RemoteProblem[] = ['other-vault', 'newer-format'];

/**
 * Runs one sync with the unlocked vault's data key. Returns the new status, or null when sync is off.
 * Never throws for a problem of the sync area or the remote: those end in the status.
 */
export async function runSync(env: SyncEnv, dek: Uint8Array): Promise<SyncStatus | null> {
  const state = await readSyncState(env.crypto, env.local, dek);
  if (!state) return null;
  const now = env.now();
  const status: SyncStatus = { ...state.status, lastAttemptAt: now, problems: [], applied: 0 };
  delete status.error;
  const save = async (next: SyncState) => {
    await writeSyncState(env.crypto, env.local, dek, next);
    return next.status;
  };

  let area: Record<string, unknown>;
  try {
    area = await env.area.get(null);
  } catch (error) {
    return save({ ...state, status: { ...status, result: 'unavailable', error: errorText(error) } });
  }
  const syncKey = paddedBase64ToBytes(state.syncKey);
  if (!syncKey) return null;
  const remote = await readRemote(env.crypto, syncKey, state.slot, area, state.lastGen);
  status.problems = remote.problems;
  if (remote.problems.some((p) => FOREIGN.includes(p))) {
    return save({
      ...state,
      status: { ...status, result: 'other-vault', reported: { problems: remote.problems, at: now } },
    });
  }

  const { accounts, broken } = await env.vault.list(dek);
  const local: LocalAccount[] = accounts.map((a) => ({
    id: a.id,
    content: {
      data: a.data,
      allowedSites: a.allowedSites,
      enrolledOrigin: a.enrolledOrigin,
      pinned: a.pinned,
    },
  }));
  const trusted = remote.problems.length === 0;
  const plan = planSync({
    accounts: local,
    brokenIds: new Set(broken.map((b) => b.id)),
    state: state.plan,
    remote: trusted ? remote.elements : null,
    now,
    deviceId: state.deviceId,
  });

  const addedIds = await applyOps(env, dek, plan.ops);
  for (const [syncId, localId] of addedIds) {
    const entry = plan.next.entries[syncId];
    if (entry) entry.localId = localId;
  }

  const emptied = remote.problems.length === 1 && remote.problems[0] === 'empty';
  // why: a write of another browser may arrive in pieces; only a bad remote that stays is written over.
  const repair =
    !trusted && !emptied && state.badTag === remote.tag && now - state.badSince >= REPAIR_AFTER_MS;
  // why: a slot wrapped anew here (password change) goes out first; one wrapped anew elsewhere is adopted.
  const slotOut = trusted && state.slotPending;
  const push = trusted ? plan.push || slotOut : emptied || repair;
  let lastGen = trusted ? Math.max(state.lastGen, remote.gen) : state.lastGen;
  const live = [...plan.merged.values()].filter((e) => e.content !== null).length;
  const next: SyncState = {
    ...state,
    ...(remote.rotatedSlot && !state.slotPending ? { slot: remote.rotatedSlot } : {}),
    plan: plan.next,
    badTag: trusted || emptied || repair ? null : remote.tag,
    badSince: !trusted && state.badTag === remote.tag ? state.badSince : now,
    status: {
      ...status,
      result: trusted || emptied || repair ? 'ok' : 'problem',
      accounts: live,
      applied: plan.ops.length,
      conflictsResolved: state.status.conflictsResolved + plan.conflicts,
      reported: trusted ? state.status.reported : { problems: remote.problems, at: now },
    },
  };
  if (trusted) {
    const ours = Object.keys(area).filter(isSyncKey);
    next.status.items = ours.length;
    next.status.bytes = ours.reduce((sum, key) => sum + itemSize(key, area[key]), 0);
  }
  const gen = Math.max(state.lastGen, remote.gen) + 1;
  const packed = push ? await packRemote(env.crypto, syncKey, next.slot, plan.merged, gen) : null;
  // why: records left out for the quota are missing from the remote by design; writing the same set again
  // would only wake every browser (and this one, through onChanged) for nothing.
  if (packed && trusted && !slotOut && samePacked(plan.merged, packed.omitted, remote.elements)) {
    next.status.omitted = packed.omitted.length;
    if (packed.omitted.length > 0) next.status.result = 'quota';
  } else if (packed) {
    const stale = Object.keys(area).filter((key) => isSyncKey(key) && !(key in packed.items));
    try {
      await env.area.set(packed.items);
      if (stale.length > 0) await env.area.remove(stale);
      lastGen = gen;
      next.slotPending = false;
      next.status.items = Object.keys(packed.items).length;
      next.status.bytes = packed.bytes;
      next.status.omitted = packed.omitted.length;
      if (packed.omitted.length > 0) next.status.result = 'quota';
    } catch (error) {
      next.status.result = isQuotaError(error) ? 'quota' : 'unavailable';
      next.status.error = errorText(error);
    }
  }
  next.lastGen = lastGen;
  if (next.status.result === 'ok' || next.status.result === 'quota') next.status.lastSyncAt = now;
  return save(next);
}
