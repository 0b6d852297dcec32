// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as ScryptModule from '../../../../lib/backup/scrypt';
import { PLAIN_EXPORT_LIFETIME_MS } from '../../../../components/options/ExportSection';
import { MessageError, type ImportPreview } from '../../../../lib/messaging';
import { AEGIS_PASSWORD, BACKUP_PASSWORD, fixture } from '../../backup/helpers';
import { importRequestFor } from '../../backup/import-requests';
import { click, submit, typeInto, waitFor, type Mounted } from '../harness';
import { fakeOptions, mountOptions, payloadsOf } from './options-harness';

// Counts scrypt derivations (encrypted Aegis files) while running the real one.
const derivations = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../../lib/backup/scrypt', async (importOriginal) => {
  const real = await importOriginal<typeof ScryptModule>();
  return {
    ...real,
    scrypt: (...args: Parameters<typeof real.scrypt>) => {
      derivations.count++;
      return real.scrypt(...args);
    },
  };
});

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const byId = <T extends HTMLElement = HTMLElement>(id: string) => mounted?.byTestId<T>(id) ?? null;
const allById = (id: string) => mounted?.allByTestId(id) ?? [];

describe('options page: vault state', () => {
  it('asks for the master password when the vault is locked, then shows the sections', async () => {
    let state: 'locked' | 'unlocked' = 'locked';
    const { services, calls } = fakeOptions({
      getVaultState: () => ({ state, lockAt: 0 }),
      unlockVault: ({ password }) => {
        if (password !== 'right one') throw new MessageError('wrong-password', 'Wrong password.');
        state = 'unlocked';
        return { state };
      },
    });
    mounted = mountOptions(services);
    const input = await waitFor(() => byId<HTMLInputElement>('options-unlock-password'));
    expect(byId('backup-section')).toBeNull();

    await typeInto(input, 'wrong');
    await click(byId('options-unlock-submit'));
    await waitFor(() => byId('options-unlock-error'));
    expect(byId('backup-section')).toBeNull();

    await typeInto(input, 'right one');
    await click(byId('options-unlock-submit'));
    await waitFor(() => byId('backup-section'));
    for (const section of ['import-section', 'export-section', 'account-qr-section']) {
      expect(byId(section), section).not.toBeNull();
    }
    expect(payloadsOf(calls, 'unlockVault')).toEqual([{ password: 'wrong' }, { password: 'right one' }]);
  });

  it('tells the user to create the vault in the popup when there is none', async () => {
    const { services } = fakeOptions({ getVaultState: () => ({ state: 'uninitialized', lockAt: 0 }) });
    mounted = mountOptions(services);
    await waitFor(() => byId('options-uninitialized'));
    expect(byId('backup-section')).toBeNull();
  });

  it('goes back to the unlock form when a request finds the vault locked (auto-lock)', async () => {
    let state: 'locked' | 'unlocked' = 'unlocked';
    const { services } = fakeOptions({
      getVaultState: () => ({ state, lockAt: 0 }),
      exportBackup: () => {
        state = 'locked';
        throw new MessageError('locked', 'The vault is locked.');
      },
    });
    mounted = mountOptions(services);
    await typeInto(await waitFor(() => byId<HTMLInputElement>('backup-password')), 'pw');
    await click(byId('backup-download'));
    await waitFor(() => byId('options-unlock-password'));
  });
});

