// Exports for leaving (issue 16): the options page's Aegis and 2FAS buttons ask for the master password,
// save a file named as those apps name their exports, and that file re-imports through our own Aegis and
// 2FAS readers with the vault's accounts and codes. How the saved file is read in each browser: see the
// header of steps/options.ts (Chromium: Playwright's download event; Firefox: the Blob behind `<a download>`).
import { readImport } from '../../lib/backup/importers';
import { generateCode } from '../../lib/otp/generate';
import { expect, test } from './harness/fixtures';
import { openOptions, saveFile } from './steps/options';
import { expectedCodes, PASSWORD, seedVault, tid } from './steps/popup';

const ACCOUNTS = [
  'otpauth://totp/Aliyun:alice%401234567890123456?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Aliyun',
  'otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8',
  'otpauth://totp/Steam:gamer?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Steam',
  'otpauth://hotp/HotpCorp:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=HotpCorp&counter=7',
];

test.describe('export to Aegis and 2FAS on the options page', () => {
  for (const [button, format, fileName] of [
    ['export-aegis', 'aegis', /^aegis-export-plain-\d{4}-\d{2}-\d{2}\.json$/],
    ['export-2fas', '2fas', /^2fas-backup-\d{4}-\d{2}-\d{2}\.2fas$/],
  ] as const) {
    test(`${format}: master password again, then a file our ${format} reader imports exactly`, async ({
      ext,
    }) => {
      const popup = await seedVault(
        ext,
        ACCOUNTS.map((uri) => ({ uri })),
      );
      await popup.close();
      const options = await openOptions(ext);

      await options.fill(tid('export-plain-password'), 'not the password');
      await options.click(tid(button));
      await options.waitForSelector(`${tid('export-error')}[data-code="wrong-password"]`);

      await options.fill(tid('export-plain-password'), PASSWORD);
      const file = await saveFile(options, button);
      expect(file.fileName).toMatch(fileName);
      await options.waitForSelector(tid('export-file-saved'));

      const read = await readImport(file.text, { crypto: globalThis.crypto });
      if (!read.ok) throw new Error(`re-import failed: ${read.error.message}`);
      expect(read.format).toBe(format);
      const data = read.accounts.map((a) => a.data);
      expect(data.map((a) => `${a.kind} ${a.issuer}:${a.account}`).sort()).toEqual([
        'hotp HotpCorp:bob',
        'steam Steam:gamer',
        'totp Aliyun:alice@1234567890123456',
        'totp GitHub:octo',
      ]);
      for (const uri of ACCOUNTS.slice(0, 3)) {
        const label = decodeURIComponent(uri.split('?')[0]!.split('/').pop()!);
        const account = data.find((a) => `${a.issuer}:${a.account}` === label)!;
        expect(expectedCodes(uri), label).toContain(generateCode(account, Date.now()));
      }
      expect(data.find((a) => a.kind === 'hotp')?.counter).toBe(7);
    });
  }
});
