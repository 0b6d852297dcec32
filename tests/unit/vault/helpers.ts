/** Shared builders for the vault tests. */
import type { OtpAccountData } from '../../../lib/otp/types';
import { bytesToBase64 } from '../../../lib/bytes';
import { decodeStoredBase64 as base64ToBytes } from '../../../lib/vault/crypto';
import type { VaultDb } from '../../../lib/vault/schema';

export const PASSWORD = 'correct horse battery staple';

let dbCounter = 0;
/** fake-indexeddb is shared by the whole test file: every test gets its own database name. */
export function uniqueDbName(label: string): string {
  dbCounter += 1;
  return `vault-test-${label}-${dbCounter}-${Date.now()}`;
}

export function totpData(overrides: Partial<OtpAccountData> = {}): OtpAccountData {
  return {
    kind: 'totp',
    issuer: 'Aliyun',
    account: 'alice@1234567890123456',
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...overrides,
  };
}

export function hotpData(counter: number): OtpAccountData {
  return totpData({ kind: 'hotp', issuer: 'HotpCorp', account: 'bob', secret: 'GEZDGNBVGY3TQOJQ', counter });
}

/** Every row of every table, plus the native version: "nothing changed" means this is deep-equal. */
export async function snapshotDb(db: VaultDb): Promise<Record<string, unknown>> {
  const snapshot: Record<string, unknown> = { nativeVersion: db.backendDB().version };
  for (const table of db.tables) snapshot[table.name] = await table.toArray();
  return snapshot;
}

/** Flips one bit of the decoded bytes of a base64 field. */
export function flipBit(base64: string, byteIndex: number, bit = 0): string {
  const bytes = base64ToBytes(base64);
  const index = byteIndex < 0 ? bytes.length + byteIndex : byteIndex;
  bytes[index] = (bytes[index] ?? 0) ^ (1 << bit);
  return bytesToBase64(bytes);
}

/** A clock the test moves by hand. */
export function manualClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

/** Sequential ids, so tests and fixtures are deterministic. */
export function sequentialIds(prefix = 'acct'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/**
 * A Crypto whose subtle calls are counted and can be made to fail, to prove what ran (a refused slot
 * derives nothing) and to interrupt a multi-step operation half-way.
 */
export function instrumentedCrypto(options: { failEncryptAfter?: number } = {}): {
  crypto: Crypto;
  calls: Record<string, number>;
} {
  const real = globalThis.crypto;
  const calls: Record<string, number> = {};
  const subtle = new Proxy(real.subtle, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const name = String(property);
      return (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        if (
          name === 'encrypt' &&
          options.failEncryptAfter !== undefined &&
          (calls[name] ?? 0) > options.failEncryptAfter
        ) {
          return Promise.reject(new Error('injected failure in crypto.subtle.encrypt'));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const crypto = {
    subtle,
    getRandomValues: real.getRandomValues.bind(real),
    randomUUID: real.randomUUID.bind(real),
  } as Crypto;
  return { crypto, calls };
}
