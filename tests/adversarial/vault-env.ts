// The real background (router + every handler) over the real vault repository on fake-indexeddb, with the
// browser-only parts faked: what a popup would see, down to the stored bytes, without a browser.
import { createHandlers } from '../../lib/background/handlers';
import { createRouter } from '../../lib/background/router';
import type { MessageType, Reply, RequestOf } from '../../lib/messaging';
import { createVaultRepository } from '../../lib/vault/repository';
import type { VaultRepository } from '../../lib/vault/types';
import { openVaultDb, type VaultDb, type VaultMigration } from '../../lib/vault/schema';
import { fakeDeps } from '../unit/background/fakes';
import { uniqueDbName } from '../unit/vault/helpers';

const EXTENSION_ID = 'adversarialextensionid';
const POPUP = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };

export interface VaultEnv {
  name: string;
  db: VaultDb;
  repo: VaultRepository;
  /** Sends a message as the popup would; resolves with the whole reply. */
  call<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<Reply<unknown>>;
  /** Like call, but throws unless the reply is ok; returns its value. */
  ok<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<never>;
  /** Closes the database and opens it again (what a new worker does after termination). */
  reopen(): Promise<VaultEnv>;
}

export async function vaultEnv(
  name = uniqueDbName('adversarial'),
  migrations?: readonly VaultMigration[],
): Promise<VaultEnv> {
  const db = await openVaultDb(name, migrations ? { migrations } : {});
  const repo = createVaultRepository(db, { crypto: globalThis.crypto, now: Date.now });
  const fakes = fakeDeps();
  const deps = { ...fakes.deps, vault: repo };
  const route = createRouter(createHandlers(deps), {
    extensionId: EXTENSION_ID,
    extensionOrigin: `chrome-extension://${EXTENSION_ID}`,
  });
  const call = async <K extends MessageType>(type: K, payload: RequestOf<K>) => {
    const reply = route({ type, payload }, POPUP as never);
    if (!reply) throw new Error(`router ignored ${type}`);
    return reply;
  };
  return {
    name,
    db,
    repo,
    call,
    async ok(type, payload) {
      const reply = await call(type, payload);
      if (!reply.ok) throw new Error(`${type} failed: ${reply.error.code} ${reply.error.message}`);
      return reply.value as never;
    },
    async reopen() {
      db.close();
      return vaultEnv(name, migrations);
    },
  };
}
