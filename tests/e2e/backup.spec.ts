// Backup and restore through the options page, in real Chromium and real Firefox.
//
// How the downloaded file is read: see tests/e2e/steps/options.ts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page as PlaywrightPage } from '@playwright/test';
import type { E2ePage } from './harness/browsers';
import { expect, test } from './harness/fixtures';
import { openOptions, saveFile } from './steps/options';
import { expectedCodes, PASSWORD, seedVault, sendFromExtensionPage, tid } from './steps/popup';
import { REPO_ROOT } from './harness/browsers';
import { importRequestFor } from '../unit/backup/import-requests';
import { readImportRequest } from '../../lib/backup/import-request';
import { importTextOfBytes } from '../../lib/backup/importers/binary';

const ACCOUNTS = [
  'otpauth://totp/Aliyun:alice%401234567890123456?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Aliyun',
  'otpauth://totp/GitHub:octo-backup?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8',
  'otpauth://totp/%E9%98%BF%E9%87%8C%E4%BA%91:%E5%BC%A0%E4%B8%89?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=%E9%98%BF%E9%87%8C%E4%BA%91&algorithm=SHA512&period=60',
];

interface AccountSummary {
  id: string;
  issuer: string;
  account: string;
  code: string;
}

async function message<T>(page: E2ePage, type: string, payload: unknown): Promise<T> {
  const reply = await sendFromExtensionPage<{ ok: boolean; value: T; error?: unknown }>(page, type, payload);
  if (!reply.ok) throw new Error(`${type} failed: ${JSON.stringify(reply.error)}`);
  return reply.value;
}

async function listAccounts(page: E2ePage): Promise<AccountSummary[]> {
  const { accounts } = await message<{ accounts: AccountSummary[] }>(page, 'listAccounts', {});
  return accounts.map(({ id, issuer, account, code }) => ({ id, issuer, account, code }));
}

async function countOf(page: E2ePage, testId: string): Promise<number> {
  return page.evaluate((selector) => document.querySelectorAll(selector).length, tid(testId));
}

async function previewAndCommit(options: E2ePage, expectedAdd: number): Promise<void> {
  await options.click(tid('import-preview'));
  await options.waitForSelector(tid('import-commit'));
  expect(await countOf(options, 'import-add-row')).toBe(expectedAdd);
  await options.click(tid('import-commit'));
  await options.waitForSelector(`${tid('import-done')}[data-added="${expectedAdd}"]`);
}

/** The accounts, by issuer and name, with codes that the original URIs generate right now. */
async function expectOriginalAccounts(page: E2ePage): Promise<void> {
  const accounts = await listAccounts(page);
  expect(accounts.map((a) => `${a.issuer}|${a.account}`).sort()).toEqual(
    ['Aliyun|alice@1234567890123456', 'GitHub|octo-backup', '阿里云|张三'].sort(),
  );
  for (const uri of ACCOUNTS) {
    const label = decodeURIComponent(uri.split('?')[0]?.split('/').pop() ?? '');
    const restored = accounts.find((a) => `${a.issuer}:${a.account}` === label);
    expect(restored, label).toBeDefined();
    expect(expectedCodes(uri), label).toContain(restored?.code);
  }
}

async function deleteAll(page: E2ePage): Promise<void> {
  for (const { id } of await listAccounts(page)) await message(page, 'deleteAccount', { id });
  expect(await listAccounts(page)).toEqual([]);
}

