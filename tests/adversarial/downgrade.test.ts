// An older build meets a vault written by a newer one (the user reinstalled an old version, or a sync
// brought a newer profile back). The background says so ('newer-schema'), refuses every write with
// "please update", and changes not one byte.
import { afterEach, describe, expect, it } from 'vitest';
import { VAULT_MIGRATIONS, type VaultMigration } from '../../lib/vault/schema';
import { snapshotDb, totpData, uniqueDbName } from '../unit/vault/helpers';
import { vaultEnv, type VaultEnv } from './vault-env';

const PASSWORD = 'correct horse battery staple';
// A future build: one more schema version that adds a table and writes its version into meta.
const FUTURE: readonly VaultMigration[] = [
  ...VAULT_MIGRATIONS,
  { version: VAULT_MIGRATIONS.length + 1, stores: { futureThings: 'id' } },
];

const open: VaultEnv[] = [];
afterEach(() => {
  for (const env of open.splice(0)) env.db.close();
});

/** A vault created and used by the future build, then opened by this one. Returns this build's view. */
async function vaultFromTheFuture(): Promise<{ env: VaultEnv; id: string }> {
  const name = uniqueDbName('newer-schema');
  const future = await vaultEnv(name, FUTURE);
  await future.ok('createVault', { password: PASSWORD });
  const { id } = await future.ok('addAccount', {
    data: totpData({ issuer: 'Aliyun', account: 'alice' }),
    allowedSites: [],
    enrolledOrigin: '',
  });
  future.db.close();
  const env = await vaultEnv(name);
  open.push(env);
  return { env, id };
}

describe('a vault written by a newer schema', () => {
  it('is reported as newer-schema by the background', async () => {
    const { env } = await vaultFromTheFuture();
    expect(env.db.schemaState).toBe('newer-schema');
    expect(await env.ok('getVaultState', {})).toEqual({ state: 'newer-schema', lockAt: 0 });
  });

  it('refuses every write with "please update" and changes nothing', async () => {
    const { env, id } = await vaultFromTheFuture();
    const before = await snapshotDb(env.db);
    // Unlocking writes nothing to the database, so it is allowed (the popup can still show codes).
    expect(await env.call('unlockVault', { password: PASSWORD })).toMatchObject({ ok: true });
    const account = { data: totpData({ issuer: 'New', account: 'bob', secret: 'GEZDGNBVGY3TQOJQ' }) };
    // Creating over it is refused too (the vault exists, whatever its version).
    expect(await env.call('createVault', { password: 'another long password' })).toMatchObject({
      ok: false,
      error: { code: 'vault-exists' },
    });
    const writes = [
      env.call('addAccount', { ...account, allowedSites: [], enrolledOrigin: '' }),
      env.call('updateAccount', { id, patch: { issuer: 'Renamed' } }),
      env.call('deleteAccount', { id }),
      env.call('reorderAccounts', { ids: [id] }),
      env.call('nextHotpCode', { id }),
      env.call('changePassword', { oldPassword: PASSWORD, newPassword: 'a brand new password' }),
      env.call('commitImport', {
        format: 'otpauth-text',
        accounts: [{ data: totpData({ issuer: 'Imported', account: 'carol', secret: 'MFRGGZDFMZTWQ2LK' }) }],
        invalid: [],
      }),
    ];
    const replies = await Promise.all(writes);
    for (const reply of replies) {
      expect(reply).toMatchObject({ ok: false, error: { code: 'newer-schema' } });
      expect(reply.ok ? '' : reply.error.message).toMatch(/newer version of the extension\. Please update/);
    }
    expect(await snapshotDb(env.db)).toEqual(before);
  });
});
