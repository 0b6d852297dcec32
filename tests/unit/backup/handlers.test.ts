import { describe, expect, it } from 'vitest';
import type { RequestOf } from '../../../lib/messaging';
import type { VaultRepository } from '../../../lib/vault/types';
import { parseOtpauthUri } from '../../../lib/otp/uri';
import { PASSWORD, snapshotDb } from '../vault/helpers';
import {
  AEGIS_PASSWORD,
  BACKUP_PASSWORD,
  FIXTURE_ACCOUNTS,
  TWOFAS_PASSWORD,
  fixture,
  inEnglish,
  mixedAccounts,
} from './helpers';
import { importRequestFor, readErrorCode } from './import-requests';
import { EXT_ID, useRoutedVaults } from '../background/routed-vault';

const BACKUP_MESSAGES = [
  'exportBackup',
  'previewImport',
  'commitImport',
  'exportPlain',
  'accountUri',
  'backupStatus',
] as const;

const vaults = useRoutedVaults('backup-handlers');
const unlockedVault = () => vaults.unlockedVault();

/** What a restore must reproduce exactly: everything but ids and timestamps, in list order. */
async function contentOf(repo: VaultRepository) {
  const { accounts, broken } = await repo.list(vaults.dataKey);
  expect(broken).toEqual([]);
  return JSON.stringify(
    accounts.map((a) => ({
      data: a.data,
      sites: a.allowedSites,
      origin: a.enrolledOrigin,
      pinned: a.pinned,
    })),
  );
}

async function fill(repo: VaultRepository, count = 30) {
  await repo.addMany(
    vaults.dataKey,
    mixedAccounts(count).map((data, i) => ({
      data,
      allowedSites: i % 3 === 0 ? [`s${i}.example.com`, 'example.org'] : [],
      enrolledOrigin: i % 5 === 0 ? `https://s${i}.example.com` : '',
      pinned: i % 4 === 0,
    })),
  );
  // why: a reordered vault proves the backup keeps the user's order, not the insertion order.
  const { accounts } = await repo.list(vaults.dataKey);
  await repo.reorder(accounts.map((a) => a.id).reverse());
}

describe('backup and restore round trip', () => {
  it('30 mixed accounts → backup → wipe → restore gives the same accounts; restoring again adds nothing', async () => {
    const source = await unlockedVault();
    await fill(source.repo);
    const original = await contentOf(source.repo);

    const backup = await source.ok('exportBackup', { password: PASSWORD });
    expect(backup).toMatchObject({ count: 30, unreadable: 0, fileName: expect.stringMatching(/\.json$/) });
    for (const { data } of (await source.repo.list(vaults.dataKey)).accounts)
      expect(backup.json).not.toContain(data.secret);

    const target = await unlockedVault(); // a wiped, freshly installed vault
    const request = await importRequestFor(backup.json, PASSWORD);
    const preview = await target.ok('previewImport', request);
    expect(preview.format).toBe('mfa-backup');
    expect(preview.add).toHaveLength(30);
    expect(JSON.stringify(preview)).not.toContain(mixedAccounts(1)[0]!.secret);
    expect(await target.ok('commitImport', request)).toEqual({
      added: 30,
      duplicates: 0,
      invalid: 0,
    });
    expect(await contentOf(target.repo)).toBe(original);

    const before = await snapshotDb(target.db);
    expect(await target.ok('commitImport', request)).toMatchObject({
      added: 0,
      duplicates: 30,
    });
    expect(await snapshotDb(target.db)).toEqual(before);
  });

  it('restores into a vault that already has accounts by merging, never overwriting', async () => {
    const text = fixture('mfa-backup-v1.json'); // GitHub (pinned), HotpCorp, 阿里云 — written by the generator
    const t = await unlockedVault();
    await t.repo.add(vaults.dataKey, {
      data: { ...FIXTURE_ACCOUNTS.github, account: 'renamed here' },
      allowedSites: ['mine.example'],
      enrolledOrigin: '',
    });
    const request = await importRequestFor(text, BACKUP_PASSWORD);
    const preview = await t.ok('previewImport', request);
    expect(preview.duplicates).toEqual([
      expect.objectContaining({
        reason: 'same-secret',
        existing: expect.objectContaining({ account: 'renamed here' }),
      }),
    ]);
    expect(preview.add.map((a) => a.issuer)).toEqual(['HotpCorp', '阿里云']);
    await t.ok('commitImport', request);
    const { accounts } = await t.repo.list(vaults.dataKey);
    expect(accounts.map((a) => [a.data.issuer, a.data.account, a.allowedSites, a.pinned])).toEqual([
      ['GitHub', 'renamed here', ['mine.example'], false],
      ['HotpCorp', 'bob', [], false],
      ['阿里云', 'ユーザー@例え.jp', ['aliyun.com', 'alibabacloud.com'], false],
    ]);
    expect(accounts[1]?.data.counter).toBe(10300);
  });

  it('encrypts under a separate backup password when one is given, and checks its strength', async () => {
    const t = await unlockedVault();
    await fill(t.repo, 2);
    expect(await t.errorCode('exportBackup', { password: PASSWORD, backupPassword: 'short' })).toBe(
      'weak-password',
    );
    const backup = await t.ok('exportBackup', {
      password: PASSWORD,
      backupPassword: 'another good password',
    });
    expect(
      await t.ok('previewImport', await importRequestFor(backup.json, 'another good password')),
    ).toMatchObject({
      duplicates: [expect.anything(), expect.anything()],
    });
  });

  it('refuses to export without the right master password, and records nothing', async () => {
    const t = await unlockedVault();
    await fill(t.repo, 2);
    expect(await t.errorCode('exportBackup', { password: 'not my password' })).toBe('wrong-password');
    expect(await t.repo.lastBackupAt()).toBeNull();
  });
});