test.describe('backup and restore on the options page', () => {
  test('download a verified backup → delete everything → restore it → restoring again adds nothing', async ({
    ext,
  }) => {
    test.setTimeout(120_000);
    const popup = await seedVault(
      ext,
      ACCOUNTS.map((uri) => ({ uri })),
    );
    await popup.close();
    const options = await openOptions(ext);

    // Backup: master password typed again; the file is verified by the background before it is handed out.
    await options.fill(tid('backup-password'), PASSWORD);
    const file = await saveFile(options, 'backup-download');
    await options.waitForSelector(`${tid('backup-done')}[data-count="3"]`);
    expect(file.fileName).toMatch(/^mfa-authenticator-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const backup = JSON.parse(file.text) as {
      format: string;
      version: number;
      count: number;
      ciphertext: string;
    };
    expect([backup.format, backup.version, backup.count]).toEqual(['mfa-authenticator-backup', 1, 3]);
    expect(file.text).not.toContain('GEZDGNBVGY3TQOJQ');
    expect(file.text).not.toContain('alice');
    const lastBackup = await options.evaluate(
      (selector) => document.querySelector(selector)?.getAttribute('data-last-backup') ?? '',
      tid('backup-last'),
    );
    expect(Number(lastBackup)).toBeGreaterThan(0);

    await deleteAll(options);

    // A wrong file password changes nothing.
    await options.fill(tid('import-text'), file.text);
    await options.fill(tid('import-password'), 'not the password');
    await options.click(tid('import-preview'));
    await options.waitForSelector(`${tid('import-error')}[data-code="wrong-password"]`);
    expect(await countOf(options, 'import-commit')).toBe(0);
    expect(await listAccounts(options)).toEqual([]);

    // Restore by pasting the file's text.
    await options.fill(tid('import-password'), PASSWORD);
    await previewAndCommit(options, 3);
    await expectOriginalAccounts(options);

    if (options.kind === 'chromium') {
      // And through the file input.
      await deleteAll(options);
      await (options.raw as PlaywrightPage).setInputFiles(tid('import-file'), {
        name: file.fileName,
        mimeType: 'application/json',
        buffer: Buffer.from(file.text, 'utf8'),
      });
      await options.waitForSelector(tid('import-file-name'));
      await options.fill(tid('import-password'), PASSWORD);
      await previewAndCommit(options, 3);
      await expectOriginalAccounts(options);
    }

    // The same backup again: everything is a duplicate, nothing to commit.
    await options.fill(tid('import-text'), file.text);
    await options.fill(tid('import-password'), PASSWORD);
    await options.click(tid('import-preview'));
    await options.waitForSelector(tid('import-commit'));
    expect(await countOf(options, 'import-add-row')).toBe(0);
    expect(await countOf(options, 'import-dup-row')).toBe(3);
    expect(
      await options.evaluate(
        (selector) => (document.querySelector(selector) as HTMLButtonElement | null)?.disabled,
        tid('import-commit'),
      ),
    ).toBe(true);
    // The background plans again at commit time whatever the page previewed.
    const request = await importRequestFor(file.text, PASSWORD);
    const again = await message<{ added: number; duplicates: number }>(options, 'commitImport', request);
    expect([again.added, again.duplicates]).toEqual([0, 3]);
    await expectOriginalAccounts(options);
  });

  test('every import fixture reads in the options page as it does in Node, and commits', async ({ ext }) => {
    test.setTimeout(180_000);
    const popup = await seedVault(ext, []);
    await popup.close();
    const options = await openOptions(ext);
    // Whatever passwords the fixtures use: the unit tests' constants (new formats bring their own).
    const helpers = readFileSync(path.join(REPO_ROOT, 'tests/unit/backup/helpers.ts'), 'utf8');
    const passwords = [...helpers.matchAll(/export const \w+_PASSWORD = '([^']+)'/g)].map((m) => m[1]!);
    expect(passwords.length).toBeGreaterThan(2);
    const folder = path.join(REPO_ROOT, 'tests/fixtures/backup');
    const names = readdirSync(folder).filter((name) => !name.endsWith('.mjs'));
    expect(names.length).toBeGreaterThan(10);
    let total = 0;
    let read = 0;
    for (const name of names) {
      const bytes = readFileSync(path.join(folder, name));
      // Binary exports (andOTP, Authenticator Pro) reach the readers as the page reads the file.
      const text = importTextOfBytes(bytes);
      // The reference: the same readers in Node, with the first password that opens the file.
      let password = '';
      let expected = await readImportRequest(text, { crypto: globalThis.crypto });
      for (const candidate of passwords) {
        if (expected.ok || expected.error.code !== 'password-required') break;
        const read = await readImportRequest(text, { password: candidate, crypto: globalThis.crypto });
        if (read.ok) [expected, password] = [read, candidate];
      }
      if (options.kind === 'chromium') {
        await (options.raw as PlaywrightPage).setInputFiles(tid('import-file'), {
          name,
          mimeType: 'application/octet-stream',
          buffer: bytes,
        });
        await options.waitForSelector(tid('import-file-name'));
      } else {
        await options.fill(tid('import-text'), text);
      }
      await options.fill(tid('import-password'), password);
      await options.click(tid('import-preview'));
      if (!expected.ok) {
        await options.waitForSelector(`${tid('import-error')}[data-code="${expected.error.code}"]`);
        expect(await countOf(options, 'import-commit'), name).toBe(0);
        continue;
      }
      await options.waitForSelector(tid('import-commit'));
      read++;
      const rows = (await countOf(options, 'import-add-row')) + (await countOf(options, 'import-dup-row'));
      expect(rows, name).toBe(expected.request.accounts.length);
      const adds = await countOf(options, 'import-add-row');
      if (adds > 0) {
        await options.click(tid('import-commit'));
        await options.waitForSelector(`${tid('import-done')}[data-added="${adds}"]`);
        total += adds;
      } else {
        await options.click(tid('import-cancel'));
      }
      expect((await listAccounts(options)).length, name).toBe(total);
    }
    // Most fixtures hold the same few accounts, so later files are mostly duplicates.
    expect(read).toBeGreaterThan(10);
    expect(total).toBeGreaterThan(4);
  });

  test('exports and "show as QR" ask for the master password and render QR images', async ({ ext }) => {
    const popup = await seedVault(
      ext,
      ACCOUNTS.map((uri) => ({ uri })),
    );
    await popup.close();
    const options = await openOptions(ext);

    // Google Authenticator transfer codes: 2 accounts fit; the 60 s period account is listed as skipped.
    await options.fill(tid('export-plain-password'), PASSWORD);
    await options.click(tid('export-migration'));
    await options.waitForSelector(tid('export-migration-qr'));
    expect(await countOf(options, 'export-migration-qr')).toBe(1);
    expect(await countOf(options, 'export-skipped-row')).toBe(1);
    const loaded = await options.evaluate((selector) => {
      const image = document.querySelector<HTMLImageElement>(selector);
      return image
        ? image.complete && image.naturalWidth > 0 && image.src.startsWith('data:image/svg+xml')
        : false;
    }, tid('export-migration-qr'));
    expect(loaded).toBe(true);

    // The otpauth list, after the password again.
    await options.fill(tid('export-plain-password'), PASSWORD);
    await options.click(tid('export-plain-otpauth'));
    await options.waitForSelector(tid('export-plain-text'));
    const text = await options.evaluate(
      (selector) => (document.querySelector(selector) as HTMLTextAreaElement | null)?.value ?? '',
      tid('export-plain-text'),
    );
    expect(text.trim().split('\n')).toHaveLength(3);
    expect(text).toContain('secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');

    // One account as QR; a wrong password shows none.
    await options.waitForSelector(`${tid('account-qr-select')} option`, { state: 'attached' });
    await options.fill(tid('account-qr-password'), 'not the password');
    await options.click(tid('account-qr-show'));
    await options.waitForSelector(`${tid('account-qr-error')}[data-code="wrong-password"]`);
    expect(await countOf(options, 'account-qr-image')).toBe(0);
    await options.fill(tid('account-qr-password'), PASSWORD);
    await options.click(tid('account-qr-show'));
    await options.waitForSelector(tid('account-qr-image'));
    await options.waitForSelector(tid('account-qr-warning'));
  });
});