describe('options page: backup', () => {
  it('downloads the verified file and says how many accounts it holds', async () => {
    let lastBackupAt: number | null = null;
    const { services, calls, downloads } = fakeOptions({
      backupStatus: () => ({ lastBackupAt, accountsSinceBackup: 0, accountCount: 3 }),
      exportBackup: () => {
        lastBackupAt = 1_700_000_000_000;
        return {
          fileName: 'mfa-authenticator-backup-2023-11-14.json',
          json: '{"format":"x"}',
          count: 3,
          unreadable: 0,
        };
      },
    });
    mounted = mountOptions(services);
    const last = await waitFor(() => byId('backup-last'));
    await waitFor(() => last.textContent === 'backupNever');
    expect(byId<HTMLButtonElement>('backup-download')?.disabled).toBe(true);

    await typeInto(byId<HTMLInputElement>('backup-password'), 'master pw');
    await click(byId('backup-download'));
    const done = await waitFor(() => byId('backup-done'));
    expect(done.dataset.count).toBe('3');
    expect(payloadsOf(calls, 'exportBackup')).toEqual([{ password: 'master pw' }]);
    expect(downloads).toEqual([
      {
        fileName: 'mfa-authenticator-backup-2023-11-14.json',
        text: '{"format":"x"}',
        mimeType: 'application/json',
      },
    ]);
    // The password is not kept once used; the status is read again.
    expect(byId<HTMLInputElement>('backup-password')?.value).toBe('');
    await waitFor(() => last.dataset.lastBackup === '1700000000000');
    expect(last.textContent).toBe('backupLast');
  });

  it('sends a separate backup password only when both fields match', async () => {
    const { services, calls, downloads } = fakeOptions({
      exportBackup: () => ({ fileName: 'b.json', json: '{}', count: 2, unreadable: 1 }),
    });
    mounted = mountOptions(services);
    await typeInto(await waitFor(() => byId<HTMLInputElement>('backup-password')), 'master pw');
    await typeInto(byId<HTMLInputElement>('backup-separate-password'), 'file password 1');
    await typeInto(byId<HTMLInputElement>('backup-separate-confirm'), 'file password 2');
    await click(byId('backup-download'));
    expect(byId('backup-error')?.dataset.code).toBe('separate-password');
    expect(payloadsOf(calls, 'exportBackup')).toEqual([]);

    await typeInto(byId<HTMLInputElement>('backup-separate-confirm'), 'file password 1');
    await click(byId('backup-download'));
    await waitFor(() => byId('backup-done'));
    expect(payloadsOf(calls, 'exportBackup')).toEqual([
      { password: 'master pw', backupPassword: 'file password 1' },
    ]);
    expect(byId('backup-unreadable')).not.toBeNull();
    expect(downloads).toHaveLength(1);
  });

  it('downloads nothing when the password is wrong', async () => {
    const { services, downloads } = fakeOptions({
      exportBackup: () => Promise.reject(new MessageError('wrong-password', 'Wrong password.')),
    });
    mounted = mountOptions(services);
    await typeInto(await waitFor(() => byId<HTMLInputElement>('backup-password')), 'nope');
    await click(byId('backup-download'));
    const error = await waitFor(() => byId('backup-error'));
    expect(error.dataset.code).toBe('wrong-password');
    expect(error.textContent).toBe('unlockWrongPassword');
    expect(byId('backup-done')).toBeNull();
    expect(downloads).toEqual([]);
  });
});

const PREVIEW: ImportPreview = {
  format: 'mfa-backup',
  add: [
    { issuer: 'Aliyun', account: 'bob', kind: 'totp' },
    { issuer: 'Steam', account: 'gamer', kind: 'steam' },
  ],
  duplicates: [
    {
      issuer: 'GitHub',
      account: 'octo',
      kind: 'totp',
      reason: 'same-secret',
      existing: { id: 'a2', issuer: 'GitHub', account: 'octo' },
    },
  ],
  invalid: [{ at: { kind: 'line', n: 4 }, code: 'secret-not-base32' }],
};

const LINK = 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP';

