/**
 * What the sync area (storage.sync) holds, all of it untrusted input when read back:
 *
 * - `ms.slot`: the sync key wrapped by the master password, a vault key slot (PBKDF2 + AES-GCM, parameters
 *   authenticated, floor enforced) — the same password opens it on every browser.
 * - `ms.c<n>`: chunks of records. Each is deflate-raw compressed JSON, then AES-256-GCM under the sync key with
 *   a fresh IV and AAD binding the item key and the chunk's version, so a chunk moved to another key or put
 *   back from an older write does not open as the current one.
 * - `ms.m`: the manifest: a generation number and every chunk's (key, version, IV), signed like the vault's
 *   record index (HMAC-SHA256 with a key derived from the sync key). A chunk replaced, removed or added, an
 *   older manifest put back, or a slot swapped, no longer matches.
 *
 * Packing respects the browsers' quotas (Chrome: 102,400 bytes in all, 8,192 per item counting its key, 512
 * items); records that do not fit are left out and counted, never dropped silently.
 */
import { bytesToBase64, isRecord, paddedBase64ToBytes, parseJsonBytes, utf8, type Bytes } from '../bytes';
import { AES_GCM_TAG_BYTES, aesGcmOpen, aesGcmSeal, importAesGcmKey } from '../crypto/aes-gcm';
import { checkAccountData, checkBoolean, checkSites, checkString } from '../vault/payload';
import { recordIndexTag, verifyRecordIndexTag, type RecordIndexEntry } from '../vault/record-index';
import type { KeySlot } from '../vault/crypto';
import type { Hlc, SyncContent, SyncElement } from './merge';

export const SLOT_KEY = 'ms.slot';
export const MANIFEST_KEY = 'ms.m';
export const CHUNK_PREFIX = 'ms.c';
export const FORMAT_VERSION = 1;

/** The smallest of the two browsers' storage.sync limits. */
export const SYNC_QUOTA = {
  totalBytes: 102_400,
  itemBytes: 8_192,
  maxItems: 512,
} as const;
/** Room kept free under the total, for the manifest's growth and the browser's own accounting. */
const TOTAL_MARGIN = 1_024;
/** Decompressed chunk ceiling: an authenticated chunk is ours, but a bug must not exhaust memory. */
const MAX_PLAIN_CHUNK = 1_000_000;

/** The quota's unit: key + JSON of the value, in UTF-8 bytes (how Chrome counts). */
export function itemSize(key: string, value: unknown): number {
  return utf8(key).length + utf8(JSON.stringify(value)).length;
}

export function isSyncKey(key: string): boolean {
  return key === SLOT_KEY || key === MANIFEST_KEY || key.startsWith(CHUNK_PREFIX);
}

async function pipe(bytes: Uint8Array, stream: GenericTransformStream): Promise<Bytes> {
  const out = await new Response(
    new Blob([new Uint8Array(bytes)]).stream().pipeThrough(stream),
  ).arrayBuffer();
  return new Uint8Array(out);
}

export function compress(bytes: Uint8Array): Promise<Bytes> {
  return pipe(bytes, new CompressionStream('deflate-raw'));
}

export async function decompress(bytes: Uint8Array): Promise<Bytes | null> {
  try {
    const out = await pipe(bytes, new DecompressionStream('deflate-raw'));
    return out.length > MAX_PLAIN_CHUNK ? null : out;
  } catch {
    return null;
  }
}

function chunkAad(key: string, version: number): Bytes {
  return utf8(JSON.stringify(['mfa-sync-chunk', FORMAT_VERSION, key, version]));
}

/**
 * A record on the wire: [syncId, wall ms, counter, device, HOTP counter, content or 0 for a tombstone,
 * clock of the version it was made from ([t, c, d]) or 0].
 */
type WireElement = [string, number, number, string, number, SyncContent | 0, [number, number, string] | 0];

function toWire(syncId: string, e: SyncElement): WireElement {
  const prev = e.prev ? ([e.prev.t, e.prev.c, e.prev.d] as [number, number, string]) : 0;
  return [syncId, e.hlc.t, e.hlc.c, e.hlc.d, e.counter, e.content ?? 0, prev];
}

