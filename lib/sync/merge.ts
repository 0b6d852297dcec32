/**
 * Sync merge, pure: per-record hybrid logical clocks (wall ms, counter, device id) and a state-based merge
 * that is commutative, associative and idempotent, so every device that has seen the same elements holds the
 * same accounts whatever order they arrived in.
 *
 * Rules: the element with the greater clock wins (a delete wins over an older edit and loses to a newer one);
 * the HOTP counter is a separate maximum over every version, tombstones included (a counter never goes back);
 * absence is never a delete — only a tombstone deletes, so an empty or partial remote removes nothing.
 */
import type { OtpAccountData } from '../otp/types';

/** Hybrid logical clock: ordered by wall time, then counter, then device id (unique per browser). */
export interface Hlc {
  t: number;
  c: number;
  d: string;
}

export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.t !== b.t) return a.t < b.t ? -1 : 1;
  if (a.c !== b.c) return a.c < b.c ? -1 : 1;
  return a.d < b.d ? -1 : a.d > b.d ? 1 : 0;
}

export function maxHlc(a: Hlc, b: Hlc): Hlc {
  return compareHlc(a, b) >= 0 ? a : b;
}

/** The next clock of this device: never behind anything it has seen, even when the wall clock goes back. */
export function tickHlc(last: Hlc, now: number, deviceId: string): Hlc {
  if (now > last.t) return { t: now, c: 0, d: deviceId };
  return { t: last.t, c: last.c + 1, d: deviceId };
}

/** What travels of an account: everything but its place in the list (order is per browser). */
export interface SyncContent {
  data: OtpAccountData;
  allowedSites: string[];
  enrolledOrigin: string;
  pinned: boolean;
}

/**
 * One record's state: `content` null is a tombstone. `counter` is the highest HOTP counter seen. `prev` is
 * the clock of the version this one was made from (null for a new record): it tells a later edit from a
 * concurrent one, for the "conflicts resolved" count only (the merge itself does not need it).
 */
export interface SyncElement {
  hlc: Hlc;
  counter: number;
  content: SyncContent | null;
  prev?: Hlc | null;
}

const sameHlc = (a: Hlc | null | undefined, b: Hlc | null | undefined) =>
  !!a && !!b && compareHlc(a, b) === 0;

/** Neither version was made from the other: two browsers edited the record without seeing each other. */
function concurrent(a: SyncElement, b: SyncElement): boolean {
  return !sameHlc(a.hlc, b.hlc) && !sameHlc(a.prev, b.hlc) && !sameHlc(b.prev, a.hlc);
}

/** Same input, same text: keys in a fixed order, so two devices compare contents by string equality. */
export function canonicalContent(content: SyncContent): string {
  const d = content.data;
  return JSON.stringify([
    d.kind,
    d.issuer,
    d.account,
    d.secret,
    d.algorithm,
    d.digits,
    d.period,
    d.counter,
    content.allowedSites,
    content.enrolledOrigin,
    content.pinned,
  ]);
}

/**
 * A short change detector of a content (two 32-bit FNV-1a over the canonical text), kept in the sealed local
 * state so the plaintext is not stored twice. Not a security check: the remote side is authenticated by GCM.
 */
export function contentDigest(content: SyncContent): string {
  const text = canonicalContent(content);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code ^ (i & 0xff), 0x85ebca6b) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

function withCounter(content: SyncContent | null, counter: number): SyncContent | null {
  if (!content || content.data.kind !== 'hotp' || content.data.counter === counter) return content;
  return { ...content, data: { ...content.data, counter } };
}

/** The merge of two versions of one record (a join: order of arguments and repetition do not matter). */
export function mergeElements(a: SyncElement, b: SyncElement): SyncElement {
  let order = compareHlc(a.hlc, b.hlc);
  if (order === 0 && a.content !== b.content) {
    // why: equal clocks come from one device and are equal in practice; if not, still decide the same
    // everywhere, and prefer the live record (never lose an account to a tie).
    const x = a.content ? canonicalContent(a.content) : '';
    const y = b.content ? canonicalContent(b.content) : '';
    order = x > y ? 1 : x < y ? -1 : 0;
  }
  const winner = order >= 0 ? a : b;
  const counter = Math.max(a.counter, b.counter);
  return {
    hlc: winner.hlc,
    counter,
    content: withCounter(winner.content, counter),
    prev: winner.prev ?? null,
  };
}