describe('options page: restore and import', () => {
  it('reads a pasted backup in the page, previews it, then commits exactly the previewed accounts', async () => {
    const { services, calls } = fakeOptions({
      previewImport: () => PREVIEW,
      commitImport: () => ({ added: 2, duplicates: 1, invalid: 1 }),
    });
    mounted = mountOptions(services);
    const backup = fixture('mfa-backup-v1.json');
    await typeInto(await waitFor(() => byId<HTMLTextAreaElement>('import-text')), backup);
    await typeInto(byId<HTMLInputElement>('import-password'), BACKUP_PASSWORD);
    await click(byId('import-preview'));

    await waitFor(() => byId('import-commit'));
    expect(allById('import-add-row').map((row) => row.textContent)).toEqual([
      'Aliyun: bob typeTotp',
      'Steam: gamer typeSteam',
    ]);
    expect(allById('import-dup-row').map((row) => row.dataset.reason)).toEqual(['same-secret']);
    // why: unit tests have no browser i18n, so t() shows keys: the row is worded through the table, by code.
    expect(allById('import-invalid-row')[0]?.dataset.reason).toBe('secret-not-base32');
    expect(allById('import-invalid-row')[0]?.textContent).toBe('importPlaceLine — importSkipSecretNotBase32');
    expect(byId('import-preview-list')?.dataset.format).toBe('mfa-backup');
    expect(calls.some((call) => call.type === 'commitImport')).toBe(false);

    await click(byId('import-commit'));
    const done = await waitFor(() => byId('import-done'));
    expect([done.dataset.added, done.dataset.duplicates, done.dataset.invalid]).toEqual(['2', '1', '1']);
    const request = await importRequestFor(backup, BACKUP_PASSWORD);
    expect(payloadsOf(calls, 'previewImport')).toEqual([request]);
    expect(payloadsOf(calls, 'commitImport')).toEqual([request]);
    // The background gets accounts, never the file or its password.
    expect(JSON.stringify(calls)).not.toContain(BACKUP_PASSWORD);
    expect(JSON.stringify(calls)).not.toContain('mfa-authenticator-backup');
    // The pasted text and its password are not kept after the import.
    expect(byId<HTMLTextAreaElement>('import-text')?.value).toBe('');
    expect(byId<HTMLInputElement>('import-password')?.value).toBe('');
    expect(byId('import-commit')).toBeNull();
  });

  it('reads a chosen file and sends its accounts', async () => {
    const { services, calls } = fakeOptions({ previewImport: () => PREVIEW });
    mounted = mountOptions(services);
    const input = await waitFor(() => byId<HTMLInputElement>('import-file'));
    const file = new File([LINK], 'export.txt', {
      type: 'text/plain',
    });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => byId('import-file-name'));
    await submit(input.form);
    await waitFor(() => byId('import-commit'));
    expect(payloadsOf(calls, 'previewImport')).toEqual([
      {
        format: 'otpauth-text',
        accounts: [
          {
            data: {
              kind: 'totp',
              issuer: 'A',
              account: 'b',
              secret: 'JBSWY3DPEHPK3PXP',
              algorithm: 'SHA1',
              digits: 6,
              period: 30,
              counter: 0,
            },
          },
        ],
        invalid: [],
      },
    ]);
  });

  it('derives the key of an encrypted Aegis file once per import: the commit reuses the preview', async () => {
    const { services, calls } = fakeOptions({
      previewImport: () => PREVIEW,
      commitImport: () => ({ added: 5, duplicates: 0, invalid: 0 }),
    });
    mounted = mountOptions(services);
    const text = await waitFor(() => byId<HTMLTextAreaElement>('import-text'));
    await typeInto(text, fixture('aegis-encrypted.json'));
    await typeInto(byId<HTMLInputElement>('import-password'), AEGIS_PASSWORD);
    derivations.count = 0;
    await click(byId('import-preview'));
    await click(await waitFor(() => byId('import-commit')));
    await waitFor(() => byId('import-done'));
    expect(derivations.count).toBe(1); // the file has one password slot
    expect(payloadsOf(calls, 'commitImport')).toEqual(payloadsOf(calls, 'previewImport'));
    expect(JSON.stringify(calls)).not.toContain(AEGIS_PASSWORD);
    // A new preview is a new import (the file may have changed): it reads and derives again.
    await typeInto(text, fixture('aegis-encrypted.json'));
    await typeInto(byId<HTMLInputElement>('import-password'), AEGIS_PASSWORD);
    await click(byId('import-preview'));
    await waitFor(() => byId('import-commit'));
    expect(derivations.count).toBe(2);
  });

  it('cannot commit when there is nothing new to add', async () => {
    const { services } = fakeOptions({ previewImport: () => ({ ...PREVIEW, add: [] }) });
    mounted = mountOptions(services);
    await typeInto(await waitFor(() => byId<HTMLTextAreaElement>('import-text')), LINK);
    await click(byId('import-preview'));
    const commit = await waitFor(() => byId<HTMLButtonElement>('import-commit'));
    expect(commit.disabled).toBe(true);
    expect(byId('import-nothing')).not.toBeNull();
  });

  it("words the reader's refusal by its reason, sends nothing and offers nothing to commit", async () => {
    const { services, calls } = fakeOptions({ previewImport: () => PREVIEW });
    mounted = mountOptions(services);
    await typeInto(
      await waitFor(() => byId<HTMLTextAreaElement>('import-text')),
      fixture('mfa-backup-v1.json'),
    );
    await click(byId('import-preview'));
    const error = await waitFor(() => byId('import-error'));
    // The test's i18n answers with the key: the refusal's reason is worded, not the reader's English.
    expect(error.textContent).toBe('importRefusalBackupPasswordRequired');
    expect(error.dataset.code).toBe('password-required');
    expect(document.activeElement).toBe(byId('import-password'));
    expect(byId('import-commit')).toBeNull();
    expect(calls.some((call) => call.type === 'previewImport' || call.type === 'commitImport')).toBe(false);
  });

  it('shows the background error in the user language and offers nothing to commit', async () => {
    const { services, calls } = fakeOptions({
      previewImport: () =>
        Promise.reject(new MessageError('too-large', 'An import holds at most 10000 accounts.')),
    });
    mounted = mountOptions(services);
    await typeInto(await waitFor(() => byId<HTMLTextAreaElement>('import-text')), LINK);
    await click(byId('import-preview'));
    const error = await waitFor(() => byId('import-error'));
    // The test's i18n answers with the key: the code is worded from the table, not the background's English.
    expect(error.textContent).toBe('errorImportTooMany');
    expect(error.dataset.code).toBe('too-large');
    expect(byId('import-commit')).toBeNull();
    expect(calls.some((call) => call.type === 'commitImport')).toBe(false);
  });

  it('reports a failed commit and claims nothing was added', async () => {
    const { services } = fakeOptions({
      previewImport: () => PREVIEW,
      commitImport: () =>
        Promise.reject(new MessageError('quota-exceeded', 'The browser refused to store more data.')),
    });
    mounted = mountOptions(services);
    await typeInto(await waitFor(() => byId<HTMLTextAreaElement>('import-text')), LINK);
    await click(byId('import-preview'));
    await click(await waitFor(() => byId('import-commit')));
    const error = await waitFor(() => byId('import-error'));
    expect(error.textContent).toBe('The browser refused to store more data.');
    expect(byId('import-done')).toBeNull();
  });

  it('drops a preview as soon as the input changes', async () => {
    const { services } = fakeOptions({ previewImport: () => PREVIEW });
    mounted = mountOptions(services);
    const text = await waitFor(() => byId<HTMLTextAreaElement>('import-text'));
    await typeInto(text, LINK);
    await click(byId('import-preview'));
    await waitFor(() => byId('import-commit'));
    await typeInto(text, `${LINK}\n`);
    expect(byId('import-commit')).toBeNull();
  });

  it('asks for text before previewing', async () => {
    const { services, calls } = fakeOptions();
    mounted = mountOptions(services);
    await click(await waitFor(() => byId('import-preview')));
    expect(byId('import-error')?.dataset.code).toBe('empty');
    expect(calls.some((call) => call.type === 'previewImport')).toBe(false);
  });
});

