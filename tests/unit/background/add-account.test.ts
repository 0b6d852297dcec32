// The duplicate rule of addAccount over the real repository (fake-indexeddb): the same secret is a
// duplicate; the same issuer + name with another secret is a clash the user decides (keep both / replace);
// replace is one transaction; import keeps merging and never overwrites.
import { describe, expect, it } from 'vitest';
import type { AddAccountRequest } from '../../../lib/messaging';
import type { OtpAccountData } from '../../../lib/otp/types';
import { snapshotDb } from '../vault/helpers';
import { importRequestFor } from '../backup/import-requests';
import { useRoutedVaults } from './routed-vault';

const PLANTED = 'JBSWY3DPEHPK3PXP'; // the key in a "GitHub:alice" QR shown by some other site
const REAL = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // the key github.com shows later
const github = (secret: string, over: Partial<OtpAccountData> = {}): OtpAccountData => ({
  kind: 'totp',
  issuer: 'GitHub',
  account: 'alice',
  secret,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...over,
});

const vaults = useRoutedVaults('add-account');
async function unlockedVault() {
  const vault = await vaults.unlockedVault();
  const add = (data: OtpAccountData, origin: string, over: Partial<AddAccountRequest> = {}) =>
    vault.call('addAccount', { data, allowedSites: [], enrolledOrigin: origin, ...over });
  const stored = async () => {
    const { accounts, broken } = await vault.repo.list(vaults.dataKey);
    expect(broken).toEqual([]);
    return accounts;
  };
  return { ...vault, add, stored };
}

describe('addAccount: duplicates are the same secret, names only ask', () => {
  it('same secret (any spelling, any names) is a duplicate and writes nothing', async () => {
    const t = await unlockedVault();
    expect(await t.add(github(PLANTED), 'https://evil.example')).toMatchObject({ ok: true });
    const before = await snapshotDb(t.db);
    const spelled = github('jbsw y3dp ehpk 3pxp', { issuer: 'Other', account: 'bob' });
    expect(await t.add(spelled, 'https://github.com')).toMatchObject({
      ok: false,
      error: { code: 'duplicate' },
    });
    expect(await snapshotDb(t.db)).toEqual(before);
  });

  it('same issuer + name with another secret: asks, naming the stored account and both sets of sites', async () => {
    const t = await unlockedVault();
    await t.add(github(PLANTED), 'https://evil.example');
    const [planted] = await t.stored();
    const before = await snapshotDb(t.db);
    const reply = await t.add(github(REAL, { issuer: ' github ', account: 'ALICE' }), 'https://github.com');
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'name-clash',
        clash: {
          existing: {
            id: planted!.id,
            issuer: 'GitHub',
            account: 'alice',
            allowedSites: planted!.allowedSites,
          },
          incomingSites: expect.arrayContaining(['github.com']),
        },
      },
    });
    expect(await snapshotDb(t.db)).toEqual(before);
  });

  it('keep both adds a second account bound to its own site; the first is untouched', async () => {
    const t = await unlockedVault();
    await t.add(github(PLANTED), 'https://evil.example');
    const [planted] = await t.stored();
    const reply = await t.add(github(REAL), 'https://github.com', { onNameClash: 'keep-both' });
    expect(reply).toMatchObject({ ok: true, value: { replaced: false } });
    const accounts = await t.stored();
    expect(accounts).toHaveLength(2);
    expect(accounts[0]).toEqual(planted);
    expect(accounts[1]).toMatchObject({ data: { secret: REAL }, enrolledOrigin: 'https://github.com' });
    expect(accounts[1]!.allowedSites).toContain('github.com');
    expect(accounts[1]!.allowedSites).not.toEqual(planted!.allowedSites);
  });

  it('replace leaves exactly one account of that name, with the new secret, sites and origin, in place', async () => {
    const t = await unlockedVault();
    await t.add(github(PLANTED), 'https://evil.example');
    await t.add(github('MFRGGZDFMZTWQ2LK', { issuer: 'Aliyun' }), 'https://account.aliyun.com');
    const [planted] = await t.stored();
    await t.repo.update(vaults.dataKey, planted!.id, { pinned: true });
    t.env.clock.now += 60_000;
    const reply = await t.add(github(REAL), 'https://github.com', {
      onNameClash: 'replace',
      replaceId: planted!.id,
    });
    expect(reply).toEqual({ ok: true, value: { id: planted!.id, replaced: true } });
    const accounts = await t.stored();
    expect(accounts).toHaveLength(2);
    const named = accounts.filter((a) => a.data.issuer === 'GitHub');
    expect(named).toHaveLength(1);
    expect(named[0]).toMatchObject({
      id: planted!.id,
      order: planted!.order,
      pinned: true,
      data: { secret: REAL },
      enrolledOrigin: 'https://github.com',
      createdAt: t.env.clock.now,
    });
    expect(named[0]!.allowedSites).toContain('github.com');
    expect(JSON.stringify(accounts)).not.toContain(PLANTED);
  });

  it('replace refuses an id that is gone or no longer has this name, and writes nothing', async () => {
    const t = await unlockedVault();
    await t.add(github(PLANTED), 'https://evil.example');
    await t.add(github('MFRGGZDFMZTWQ2LK', { issuer: 'Aliyun' }), 'https://account.aliyun.com');
    const [, aliyun] = await t.stored();
    const before = await snapshotDb(t.db);
    for (const replaceId of ['no-such-id', aliyun!.id]) {
      expect(
        await t.add(github(REAL), 'https://github.com', { onNameClash: 'replace', replaceId }),
      ).toMatchObject({ ok: false, error: { code: 'replace-mismatch' } });
    }
    expect(await snapshotDb(t.db)).toEqual(before);
  });

  it('replace is one transaction: a failure while writing leaves the old account as it was', async () => {
    const t = await unlockedVault();
    await t.add(github(PLANTED), 'https://evil.example');
    const [planted] = await t.stored();
    const before = await snapshotDb(t.db);
    // why: the record index tag is written after the record in the same transaction; failing it must undo both.
    const put = t.db.meta.put.bind(t.db.meta);
    t.db.meta.put = (() => Promise.reject(new Error('disk full'))) as unknown as typeof t.db.meta.put;
    const reply = await t.add(github(REAL), 'https://github.com', {
      onNameClash: 'replace',
      replaceId: planted!.id,
    });
    t.db.meta.put = put;
    expect(reply.ok).toBe(false);
    expect(await snapshotDb(t.db)).toEqual(before);
    expect(await t.stored()).toEqual([planted]);
  });
});

describe('import keeps merging', () => {
  it('same secret is skipped, same name with another secret is added beside, nothing is overwritten', async () => {
    const t = await unlockedVault();
    await t.add(github(PLANTED), 'https://evil.example');
    const [planted] = await t.stored();
    const text = [
      `otpauth://totp/GitHub:alice?secret=${REAL}&issuer=GitHub`,
      `otpauth://totp/Renamed:x?secret=${PLANTED}&issuer=Renamed`,
    ].join('\n');
    const request = await importRequestFor(text);
    const preview = await t.call('previewImport', request);
    expect(preview).toMatchObject({
      ok: true,
      value: { add: [{ issuer: 'GitHub', account: 'alice' }], duplicates: [{ reason: 'same-secret' }] },
    });
    expect(await t.call('commitImport', request)).toMatchObject({
      ok: true,
      value: { added: 1, duplicates: 1 },
    });
    const accounts = await t.stored();
    expect(accounts).toHaveLength(2);
    expect(accounts[0]).toEqual(planted);
    expect(accounts[1]?.data.secret).toBe(REAL);
  });
});