describe('imports from other apps through the handlers', () => {
  it('previews, then commits all-or-nothing; the issuer name alone grants no site', async () => {
    const t = await unlockedVault();
    const request = await importRequestFor(fixture('aegis-plain.json'));
    const preview = await t.ok('previewImport', request);
    expect(preview).toMatchObject({
      format: 'aegis',
      duplicates: [],
      invalid: [{ at: { kind: 'entry', n: 6, name: 'Yandex' }, code: 'unsupported-type', detail: 'yandex' }],
    });
    expect(preview.add.map((a) => [a.issuer, a.kind])).toEqual([
      ['GitHub', 'totp'],
      ['Aliyun', 'totp'],
      ['HotpCorp', 'hotp'],
      ['Steam', 'steam'],
      ['阿里云', 'totp'],
    ]);
    expect(await t.ok('commitImport', request)).toEqual({ added: 5, duplicates: 0, invalid: 1 });
    const { accounts } = await t.repo.list(vaults.dataKey);
    expect(accounts.find((a) => a.data.issuer === 'Aliyun')?.allowedSites).toEqual([]);
    expect(await t.ok('commitImport', request)).toEqual({ added: 0, duplicates: 5, invalid: 1 });
  });

  it('asks for the password of an encrypted file', async () => {
    const t = await unlockedVault();
    expect(await readErrorCode(fixture('2fas-encrypted.2fas'))).toBe('password-required');
    expect(
      await t.ok('commitImport', await importRequestFor(fixture('2fas-encrypted.2fas'), TWOFAS_PASSWORD)),
    ).toMatchObject({ added: 5 });
  });
});

describe('bad input changes nothing', () => {
  it.each<[string, () => string, string | undefined, string]>([
    ['a corrupt encrypted Aegis vault', () => corruptAegis(), AEGIS_PASSWORD, 'corrupt'],
    ['a wrong 2FAS password', () => fixture('2fas-encrypted.2fas'), 'nope', 'wrong-password'],
    ['a wrong backup password', () => fixture('mfa-backup-v1.json'), 'nope', 'wrong-password'],
    ['a truncated backup', () => fixture('mfa-backup-v1.json').slice(0, 300), 'x', 'corrupt'],
    ['a hostile Aegis slot (scrypt N=2^30)', () => hostileAegis(), AEGIS_PASSWORD, 'corrupt'],
    ['an unknown format', () => 'PK\u0003\u0004 binary zip-like data', undefined, 'wrong-format'],
    ['a 50 MB file', () => 'x'.repeat(50 * 1024 * 1024), undefined, 'too-large'],
  ])('%s', async (_what, text, password, code) => {
    const t = await unlockedVault();
    await fill(t.repo, 3);
    const before = await snapshotDb(t.db);
    // The options page reads the file; a failure there sends nothing to the background.
    expect(await readErrorCode(text(), password)).toBe(code);
    expect(await snapshotDb(t.db)).toEqual(before);
  });
});