function prevFromWire(value: unknown): Hlc | null | undefined {
  if (value === 0 || value === undefined) return null;
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [t, c, d] = value as unknown[];
  return isCount(t) && isCount(c) && typeof d === 'string' && d.length <= 64 ? { t, c, d } : undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A decrypted record, shape-checked as the vault checks its own payloads; null when malformed. */
function fromWire(value: unknown): [string, SyncElement] | null {
  if (!Array.isArray(value) || value.length < 6 || value.length > 7) return null;
  const [syncId, t, c, d, counter, content, wirePrev] = value as unknown[];
  const prev = prevFromWire(wirePrev);
  if (prev === undefined) return null;
  if (typeof syncId !== 'string' || syncId.length === 0 || syncId.length > 100) return null;
  if (!isCount(t) || !isCount(c) || typeof d !== 'string' || d.length > 64 || !isCount(counter)) return null;
  const hlc: Hlc = { t, c, d };
  if (content === 0) return [syncId, { hlc, counter, content: null, prev }];
  try {
    if (!isRecord(content)) return null;
    const checked: SyncContent = {
      data: checkAccountData(content.data),
      allowedSites: checkSites(content.allowedSites),
      enrolledOrigin: checkString('enrolledOrigin', content.enrolledOrigin),
      pinned: checkBoolean('pinned', content.pinned),
    };
    return [syncId, { hlc, counter, content: checked, prev }];
  } catch {
    return null;
  }
}

export interface ChunkItem {
  v: number;
  iv: string;
  ct: string;
}

export interface Manifest {
  f: number;
  gen: number;
  /** [item key, version, IV] per chunk. */
  chunks: [string, number, string][];
  tag: string;
}

async function sealChunk(
  crypto: Crypto,
  syncKey: CryptoKey,
  key: string,
  version: number,
  compressed: Uint8Array,
): Promise<ChunkItem> {
  const { iv, ciphertext } = await aesGcmSeal(crypto, syncKey, compressed, chunkAad(key, version));
  return { v: version, iv: bytesToBase64(iv), ct: bytesToBase64(ciphertext) };
}

/** The signed index: every chunk's key with its version and IV, the generation, and the slot it belongs to. */
function manifestEntries(gen: number, slot: KeySlot, chunks: Manifest['chunks']): RecordIndexEntry[] {
  return [
    { id: 'meta:format', iv: String(FORMAT_VERSION) },
    { id: 'meta:gen', iv: String(gen) },
    { id: 'meta:slot', iv: `${slot.iv}:${slot.wrappedKey}` },
    ...chunks.map(([key, version, iv]) => ({ id: `chunk:${key}`, iv: `${version}:${iv}` })),
  ];
}

export interface PackResult {
  /** Every item to write (slot, manifest, chunks). */
  items: Record<string, unknown>;
  /** What the items weigh against the quota (key + JSON, UTF-8 bytes). */
  bytes: number;
  /** Live records left out because the vault does not fit the quota. */
  omitted: string[];
}

function chunkItemSize(key: string, compressedLength: number): number {
  const ctLength = 4 * Math.ceil((compressedLength + AES_GCM_TAG_BYTES) / 3);
  // {"v":N,"iv":"<16>","ct":"..."}
  return utf8(key).length + 40 + String(Number.MAX_SAFE_INTEGER).length + ctLength;
}

/**
 * Packs every element into as few chunks as fit the per-item limit, tombstones first (small, and what makes
 * deletes reach other browsers), then live records by id; stops at the total quota and reports what is left.
 */
export async function packRemote(
  crypto: Crypto,
  syncKeyBytes: Uint8Array,
  slot: KeySlot,
  elements: ReadonlyMap<string, SyncElement>,
  gen: number,
): Promise<PackResult> {
  const syncKey = await importAesGcmKey(crypto, syncKeyBytes);
  const sorted = [...elements].sort(([a, x], [b, y]) => {
    if ((x.content === null) !== (y.content === null)) return x.content === null ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const groups: { wires: WireElement[]; compressed: Bytes }[] = [];
  let current: WireElement[] = [];
  let currentCompressed: Bytes | null = null;
  const omitted: string[] = [];
  const keyFor = (index: number) => `${CHUNK_PREFIX}${index}`;
  for (const [syncId, element] of sorted) {
    const candidate = [...current, toWire(syncId, element)];
    const compressed = await compress(utf8(JSON.stringify(candidate)));
    if (chunkItemSize(keyFor(groups.length), compressed.length) <= SYNC_QUOTA.itemBytes) {
      current = candidate;
      currentCompressed = compressed;
      continue;
    }
    if (currentCompressed) groups.push({ wires: current, compressed: currentCompressed });
    const alone = await compress(utf8(JSON.stringify([toWire(syncId, element)])));
    if (chunkItemSize(keyFor(groups.length), alone.length) <= SYNC_QUOTA.itemBytes) {
      current = [toWire(syncId, element)];
      currentCompressed = alone;
    } else {
      // why: one record larger than an item (thousands of bound sites) cannot travel; it is reported.
      if (element.content) omitted.push(syncId);
      current = [];
      currentCompressed = null;
    }
  }
  if (currentCompressed) groups.push({ wires: current, compressed: currentCompressed });

  const items: Record<string, unknown> = { [SLOT_KEY]: slot };
  let bytes = itemSize(SLOT_KEY, slot);
  const chunks: Manifest['chunks'] = [];
  const manifestRoom = 200;
  for (const [index, group] of groups.entries()) {
    const key = keyFor(index);
    const item = await sealChunk(crypto, syncKey, key, gen, group.compressed);
    const size = itemSize(key, item);
    const entryRoom = key.length + item.iv.length + 30;
    const fits =
      bytes + size + manifestRoom + entryRoom * (chunks.length + 1) <= SYNC_QUOTA.totalBytes - TOTAL_MARGIN &&
      chunks.length + 3 <= SYNC_QUOTA.maxItems;
    if (!fits) {
      for (const rest of groups.slice(index)) {
        for (const wire of rest.wires) if (wire[5] !== 0) omitted.push(wire[0]);
      }
      break;
    }
    items[key] = item;
    bytes += size;
    chunks.push([key, gen, item.iv]);
  }
  const tag = await recordIndexTag(crypto, syncKeyBytes, manifestEntries(gen, slot, chunks));
  const manifest: Manifest = { f: FORMAT_VERSION, gen, chunks, tag };
  items[MANIFEST_KEY] = manifest;
  bytes += itemSize(MANIFEST_KEY, manifest);
  return { items, bytes, omitted };
}

export function parseSlot(value: unknown): KeySlot | null {
  if (!isRecord(value) || !isRecord(value.kdf)) return null;
  const { id, version, iv, wrappedKey, features } = value;
  if (typeof id !== 'string' || typeof version !== 'number' || typeof iv !== 'string') return null;
  if (typeof wrappedKey !== 'string') return null;
  const { algorithm, iterations, salt } = value.kdf;
  if (typeof algorithm !== 'string' || typeof iterations !== 'number' || typeof salt !== 'string')
    return null;
  return {
    id,
    version,
    kdf: { algorithm: algorithm as KeySlot['kdf']['algorithm'], iterations, salt },
    iv,
    wrappedKey,
    ...(Array.isArray(features) ? { features: features.filter((f) => typeof f === 'string') } : {}),
  };
}

export function sameSlot(a: KeySlot, b: KeySlot): boolean {
  return a.iv === b.iv && a.wrappedKey === b.wrappedKey && a.kdf.salt === b.kdf.salt;
}

/** Why the remote is not taken as it is. */
export type RemoteProblem =
  | 'empty'
  | 'other-vault'
  | 'manifest-invalid'
  | 'chunk-missing'
  | 'chunk-invalid'
  | 'record-invalid'
  | 'replayed'
  | 'newer-format';

export interface ReadRemoteResult {
  /** Authenticated elements: the whole remote when `problems` is empty. */
  elements: Map<string, SyncElement>;
  gen: number;
  problems: RemoteProblem[];
  /** The manifest's tag (to recognise the same bad remote on the next run). */
  tag: string | null;
  /**
   * A slot other than this browser's copy that the manifest signs with our sync key: the same key wrapped
   * anew (a password change in another browser). Null otherwise.
   */
  rotatedSlot: KeySlot | null;
}

/**
 * Reads and checks everything under our keys. `expectedSlot` is this browser's copy of the slot: a remote
 * slot that differs belongs to another vault and nothing of it is read, unless the manifest signs it with our
 * sync key (then it is `rotatedSlot`). `lastGen`: the highest generation
 * already seen here; a lower one is an older remote put back (or a device that had not seen the latest).
 */
export async function readRemote(
  crypto: Crypto,
  syncKeyBytes: Uint8Array,
  expectedSlot: KeySlot,
  area: Record<string, unknown>,
  lastGen: number,
): Promise<ReadRemoteResult> {
  const elements = new Map<string, SyncElement>();
  let rotatedSlot: KeySlot | null = null;
  const result = (problems: RemoteProblem[], gen = 0, tag: string | null = null): ReadRemoteResult => ({
    elements,
    gen,
    problems,
    tag,
    rotatedSlot,
  });
  const ours = Object.keys(area).filter(isSyncKey);
  if (ours.length === 0) return result(['empty']);
  const slot = parseSlot(area[SLOT_KEY]);
  const otherSlot = slot !== null && !sameSlot(slot, expectedSlot) ? slot : null;
  const manifest = area[MANIFEST_KEY];
  if (!isRecord(manifest) || !Array.isArray(manifest.chunks) || typeof manifest.tag !== 'string') {
    return result([otherSlot ? 'other-vault' : slot ? 'manifest-invalid' : 'empty']);
  }
  if (typeof manifest.f === 'number' && manifest.f > FORMAT_VERSION) return result(['newer-format']);
  const gen = manifest.gen;
  const chunks = (manifest.chunks as unknown[]).filter(
    (c): c is [string, number, string] =>
      Array.isArray(c) &&
      c.length === 3 &&
      typeof c[0] === 'string' &&
      c[0].startsWith(CHUNK_PREFIX) &&
      isCount(c[1]) &&
      typeof c[2] === 'string',
  );
  const problems: RemoteProblem[] = [];
  const intact =
    isCount(gen) &&
    chunks.length === manifest.chunks.length &&
    (await verifyRecordIndexTag(
      crypto,
      syncKeyBytes,
      manifestEntries(gen, otherSlot ?? expectedSlot, chunks),
      manifest.tag,
    ));
  // why: only a holder of the sync key can sign a new slot into the manifest; any other slot is another
  // vault's (or an older one put back), and nothing of that remote is read.
  if (otherSlot && (!intact || gen < lastGen)) return result(['other-vault']);
  if (!intact || !slot) return result(['manifest-invalid'], 0, manifest.tag);
  rotatedSlot = otherSlot;
  if (gen < lastGen) problems.push('replayed');
  const syncKey = await importAesGcmKey(crypto, syncKeyBytes);
  const listed = new Set(chunks.map(([key]) => key));
  for (const key of ours) {
    if (key.startsWith(CHUNK_PREFIX) && !listed.has(key) && !problems.includes('manifest-invalid')) {
      // why: a chunk the signed manifest does not name was added by someone else: report, never read.
      problems.push('manifest-invalid');
    }
  }
  for (const [key, version, iv] of chunks) {
    const item = area[key];
    if (!isRecord(item)) {
      if (!problems.includes('chunk-missing')) problems.push('chunk-missing');
      continue;
    }
    const ivBytes = paddedBase64ToBytes(item.iv);
    const ct = paddedBase64ToBytes(item.ct);
    const compressed =
      item.iv === iv && item.v === version && ivBytes && ct
        ? await aesGcmOpen(crypto, syncKey, ivBytes, ct, chunkAad(key, version))
        : null;
    const plain = compressed && (await decompress(compressed));
    const wires = plain && parseJsonBytes(plain);
    if (!Array.isArray(wires)) {
      if (!problems.includes('chunk-invalid')) problems.push('chunk-invalid');
      continue;
    }
    for (const wire of wires) {
      const parsed = fromWire(wire);
      if (!parsed) {
        if (!problems.includes('record-invalid')) problems.push('record-invalid');
        continue;
      }
      elements.set(parsed[0], parsed[1]);
    }
  }
  return result(problems, gen, manifest.tag);
}