export function sameElement(a: SyncElement | undefined, b: SyncElement | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    compareHlc(a.hlc, b.hlc) === 0 &&
    a.counter === b.counter &&
    (a.content === null) === (b.content === null) &&
    (a.content === null || b.content === null || canonicalContent(a.content) === canonicalContent(b.content))
  );
}

/** This device's record of what it last synced, per sync id (kept sealed in storage.local). */
export interface StateEntry {
  /** The vault's id of the account here; null for a tombstone. */
  localId: string | null;
  hlc: Hlc;
  counter: number;
  /** contentDigest of what the vault held after the last sync; null for a tombstone. */
  digest: string | null;
  prev?: Hlc | null;
}

export interface PlanState {
  clock: Hlc;
  entries: Record<string, StateEntry>;
}

export interface LocalAccount {
  id: string;
  content: SyncContent;
}

export type VaultOp =
  | { kind: 'add'; syncId: string; content: SyncContent }
  | { kind: 'update'; syncId: string; localId: string; before: SyncContent; content: SyncContent }
  | { kind: 'remove'; syncId: string; localId: string };

export interface SyncPlan {
  /** Changes to make to this vault, through the repository. */
  ops: VaultOp[];
  /** Every element after the merge, by sync id: what the remote should hold. */
  merged: Map<string, SyncElement>;
  /** The state to keep once the ops are applied (adds get their localId filled in by the caller). */
  next: PlanState;
  /** True when the remote lacks something of `merged` (or differs): push it. */
  push: boolean;
  /** Records changed both here and elsewhere since the last sync, resolved by the rules above. */
  conflicts: number;
}

export interface PlanInput {
  accounts: readonly LocalAccount[];
  /** Vault ids that failed to decrypt: never treated as deleted, never touched. */
  brokenIds: ReadonlySet<string>;
  state: PlanState;
  /** Authenticated remote elements, or null when the remote is not to be trusted this time (merge nothing). */
  remote: ReadonlyMap<string, SyncElement> | null;
  now: number;
  deviceId: string;
}

function sameAccountKey(a: SyncContent, b: SyncContent): boolean {
  return (
    a.data.secret === b.data.secret &&
    a.data.kind === b.data.kind &&
    a.data.issuer === b.data.issuer &&
    a.data.account === b.data.account
  );
}

/**
 * One sync step, pure: local changes since the last sync get new clocks (a missing account that was synced
 * becomes a tombstone), then the merge with the remote, then the vault changes that make this device match.
 */
