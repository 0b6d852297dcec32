// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupStatus } from '../../../lib/messaging';
import { BACKUP_REMINDER_DISMISSED } from '../../../lib/ui/backup-reminder';
import type { PopupServices } from '../../../components/popup/services';
import {
  account,
  click,
  fakeServices,
  mountApp,
  NOW,
  waitFor,
  type FakeHandlers,
  type Mounted,
} from './harness';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

function unlocked(status: BackupStatus | null, extra: FakeHandlers = {}): FakeHandlers {
  return {
    getVaultState: () => ({ state: 'unlocked', lockAt: NOW + 900_000 }),
    listAccounts: () => ({ accounts: [account({ id: 'a' })], broken: [] }),
    getSettings: () => ({ autoLockMinutes: 15, clearClipboard: false }),
    ...(status ? { backupStatus: () => status } : {}),
    ...extra,
  };
}

/** Mounts the unlocked popup and waits until its list and the backup status request are done. */
async function open(handlers: FakeHandlers, overrides: Partial<PopupServices> = {}) {
  const fake = fakeServices(handlers, overrides);
  mounted = mountApp(fake.services);
  await waitFor(() => mounted?.byTestId('account-row'));
  await waitFor(() => fake.calls.some((call) => call.type === 'backupStatus'));
  // Let the answers land.
  await waitFor(() => true);
  return fake;
}

describe('backup reminder', () => {
  it('asks to back up when there are accounts and no backup, and opens the options page', async () => {
    const { effects } = await open(unlocked({ lastBackupAt: null, accountsSinceBackup: 2, accountCount: 2 }));
    const reminder = await waitFor(() => mounted?.byTestId('backup-reminder'));
    expect(reminder.textContent).toContain('backupReminderNever');
    await click(mounted?.byTestId('backup-reminder-open') ?? null);
    expect(effects.optionsOpened).toBe(1);
  });

  it('names the accounts added since the last backup', async () => {
    await open(unlocked({ lastBackupAt: NOW - 1000, accountsSinceBackup: 3, accountCount: 5 }));
    const reminder = await waitFor(() => mounted?.byTestId('backup-reminder'));
    expect(reminder.textContent).toContain('backupReminderSince');
  });

  it.each([
    ['everything is backed up', { lastBackupAt: NOW - 1000, accountsSinceBackup: 0, accountCount: 5 }],
    ['there are no accounts', { lastBackupAt: null, accountsSinceBackup: 0, accountCount: 0 }],
  ])('stays hidden when %s', async (_case, status) => {
    await open(unlocked(status));
    expect(mounted?.byTestId('backup-reminder')).toBeNull();
  });

  it('stays hidden when the status cannot be read', async () => {
    await open(unlocked(null, { backupStatus: () => Promise.reject(new Error('locked')) }));
    expect(mounted?.byTestId('backup-reminder')).toBeNull();
  });

  it('goes away for the session when dismissed', async () => {
    const { flags } = await open(unlocked({ lastBackupAt: null, accountsSinceBackup: 1, accountCount: 1 }));
    await click(await waitFor(() => mounted?.byTestId('backup-reminder-dismiss')));
    expect(mounted?.byTestId('backup-reminder')).toBeNull();
    await waitFor(() => flags.has(BACKUP_REMINDER_DISMISSED));
  });

  it('is not shown again once dismissed in this session', async () => {
    const handlers = unlocked({ lastBackupAt: null, accountsSinceBackup: 1, accountCount: 1 });
    await open(handlers, {
      sessionFlags: { get: async (name) => name === BACKUP_REMINDER_DISMISSED, set: async () => {} },
    });
    expect(mounted?.byTestId('backup-reminder')).toBeNull();
  });

  it('asks for the status only after the accounts are on screen', async () => {
    const { calls } = await open(unlocked({ lastBackupAt: null, accountsSinceBackup: 1, accountCount: 1 }));
    const order = calls.map((call) => call.type);
    expect(order.indexOf('backupStatus')).toBeGreaterThan(order.indexOf('listAccounts'));
  });
});

describe('options page', () => {
  it('opens from the settings ("Backup, restore & import")', async () => {
    const { effects } = await open(unlocked(null));
    await click(mounted?.byTestId('settings-open') ?? null);
    const button = await waitFor(() => mounted?.byTestId('options-open'));
    expect(button.textContent).toBe('optionsOpen');
    await click(button);
    expect(effects.optionsOpened).toBe(1);
  });
});

describe('host access (Firefox lets users withhold it)', () => {
  function withHostAccess(granted: boolean, grantOnRequest: boolean) {
    const requests: { origins: string[] }[] = [];
    let current = granted;
    const permissions: PopupServices['permissions'] = {
      contains: async () => current,
      request: async (asked) => {
        requests.push(asked);
        current = grantOnRequest;
        return grantOnRequest;
      },
    };
    return { permissions, requests };
  }

  it('is not mentioned when the extension has access to websites', async () => {
    const { permissions } = withHostAccess(true, true);
    await open(unlocked(null), { permissions });
    expect(mounted?.byTestId('host-access')).toBeNull();
  });

  it('explains what is missing and asks for every site from the click, then goes away', async () => {
    const { permissions, requests } = withHostAccess(false, true);
    await open(unlocked(null), { permissions });
    const banner = await waitFor(() => mounted?.byTestId('host-access'));
    expect(banner.textContent).toContain('hostAccessText');
    // The request is made inside the click handler itself (a user gesture), not after an await.
    mounted?.byTestId('host-access-grant')?.click();
    expect(requests).toEqual([{ origins: ['<all_urls>'] }]);
    await waitFor(() => mounted?.byTestId('host-access') === null);
  });

  it('stays, saying so, when the user refuses', async () => {
    const { permissions } = withHostAccess(false, false);
    await open(unlocked(null), { permissions });
    await click(await waitFor(() => mounted?.byTestId('host-access-grant')));
    await waitFor(() => mounted?.byTestId('host-access-refused'));
    expect(mounted?.byTestId('host-access')).not.toBeNull();
  });
});