describe('options page: plain export', () => {
  it('needs the master password again and shows the otpauth list only after it', async () => {
    const { services, calls, downloads } = fakeOptions({
      exportPlain: ({ password, kind }) => {
        if (password !== 'master pw') throw new MessageError('wrong-password', 'Wrong password.');
        return { kind: 'otpauth' as const, text: `otpauth://totp/A:b?secret=X (${kind})\n`, count: 1 };
      },
    });
    mounted = mountOptions(services);
    const button = await waitFor(() => byId<HTMLButtonElement>('export-plain-otpauth'));
    expect(byId('export-warning')).not.toBeNull();
    expect(button.disabled).toBe(true);

    await typeInto(byId<HTMLInputElement>('export-plain-password'), 'guess');
    await click(button);
    expect((await waitFor(() => byId('export-error'))).dataset.code).toBe('wrong-password');
    expect(byId('export-plain-text')).toBeNull();

    await typeInto(byId<HTMLInputElement>('export-plain-password'), 'master pw');
    await click(button);
    const text = await waitFor(() => byId<HTMLTextAreaElement>('export-plain-text'));
    expect(text.value).toBe('otpauth://totp/A:b?secret=X (otpauth)\n');
    expect(text.readOnly).toBe(true);
    expect(payloadsOf(calls, 'exportPlain')).toEqual([
      { password: 'guess', kind: 'otpauth' },
      { password: 'master pw', kind: 'otpauth' },
    ]);
    await click(byId('export-plain-download'));
    expect(downloads).toEqual([
      {
        fileName: 'otpauth-accounts.txt',
        text: 'otpauth://totp/A:b?secret=X (otpauth)\n',
        mimeType: 'text/plain',
      },
    ]);
  });

  it('renders each Google Authenticator transfer URI as a QR image with "n of N" and lists the skipped', async () => {
    const { services, timers } = fakeOptions({
      exportPlain: () => ({
        kind: 'migration' as const,
        uris: ['otpauth-migration://offline?data=AAA', 'otpauth-migration://offline?data=BBB'],
        skipped: [{ issuer: 'Steam', account: 'gamer', reason: 'Steam codes are not supported.' }],
      }),
    });
    mounted = mountOptions(services);
    await typeInto(await waitFor(() => byId<HTMLInputElement>('export-plain-password')), 'master pw');
    await click(byId('export-migration'));
    await waitFor(() => allById('export-migration-qr').length === 2);
    expect(allById('export-migration-qr').map((img) => img.getAttribute('src'))).toEqual([
      `data:qr,${encodeURIComponent('otpauth-migration://offline?data=AAA')}`,
      `data:qr,${encodeURIComponent('otpauth-migration://offline?data=BBB')}`,
    ]);
    expect(allById('export-migration-caption')).toHaveLength(2);
    expect(allById('export-skipped-row')[0]?.textContent).toContain('Steam codes are not supported.');

    // The codes go away on their own.
    const expiry = timers.find((timer) => timer.ms === PLAIN_EXPORT_LIFETIME_MS && !timer.cancelled);
    expect(expiry).toBeDefined();
    expiry?.fire();
    await waitFor(() => allById('export-migration-qr').length === 0);
  });
});

