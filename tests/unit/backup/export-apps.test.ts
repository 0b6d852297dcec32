/**
 * Exports "so users can leave" (issue 16): an unencrypted Aegis vault and an unencrypted 2FAS backup,
 * in those apps' own field names and versions, that our own Aegis and 2FAS readers import back exactly.
 */
import { describe, expect, it } from 'vitest';
import { exportAegisJson, exportTwofasJson, TWOFAS_SCHEMA_VERSION } from '../../../lib/backup/export';
import { readImport } from '../../../lib/backup/importers';
import type { OtpAccountData } from '../../../lib/otp/types';
import { PASSWORD, snapshotDb } from '../vault/helpers';
import { FIXTURE_ACCOUNTS, mixedAccounts } from './helpers';
import { OPTIONS_SENDER, useRoutedVaults } from '../background/routed-vault';

const crypto = globalThis.crypto;
const ACCOUNTS: OtpAccountData[] = [
  ...Object.values(FIXTURE_ACCOUNTS),
  ...mixedAccounts(30),
  // names that are easy to lose: no issuer, no account, colons in both
  { ...FIXTURE_ACCOUNTS.github, issuer: '', account: 'bob', secret: 'JBSWY3DPEHPK3PXQ' },
  { ...FIXTURE_ACCOUNTS.github, issuer: 'Acme', account: '', secret: 'JBSWY3DPEHPK3PXR' },
  { ...FIXTURE_ACCOUNTS.github, issuer: 'A:B', account: 'x:y', secret: 'JBSWY3DPEHPK3PXS' },
];

async function reimport(text: string) {
  const result = await readImport(text, { crypto });
  if (!result.ok) throw new Error(`import failed: ${result.error.code} ${result.error.message}`);
  return { format: result.format, data: result.accounts.map((a) => a.data), invalid: result.invalid };
}

let uuids = 0;
const fakeUuid = () => `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}`;

describe('Aegis plain export', () => {
  it('re-imports through our Aegis reader exactly (TOTP, HOTP, Steam, every algorithm, unicode)', async () => {
    const { format, data, invalid } = await reimport(exportAegisJson(ACCOUNTS, fakeUuid));
    expect(format).toBe('aegis');
    expect(data).toEqual(ACCOUNTS);
    expect(invalid).toEqual([]);
  });

  it("uses Aegis' vault layout: version 1, null slots and params, content version 3, fields per type", () => {
    const vault = JSON.parse(exportAegisJson(ACCOUNTS.slice(0, 4), () => crypto.randomUUID())) as {
      version: number;
      header: unknown;
      db: { version: number; groups: unknown[]; entries: Record<string, unknown>[] };
    };
    expect(vault.version).toBe(1);
    expect(vault.header).toEqual({ slots: null, params: null });
    expect(vault.db.version).toBe(3);
    expect(vault.db.groups).toEqual([]);
    const [github, aliyun, hotp, steam] = vault.db.entries;
    expect(github).toEqual({
      type: 'totp',
      uuid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      name: 'alice@example.com',
      issuer: 'GitHub',
      note: '',
      favorite: false,
      icon: null,
      info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 },
      groups: [],
    });
    expect(aliyun?.info).toEqual({
      secret: FIXTURE_ACCOUNTS.aliyun.secret,
      algo: 'SHA256',
      digits: 8,
      period: 60,
    });
    expect(hotp?.info).toEqual({
      secret: FIXTURE_ACCOUNTS.hotp.secret,
      algo: 'SHA1',
      digits: 6,
      counter: 10300,
    });
    expect(steam).toMatchObject({ type: 'steam', info: { algo: 'SHA1', digits: 5, period: 30 } });
    expect(new Set(vault.db.entries.map((e) => e.uuid)).size).toBe(4);
  });
});

describe('2FAS plain export', () => {
  it('re-imports through our 2FAS reader exactly', async () => {
    const { format, data, invalid } = await reimport(exportTwofasJson(ACCOUNTS, 1_700_000_000_000));
    expect(format).toBe('2fas');
    expect(data).toEqual(ACCOUNTS);
    expect(invalid).toEqual([]);
  });

  it("writes every field of 2FAS' backup model, schema 4, tokenType TOTP/HOTP/STEAM", () => {
    const backup = JSON.parse(exportTwofasJson(ACCOUNTS.slice(0, 4), 1_700_000_000_000)) as Record<
      string,
      unknown
    > & { services: Record<string, unknown>[] };
    expect(Object.keys(backup).sort()).toEqual(
      [
        'appOrigin',
        'appVersionCode',
        'appVersionName',
        'groups',
        'schemaVersion',
        'services',
        'updatedAt',
      ].sort(),
    );
    expect(backup.schemaVersion).toBe(TWOFAS_SCHEMA_VERSION);
    expect(backup.schemaVersion).toBe(4);
    const [github, , hotp, steam] = backup.services;
    expect(github).toEqual({
      name: 'GitHub',
      secret: 'JBSWY3DPEHPK3PXP',
      updatedAt: 1_700_000_000_000,
      serviceTypeID: null,
      otp: {
        link: null,
        label: 'GitHub:alice@example.com',
        account: 'alice@example.com',
        issuer: 'GitHub',
        digits: 6,
        period: 30,
        algorithm: 'SHA1',
        counter: 0,
        tokenType: 'TOTP',
        source: 'Manual',
      },
      order: { position: 0 },
      badge: null,
      icon: null,
      groupId: null,
    });
    expect(hotp?.otp).toMatchObject({ tokenType: 'HOTP', counter: 10300 });
    expect(steam?.otp).toMatchObject({ tokenType: 'STEAM', digits: 5, period: 30 });
  });
});

// --- through the background, with the master password typed again ----------------------------------------
const vaults = useRoutedVaults('export-apps', OPTIONS_SENDER);
const unlockedVault = () => vaults.unlockedVault();

describe('exportPlain for Aegis and 2FAS', () => {
  it.each(['aegis', '2fas'] as const)(
    '%s: refused with a wrong master password (nothing changes), then the whole vault re-imports',
    async (kind) => {
      const t = await unlockedVault();
      await t.repo.addMany(
        vaults.dataKey,
        ACCOUNTS.map((data) => ({ data, allowedSites: [], enrolledOrigin: '', pinned: false })),
      );
      const before = await snapshotDb(t.db);
      const wrong = await t.call('exportPlain', { password: 'wrong', kind });
      expect(wrong.ok ? null : wrong.error.code).toBe('wrong-password');
      expect(await snapshotDb(t.db)).toEqual(before);

      const reply = await t.call('exportPlain', { password: PASSWORD, kind });
      if (!reply.ok || (reply.value.kind !== 'aegis' && reply.value.kind !== '2fas')) {
        throw new Error('export failed');
      }
      expect(reply.value.kind).toBe(kind);
      expect(reply.value.count).toBe(ACCOUNTS.length);
      expect(reply.value.fileName).toMatch(kind === 'aegis' ? /^aegis-.*\.json$/ : /^2fas-.*\.2fas$/);
      const { format, data } = await reimport(reply.value.text);
      expect(format).toBe(kind);
      expect(data).toEqual((await t.repo.list(vaults.dataKey)).accounts.map((a) => a.data));
      expect(data).toHaveLength(ACCOUNTS.length);
    },
  );

  it('an unknown kind is refused before the password is checked', async () => {
    const t = await unlockedVault();
    const reply = await t.call('exportPlain', { password: PASSWORD, kind: 'keepass' as never });
    expect(reply.ok ? null : reply.error.code).toBe('invalid-request');
  });
});
