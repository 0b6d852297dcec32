import { afterEach, beforeAll } from 'vitest';
import type { BackgroundDeps } from '../../../lib/background/deps';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter } from '../../../lib/background/router';
import type { MessageType, Reply, RequestOf, ResponseOf } from '../../../lib/messaging';
import { generateDataKey, wrapDataKey, type KeySlot } from '../../../lib/vault/crypto';
import { createVaultRepository } from '../../../lib/vault/repository';
import { PASSWORD_SLOT_ID, openVaultDb, type VaultDb } from '../../../lib/vault/schema';
import type { VaultRepository } from '../../../lib/vault/types';
import { PASSWORD, uniqueDbName } from '../vault/helpers';
import { fakeDeps } from './fakes';

export const EXT_ID = 'abcdefghijklmnop';
export const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;
export const POPUP_SENDER = { id: EXT_ID, url: `${EXT_ORIGIN}/popup.html` };
export const OPTIONS_SENDER = { id: EXT_ID, url: `${EXT_ORIGIN}/options.html` };

/** A real vault (repository over fake-indexeddb), unlocked, behind the real router and handlers. */
export interface RoutedVault {
  env: ReturnType<typeof fakeDeps>;
  db: VaultDb;
  repo: VaultRepository;
  call<K extends MessageType>(type: K, payload: RequestOf<K>, sender?: object): Promise<Reply<ResponseOf<K>>>;
  /** The reply's value; throws with the error code when the request failed. */
  ok<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>>;
  /** The error code; throws when the request succeeded. */
  errorCode<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<string>;
}

/**
 * Registers a test file's hooks for routed vaults: one real 600k-iteration derivation for the password slot
 * per file (copied into every test's fresh database), every database closed after each test. Messages come
 * from `sender` unless a call names another.
 */
export function useRoutedVaults(name: string, sender: object = POPUP_SENDER) {
  const openDbs: VaultDb[] = [];
  let dataKey = new Uint8Array();
  let slot: KeySlot | null = null;
  beforeAll(async () => {
    dataKey = generateDataKey(crypto);
    slot = await wrapDataKey(crypto, dataKey, PASSWORD, { slotId: PASSWORD_SLOT_ID });
  });
  afterEach(() => openDbs.splice(0).forEach((db) => db.close()));

  return {
    /** The vaults' data key (set before the first test). */
    get dataKey(): Uint8Array {
      return dataKey;
    },
    async unlockedVault(): Promise<RoutedVault> {
      if (!slot) throw new Error('useRoutedVaults: the slot is made in beforeAll');
      const env = fakeDeps();
      const db = await openVaultDb(uniqueDbName(name));
      openDbs.push(db);
      await db.slots.add({ ...slot, createdAt: 0 });
      const repo = createVaultRepository(db, { crypto, now: () => env.clock.now });
      const deps: BackgroundDeps = { ...env.deps, vault: repo };
      await env.session.save(new Uint8Array(dataKey), env.clock.now + 3_600_000);
      const route = createRouter(createHandlers(deps), { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN });
      async function call<K extends MessageType>(type: K, payload: RequestOf<K>, from: object = sender) {
        const reply = route({ type, payload }, from as never);
        if (!reply) throw new Error('router ignored the message');
        return (await reply) as Reply<ResponseOf<K>>;
      }
      async function ok<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
        const reply = await call(type, payload);
        if (!reply.ok) throw new Error(`${type} failed: ${reply.error.code} ${reply.error.message}`);
        return reply.value;
      }
      async function errorCode<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<string> {
        const reply = await call(type, payload);
        if (reply.ok) throw new Error(`${type} unexpectedly succeeded`);
        return reply.error.code;
      }
      return { env, db, repo, call, ok, errorCode };
    },
  };
}