describe('the accounts sent by the options page are checked again as untrusted input', () => {
  const good = FIXTURE_ACCOUNTS.github;

  it('refuses a malformed request as a whole and changes nothing', async () => {
    const t = await unlockedVault();
    await fill(t.repo, 3);
    const before = await snapshotDb(t.db);
    const bad: unknown[] = [
      { text: 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP' }, // the old protocol: files are not read here
      { format: 'aegis', accounts: 'x', invalid: [] },
      { format: 'AEGIS; drop', accounts: [], invalid: [] },
      { format: 'aegis', accounts: [], invalid: [{ where: 'line 1', reason: 'free text, no code' }] },
      { format: 'aegis', accounts: [], invalid: [{ at: { kind: 'line', n: 1 }, code: 'made-up' }] },
      { format: 'aegis', accounts: [], invalid: [{ at: { kind: 'page', n: 1 }, code: 'secret-missing' }] },
      { format: 'aegis', accounts: [], invalid: [{ at: { kind: 'line', n: '1' }, code: 'secret-missing' }] },
      {
        format: 'aegis',
        accounts: [],
        invalid: [{ at: { kind: 'rest' }, code: 'more-unreported', count: -1 }],
      },
      { format: 'aegis', accounts: [], invalid: [{ at: { kind: 'rest' }, code: 'qr-missing', detail: 3 }] },
      {
        format: 'aegis',
        accounts: [],
        invalid: Array(1_001).fill({ at: { kind: 'line', n: 1 }, code: 'secret-missing' }),
      },
    ];
    for (const payload of bad) {
      expect(await t.errorCode('previewImport', payload as never), JSON.stringify(payload)).toBe(
        'invalid-request',
      );
      expect(await t.errorCode('commitImport', payload as never)).toBe('invalid-request');
    }
    const many = { format: 'aegis', accounts: Array(10_001).fill({ data: good }), invalid: [] };
    expect(await t.errorCode('commitImport', many as never)).toBe('too-large');
    expect(await snapshotDb(t.db)).toEqual(before);
  });

  it('validates every account as enrollment does: bad ones are reported, not added; labels are capped', async () => {
    const t = await unlockedVault();
    const accounts = [
      { data: { ...good, secret: 'not base32 !!!' } },
      { data: { ...good, secret: 'MFRGGZDF', digits: 99 } },
      { data: { ...good, secret: 'MFRGGZDFMZTWQ', period: 0 } },
      { data: { ...good, secret: 'MFRGGZDFMZTWQ2LK', algorithm: 'MD5' } },
      { data: { ...good, issuer: '', account: '' } },
      'not a record',
      { data: { ...good, issuer: 'x'.repeat(10_000), extra: 'dropped' } },
    ];
    const skipped = {
      at: { kind: 'entry', n: 9, name: 'n'.repeat(5_000) },
      code: 'unsupported-type',
      detail: `\u202E${'r'.repeat(5_000)}`,
      extra: '<b>dropped</b>',
    };
    const request = { format: 'aegis', accounts, invalid: [skipped] };
    const preview = await t.ok('previewImport', request as never);
    expect(preview.add).toHaveLength(1);
    expect(preview.invalid.map((entry) => inEnglish(entry).where.replace(/ \(n+\)$/, ''))).toEqual([
      'entry 9',
      'account 1',
      'account 2',
      'account 3',
      'account 4',
      'account 5',
      'account 6',
    ]);
    expect(preview.invalid[0]?.detail).toBe('r'.repeat(100));
    expect(preview.invalid[0]?.at).toEqual({ kind: 'entry', n: 9, name: 'n'.repeat(100) });
    expect(preview.invalid[0]).not.toHaveProperty('extra');
    expect(preview.invalid.map((entry) => entry.code)).toEqual([
      'unsupported-type',
      'secret-not-base32',
      'digits-out-of-range',
      'period-out-of-range',
      'unsupported-algorithm',
      'label-missing',
      'not-an-entry',
    ]);
    expect(await t.ok('commitImport', request as never)).toEqual({ added: 1, duplicates: 0, invalid: 7 });
    const [stored] = (await t.repo.list(vaults.dataKey)).accounts;
    expect(stored?.data).toEqual({ ...good, issuer: 'x'.repeat(stored!.data.issuer.length) });
    expect(stored!.data.issuer.length).toBeLessThan(1_000);
  });

  it('takes sites and pin state only from a backup of this extension', async () => {
    const t = await unlockedVault();
    const bound = {
      data: good,
      allowedSites: ['github.com'],
      enrolledOrigin: 'https://github.com',
      pinned: true,
    };
    expect(await t.ok('commitImport', { format: 'aegis', accounts: [bound], invalid: [] } as never)).toEqual({
      added: 0,
      duplicates: 0,
      invalid: 1,
    });
    const tooMany = { ...bound, allowedSites: Array.from({ length: 65 }, (_, i) => `s${i}.example`) };
    expect(
      await t.ok('commitImport', { format: 'mfa-backup', accounts: [tooMany, bound], invalid: [] } as never),
    ).toEqual({ added: 1, duplicates: 0, invalid: 1 });
    const [stored] = (await t.repo.list(vaults.dataKey)).accounts;
    expect([stored?.allowedSites, stored?.enrolledOrigin, stored?.pinned]).toEqual([
      ['github.com'],
      'https://github.com',
      true,
    ]);
  });
});

describe('plain exports and show-as-QR need the master password again', () => {
  it('exports otpauth links and Google migration QR codes, and one account as a URI', async () => {
    const t = await unlockedVault();
    await fill(t.repo, 12);
    expect(await t.errorCode('exportPlain', { password: 'wrong', kind: 'otpauth' })).toBe('wrong-password');
    const plain = await t.ok('exportPlain', { password: PASSWORD, kind: 'otpauth' });
    expect(plain.kind === 'otpauth' && plain.count).toBe(12);
    const migration = await t.ok('exportPlain', { password: PASSWORD, kind: 'migration' });
    expect(migration.kind === 'migration' && migration.skipped.map((s) => s.reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(/Steam/)]),
    );
    const [account] = (await t.repo.list(vaults.dataKey)).accounts;
    expect(await t.errorCode('accountUri', { id: account!.id, password: 'wrong' })).toBe('wrong-password');
    const { uri } = await t.ok('accountUri', { id: account!.id, password: PASSWORD });
    expect(parseOtpauthUri(uri)).toEqual({ ok: true, account: account!.data });
    expect(await t.errorCode('accountUri', { id: 'gone', password: PASSWORD })).toBe('account-not-found');
  });
});