describe('options page: one account as QR', () => {
  async function showQr(password = 'master pw') {
    const select = await waitFor(() => {
      const element = byId<HTMLSelectElement>('account-qr-select');
      return element && element.options.length === 2 ? element : null;
    });
    select.value = 'a2';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await typeInto(byId<HTMLInputElement>('account-qr-password'), password);
    await click(byId('account-qr-show'));
  }

  it('shows the chosen account as a QR image with a warning, after the master password', async () => {
    const { services, calls } = fakeOptions({ accountUri: ({ id }) => ({ uri: `otpauth://totp/${id}` }) });
    mounted = mountOptions(services);
    await showQr();
    const image = await waitFor(() => byId<HTMLImageElement>('account-qr-image'));
    expect(image.getAttribute('src')).toBe(`data:qr,${encodeURIComponent('otpauth://totp/a2')}`);
    expect(byId('account-qr-warning')).not.toBeNull();
    expect(payloadsOf(calls, 'accountUri')).toEqual([{ id: 'a2', password: 'master pw' }]);
  });

  it('hides the QR code after 60 seconds', async () => {
    const { services, timers } = fakeOptions({ accountUri: () => ({ uri: 'otpauth://totp/x' }) });
    mounted = mountOptions(services);
    await showQr();
    await waitFor(() => byId('account-qr-image'));
    const expiry = timers.find((timer) => timer.ms === 60_000 && !timer.cancelled);
    expect(expiry).toBeDefined();
    expiry?.fire();
    await waitFor(() => byId('account-qr-image') === null);
  });

  it('hides the QR code when the tab is left', async () => {
    const { services } = fakeOptions({ accountUri: () => ({ uri: 'otpauth://totp/x' }) });
    mounted = mountOptions(services);
    await showQr();
    await waitFor(() => byId('account-qr-image'));
    window.dispatchEvent(new Event('pagehide'));
    await waitFor(() => byId('account-qr-image') === null);
  });

  it('shows no QR code for a wrong password', async () => {
    const { services } = fakeOptions({
      accountUri: () => Promise.reject(new MessageError('wrong-password', 'Wrong password.')),
    });
    mounted = mountOptions(services);
    await showQr('nope');
    expect((await waitFor(() => byId('account-qr-error'))).dataset.code).toBe('wrong-password');
    expect(byId('account-qr-image')).toBeNull();
  });
});
