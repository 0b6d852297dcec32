import { describe, expect, it } from 'vitest';
import { needsBackupReminder } from '../../../lib/ui/backup-reminder';
import { createSessionFlags, SESSION_FLAG_PREFIX } from '../../../lib/ui/session-flags';

describe('needsBackupReminder', () => {
  it.each([
    { lastBackupAt: null, accountsSinceBackup: 3, accountCount: 3, expected: true },
    { lastBackupAt: 1000, accountsSinceBackup: 1, accountCount: 4, expected: true },
    { lastBackupAt: 1000, accountsSinceBackup: 0, accountCount: 4, expected: false },
    { lastBackupAt: null, accountsSinceBackup: 0, accountCount: 0, expected: false },
    { lastBackupAt: 1000, accountsSinceBackup: 0, accountCount: 0, expected: false },
  ])('last backup $lastBackupAt, $accountsSinceBackup new of $accountCount → $expected', (row) => {
    const { expected, ...status } = row;
    expect(needsBackupReminder(status)).toBe(expected);
  });
});

describe('session flags', () => {
  it('keeps flags under their own prefix', async () => {
    const stored: Record<string, unknown> = {};
    const flags = createSessionFlags({
      get: async (key) => (key in stored ? { [key]: stored[key] } : {}),
      set: async (items) => void Object.assign(stored, items),
    });
    expect(await flags.get('seen')).toBe(false);
    await flags.set('seen');
    expect(await flags.get('seen')).toBe(true);
    expect(Object.keys(stored)).toEqual([`${SESSION_FLAG_PREFIX}seen`]);
  });

  it('reads a failing storage as "not set"', async () => {
    const flags = createSessionFlags({
      get: () => Promise.reject(new Error('no session storage')),
      set: () => Promise.reject(new Error('no session storage')),
    });
    expect(await flags.get('seen')).toBe(false);
  });
});