describe('backupStatus', () => {
  it('counts accounts added since the last verified backup', async () => {
    const t = await unlockedVault();
    expect(await t.ok('backupStatus', {})).toEqual({
      lastBackupAt: null,
      accountsSinceBackup: 0,
      accountCount: 0,
    });
    await fill(t.repo, 2);
    expect(await t.ok('backupStatus', {})).toEqual({
      lastBackupAt: null,
      accountsSinceBackup: 2,
      accountCount: 2,
    });
    await t.ok('exportBackup', { password: PASSWORD });
    const backedUpAt = t.env.clock.now;
    expect(await t.ok('backupStatus', {})).toEqual({
      lastBackupAt: backedUpAt,
      accountsSinceBackup: 0,
      accountCount: 2,
    });
    t.env.clock.now += 60_000;
    await t.repo.add(vaults.dataKey, { data: mixedAccounts(3)[2]!, allowedSites: [], enrolledOrigin: '' });
    expect(await t.ok('backupStatus', {})).toMatchObject({ accountsSinceBackup: 1, accountCount: 3 });
  });
});

describe('access', () => {
  it('every backup message is registered, needs an unlocked vault, and is refused from web pages', async () => {
    const t = await unlockedVault();
    await t.env.session.clear();
    const payloads: { [K in (typeof BACKUP_MESSAGES)[number]]: RequestOf<K> } = {
      exportBackup: { password: PASSWORD },
      previewImport: { format: 'otpauth-text', accounts: [], invalid: [] },
      commitImport: { format: 'otpauth-text', accounts: [], invalid: [] },
      exportPlain: { password: PASSWORD, kind: 'otpauth' },
      accountUri: { id: 'x', password: PASSWORD },
      backupStatus: {},
    };
    const page = {
      id: EXT_ID,
      url: 'https://evil.example/',
      origin: 'https://evil.example',
      tab: { id: 1 },
      frameId: 0,
    };
    for (const type of BACKUP_MESSAGES) {
      expect(await t.errorCode(type, payloads[type] as never)).toBe('locked');
      expect(await t.call(type, payloads[type] as never, page)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
  });
});

function corruptAegis(): string {
  const value = JSON.parse(fixture('aegis-encrypted.json')) as { db: string };
  const bytes = Buffer.from(value.db, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return JSON.stringify({ ...value, db: bytes.toString('base64') });
}

function hostileAegis(): string {
  const value = JSON.parse(fixture('aegis-encrypted.json')) as {
    header: { slots: Record<string, unknown>[] };
  };
  for (const s of value.header.slots) s.n = 2 ** 30;
  return JSON.stringify(value);
}
