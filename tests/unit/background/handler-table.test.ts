import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import type { MessageType } from '../../../lib/messaging';
import { fakeDeps } from './fakes';

/** Every message of the protocol; the Record type makes a missing or unknown name a compile error. */
const PROTOCOL_KEYS: Record<MessageType, true> = {
  getVaultState: true,
  createVault: true,
  unlockVault: true,
  lockVault: true,
  changePassword: true,
  listAccounts: true,
  addAccount: true,
  updateAccount: true,
  deleteAccount: true,
  reorderAccounts: true,
  nextHotpCode: true,
  getSettings: true,
  setSettings: true,
  clipboardCopied: true,
  fillTab: true,
  scanTab: true,
  tabSite: true,
  takeIntent: true,
  fillShortcut: true,
  exportBackup: true,
  previewImport: true,
  commitImport: true,
  exportPlain: true,
  accountUri: true,
  backupStatus: true,
  syncStatus: true,
  syncEnable: true,
  syncDisable: true,
  syncNow: true,
  contentHello: true,
  requestFill: true,
};

const modules = import.meta.glob<Record<string, unknown>>('/lib/background/handlers/**/*.ts', {
  eager: true,
});
const handlerFiles = Object.keys(modules).filter((path) => !path.endsWith('/handlers/index.ts'));
const indexSource = readFileSync(
  new URL('../../../lib/background/handlers/index.ts', import.meta.url),
  'utf8',
);
/** `key: factoryHandler(deps)` entries of the table in handlers/index.ts. */
const tableEntries = [...indexSource.matchAll(/^\s+(\w+): (\w+Handler)\(deps\),$/gmu)].map(
  ([, key, factory]) => ({
    key: key!,
    factory: factory!,
  }),
);

describe('handler table (lib/background/handlers)', () => {
  it('has exactly one handler for every protocol message, and nothing else', () => {
    const table = createHandlers(fakeDeps().deps);
    expect(Object.keys(table).sort()).toEqual(Object.keys(PROTOCOL_KEYS).sort());
    for (const handler of Object.values(table)) {
      expect(['extension', 'content']).toContain(handler.access);
      expect(typeof handler.handle).toBe('function');
    }
    expect(tableEntries.map((e) => e.key).sort()).toEqual(Object.keys(PROTOCOL_KEYS).sort());
    // why: one factory behind two messages would answer one of them with the other's logic.
    expect(new Set(tableEntries.map((e) => e.factory)).size).toBe(tableEntries.length);
  });

  it.each(handlerFiles)('%s holds only handlers, each registered in the table', (path) => {
    const exports = Object.entries(modules[path]!);
    expect(exports.length).toBeGreaterThan(0);
    for (const [name, value] of exports) {
      expect(name, `${path} exports ${name}, which is not a handler`).toMatch(/Handler$/u);
      expect(typeof value).toBe('function');
      const handler = (value as (deps: unknown) => { access: unknown; handle: unknown })(fakeDeps().deps);
      expect(typeof handler.handle).toBe('function');
      expect(
        tableEntries.map((e) => e.factory),
        `${name} is not in handlers/index.ts`,
      ).toContain(name);
    }
  });
});