export function planSync(input: PlanInput): SyncPlan {
  const { accounts, brokenIds, state, remote, now, deviceId } = input;
  let clock = state.clock;
  const tick = () => (clock = tickHlc(clock, now, deviceId));

  const syncIdOfLocal = new Map<string, string>();
  for (const [syncId, entry] of Object.entries(state.entries)) {
    if (entry.localId !== null) syncIdOfLocal.set(entry.localId, syncId);
  }
  const accountById = new Map(accounts.map((a) => [a.id, a]));

  // why: an account imported on two browsers before sync was on is the same account: link it to the remote
  // record instead of adding a duplicate everywhere.
  const unlinkedRemote = [...(remote ?? new Map<string, SyncElement>())].filter(
    ([syncId, el]) => el.content !== null && !(syncId in state.entries),
  );
  const claimed = new Set<string>();
  for (const account of accounts) {
    if (syncIdOfLocal.has(account.id)) continue;
    const match = unlinkedRemote.find(
      ([syncId, el]) => !claimed.has(syncId) && el.content && sameAccountKey(el.content, account.content),
    );
    const syncId = match ? match[0] : account.id;
    claimed.add(syncId);
    syncIdOfLocal.set(account.id, syncId);
  }

  const local = new Map<string, SyncElement>();
  const changedHere = new Set<string>();
  const skipped = new Set<string>();
  for (const account of accounts) {
    const syncId = syncIdOfLocal.get(account.id) as string;
    const entry = state.entries[syncId];
    const digest = contentDigest(account.content);
    if (entry && entry.digest === digest) {
      local.set(syncId, {
        hlc: entry.hlc,
        counter: entry.counter,
        content: account.content,
        prev: entry.prev ?? null,
      });
    } else {
      const counter = Math.max(account.content.data.counter, entry?.counter ?? 0);
      local.set(syncId, {
        hlc: tick(),
        counter,
        content: withCounter(account.content, counter),
        prev: entry?.hlc ?? null,
      });
      changedHere.add(syncId);
    }
  }
  for (const [syncId, entry] of Object.entries(state.entries)) {
    if (local.has(syncId)) continue;
    if (entry.localId !== null && brokenIds.has(entry.localId)) {
      skipped.add(syncId);
    } else if (entry.digest === null) {
      local.set(syncId, { hlc: entry.hlc, counter: entry.counter, content: null, prev: entry.prev ?? null });
    } else if (entry.localId === null || !accountById.has(entry.localId)) {
      local.set(syncId, { hlc: tick(), counter: entry.counter, content: null, prev: entry.hlc });
      changedHere.add(syncId);
    }
  }

  const merged = new Map<string, SyncElement>();
  let conflicts = 0;
  const ids = new Set([...local.keys(), ...(remote?.keys() ?? [])]);
  for (const syncId of ids) {
    const mine = local.get(syncId);
    const theirs = remote?.get(syncId);
    if (skipped.has(syncId)) {
      // why: a record this vault cannot read is left alone here, and whatever the remote has of it stays.
      if (theirs) merged.set(syncId, theirs);
      continue;
    }
    const result = mine && theirs ? mergeElements(mine, theirs) : (mine ?? theirs);
    if (!result) continue;
    merged.set(syncId, result);
    const before = state.entries[syncId];
    // why: counted once, when the other browser's version first arrives (not when it comes back again).
    if (mine && theirs && concurrent(mine, theirs) && !sameHlc(theirs.hlc, before?.hlc)) {
      conflicts++;
    }
  }

  const ops: VaultOp[] = [];
  const entries: Record<string, StateEntry> = {};
  for (const syncId of skipped) entries[syncId] = state.entries[syncId] as StateEntry;
  for (const [syncId, element] of merged) {
    if (skipped.has(syncId)) continue;
    clock = maxHlc(clock, element.hlc);
    const mine = local.get(syncId);
    const localId = mine?.content ? findLocalId(syncIdOfLocal, syncId) : null;
    const account = localId === null ? undefined : accountById.get(localId);
    if (element.content === null) {
      if (account) ops.push({ kind: 'remove', syncId, localId: account.id });
      entries[syncId] = {
        localId: null,
        hlc: element.hlc,
        counter: element.counter,
        digest: null,
        prev: element.prev ?? null,
      };
      continue;
    }
    if (!account) {
      ops.push({ kind: 'add', syncId, content: element.content });
    } else if (canonicalContent(account.content) !== canonicalContent(element.content)) {
      ops.push({
        kind: 'update',
        syncId,
        localId: account.id,
        before: account.content,
        content: element.content,
      });
    }
    entries[syncId] = {
      localId: account ? account.id : null,
      hlc: element.hlc,
      counter: element.counter,
      digest: contentDigest(element.content),
      prev: element.prev ?? null,
    };
  }

  let push = remote === null;
  if (!push) {
    for (const [syncId, element] of merged) {
      if (!sameElement(element, remote?.get(syncId))) push = true;
    }
  }
  return { ops, merged, next: { clock, entries }, push, conflicts };
}

function findLocalId(syncIdOfLocal: ReadonlyMap<string, string>, syncId: string): string | null {
  for (const [localId, id] of syncIdOfLocal) if (id === syncId) return localId;
  return null;
}
