// Someone (malware, a sync tool, a disk error) changes the vault's IndexedDB rows behind the extension's
// back. Each change is detected and named; nothing else is damaged; what is intact can still be listed and
// exported. Driven through the real background handlers, as the popup would see it.
import { afterEach, describe, expect, it } from 'vitest';
import { readBackup } from '../../lib/backup/format';
import type { AccountView, BrokenRecord, ExportBackupResult } from '../../lib/messaging';
import { VAULT_INDEX_PROBLEM } from '../../lib/vault/record-index';
import { PASSWORD_SLOT_ID } from '../../lib/vault/schema';
import { flipBit, snapshotDb, totpData } from '../unit/vault/helpers';
import { vaultEnv, type VaultEnv } from './vault-env';

const PASSWORD = 'correct horse battery staple';
const open: VaultEnv[] = [];
afterEach(() => {
  for (const env of open.splice(0)) env.db.close();
});

type Listing = { accounts: AccountView[]; broken: BrokenRecord[] };

/** A vault with three accounts (Aliyun, GitHub, GitLab), unlocked; returns their ids in that order. */
async function threeAccounts(): Promise<{ env: VaultEnv; ids: string[] }> {
  const env = await vaultEnv();
  open.push(env);
  await env.ok('createVault', { password: PASSWORD });
  const ids: string[] = [];
  for (const [issuer, secret] of [
    ['Aliyun', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'],
    ['GitHub', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'],
    ['GitLab', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'],
  ] as const) {
    const { id } = await env.ok('addAccount', {
      data: totpData({ issuer, account: `${issuer.toLowerCase()}-user`, secret }),
      allowedSites: [],
      enrolledOrigin: '',
    });
    ids.push(id);
  }
  return { env, ids };
}

async function list(env: VaultEnv): Promise<Listing> {
  return env.ok('listAccounts', {});
}

/** The intact accounts still export to a backup that decrypts to exactly them. */
async function expectIntactExportable(env: VaultEnv, issuers: string[], unreadable: number): Promise<void> {
  const backup: ExportBackupResult = await env.ok('exportBackup', { password: PASSWORD });
  expect(backup.count).toBe(issuers.length);
  expect(backup.unreadable).toBe(unreadable);
  const restored = await readBackup(backup.json, PASSWORD, globalThis.crypto);
  expect(restored.accounts.map((a) => a.data.issuer)).toEqual(issuers);
}

describe('tampered records', () => {
  it('a flipped byte in one ciphertext: that record is reported, the others list and export', async () => {
    const { env, ids } = await threeAccounts();
    const row = (await env.db.records.get(ids[1]!))!;
    await env.db.records.update(row.id, { ciphertext: flipBit(row.ciphertext, 7, 2) });

    const { accounts, broken } = await list(env);
    expect(accounts.map((a) => a.issuer)).toEqual(['Aliyun', 'GitLab']);
    expect(broken).toEqual([{ id: ids[1], reason: 'authentication failed (damaged, altered or moved)' }]);
    // Kept, not dropped: the damaged row is still stored as it was.
    expect(await env.db.records.get(ids[1]!)).toMatchObject({ id: ids[1] });
    await expectIntactExportable(env, ['Aliyun', 'GitLab'], 1);
  });

  it('a flipped byte in the IV, or a truncated ciphertext: reported with what is wrong', async () => {
    const { env, ids } = await threeAccounts();
    const first = (await env.db.records.get(ids[0]!))!;
    await env.db.records.update(first.id, { iv: flipBit(first.iv, 0) });
    await env.db.records.update(ids[2]!, { ciphertext: 'AAAA' });
    const { accounts, broken } = await list(env);
    expect(accounts.map((a) => a.issuer)).toEqual(['GitHub']);
    expect(broken).toEqual([
      { id: ids[0], reason: 'authentication failed (damaged, altered or moved)' },
      { id: ids[2], reason: 'ciphertext is truncated' },
      // The IV is also in the record index, so the vault as a whole is reported too.
      VAULT_INDEX_PROBLEM,
    ]);
    // The vault-wide index report is not an account: two accounts are unreadable.
    await expectIntactExportable(env, ['GitHub'], 2);
  });

  it("two records' ciphertexts swapped: both are reported (each is bound to its own id), the third is intact", async () => {
    const { env, ids } = await threeAccounts();
    const a = (await env.db.records.get(ids[0]!))!;
    const b = (await env.db.records.get(ids[1]!))!;
    await env.db.records.update(a.id, { iv: b.iv, ciphertext: b.ciphertext });
    await env.db.records.update(b.id, { iv: a.iv, ciphertext: a.ciphertext });
    const { accounts, broken } = await list(env);
    expect(accounts.map((x) => x.issuer)).toEqual(['GitLab']);
    expect(broken.map((x) => x.id)).toEqual([ids[0], ids[1], VAULT_INDEX_PROBLEM.id]);
    expect(broken.slice(0, 2).every((x) => /authentication failed/.test(x.reason))).toBe(true);
    await expectIntactExportable(env, ['GitLab'], 2);
  });

  it('an old copy of a record replayed under another id is reported', async () => {
    const { env, ids } = await threeAccounts();
    const before = (await env.db.records.get(ids[0]!))!;
    await env.ok('deleteAccount', { id: ids[0]! });
    // Bring the deleted account back by pasting its old row over another account's id.
    await env.db.records.update(ids[2]!, { iv: before.iv, ciphertext: before.ciphertext });
    const { accounts, broken } = await list(env);
    expect(accounts.map((x) => x.issuer)).toEqual(['GitHub']);
    expect(broken.map((x) => x.id)).toEqual([ids[2], VAULT_INDEX_PROBLEM.id]);
  });

  it('a record rewritten under an older schema version is reported (the version is authenticated)', async () => {
    const { env, ids } = await threeAccounts();
    await env.db.records.update(ids[0]!, { schemaVersion: 0 });
    const { broken } = await list(env);
    expect(broken.map((x) => x.id)).toEqual([ids[0]]);
  });

  // Records are bound to their id and schema version; the vault-wide record index (an HMAC over every
  // record's id and IV, kept in meta) is what catches an older copy of the *same* record put back in place.
  it('an older copy of the same record put back in place is reported, and every account is kept', async () => {
    const { env, ids } = await threeAccounts();
    const before = (await env.db.records.get(ids[0]!))!;
    await env.ok('updateAccount', { id: ids[0]!, patch: { allowedSites: ['aliyun.com'] } });
    await env.db.records.put(before);
    const rowsBefore = await env.db.records.toArray();
    const { accounts, broken } = await list(env);
    expect(accounts.map((x) => x.issuer)).toEqual(['Aliyun', 'GitHub', 'GitLab']);
    expect(broken).toEqual([VAULT_INDEX_PROBLEM]);
    expect(broken[0]?.reason).toMatch(/changed outside the extension.*older copy.*accounts are kept/);
    // Reporting deleted nothing.
    expect(await env.db.records.toArray()).toEqual(rowsBefore);
  });

  it('a record row deleted directly in IndexedDB is reported', async () => {
    const { env, ids } = await threeAccounts();
    await env.db.records.delete(ids[1]!);
    const { accounts, broken } = await list(env);
    expect(accounts.map((x) => x.issuer)).toEqual(['Aliyun', 'GitLab']);
    expect(broken).toEqual([VAULT_INDEX_PROBLEM]);
  });

  it('the record-index tag deleted: reported (the slot says the vault has one), nothing else changed', async () => {
    const { env } = await threeAccounts();
    await env.db.meta.delete('recordIndexMac');
    const { accounts, broken } = await list(env);
    expect(accounts).toHaveLength(3);
    expect(broken).toEqual([VAULT_INDEX_PROBLEM]);
  });
});

describe('tampered key slot', () => {
  it('iterations lowered below the floor: unlock refuses with a clear message and writes nothing', async () => {
    const { env } = await threeAccounts();
    const slot = (await env.db.slots.get(PASSWORD_SLOT_ID))!;
    await env.db.slots.put({ ...slot, kdf: { ...slot.kdf, iterations: 1000 } });
    await env.ok('lockVault', {});
    const before = await snapshotDb(env.db);
    const reply = await env.call('unlockVault', { password: PASSWORD });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'kdf-below-floor',
        message:
          'Key-derivation parameters are below the minimum and were refused: 1000 iterations (minimum 600000).',
      },
    });
    expect(await snapshotDb(env.db)).toEqual(before);
    expect(await env.ok('getVaultState', {})).toMatchObject({ state: 'locked' });
  });

  it('iterations changed within the allowed range: the authenticated parameters catch it', async () => {
    const { env } = await threeAccounts();
    const slot = (await env.db.slots.get(PASSWORD_SLOT_ID))!;
    await env.db.slots.put({ ...slot, kdf: { ...slot.kdf, iterations: slot.kdf.iterations + 1 } });
    await env.ok('lockVault', {});
    expect(await env.call('unlockVault', { password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'wrong-password', message: 'Wrong password (or the stored key slot was altered).' },
    });
  });

  it('slot deleted: the vault is not mistaken for a new one, unlock says the key slot is missing, accounts kept', async () => {
    const { env } = await threeAccounts();
    await env.ok('lockVault', {});
    await env.db.slots.delete(PASSWORD_SLOT_ID);
    const before = await snapshotDb(env.db);
    // Not "uninitialized": that would invite the user to create a new vault over three unreadable accounts.
    expect(await env.ok('getVaultState', {})).toMatchObject({ state: 'locked' });
    const unlock = await env.call('unlockVault', { password: PASSWORD });
    expect(unlock).toMatchObject({ ok: false, error: { code: 'corrupt-data' } });
    expect(unlock.ok ? '' : unlock.error.message).toMatch(/key slot is missing.*3 accounts/);
    expect(await env.call('createVault', { password: 'another long password' })).toMatchObject({
      ok: false,
      error: { code: 'vault-exists' },
    });
    expect(await snapshotDb(env.db)).toEqual(before);
  });
});
