import type { BackgroundDeps, SessionPort, SettingsPort } from '../../../lib/background/deps';
import type { StoredAccount, VaultRepository } from '../../../lib/vault/types';
import {
  AccountNotFoundError,
  InvalidVaultInputError,
  VaultExistsError,
  WrongPasswordError,
} from '../../../lib/vault/errors';
import { applyPatch, checkCounter, newPayload, type SecretPayload } from '../../../lib/vault/payload';
import { SUFFIXES } from '../sites/suffixes';

/**
 * An in-memory vault typed as the real repository interface, so the compiler catches drift; it throws the
 * repository's own errors and validates with its own payload checks. The password is the "key" check.
 */
export function fakeVault(
  now: () => number = () => 0,
): VaultRepository & { accounts: StoredAccount[]; writes: number } {
  let password: string | null = null;
  const dek = new Uint8Array(32).fill(7);
  const find = (id: string) => {
    const index = self.accounts.findIndex((x) => x.id === id);
    const account = self.accounts[index];
    if (!account) throw new AccountNotFoundError(id);
    return { index, account };
  };
  const payloadOf = (a: StoredAccount): SecretPayload => ({
    data: a.data,
    allowedSites: a.allowedSites,
    enrolledOrigin: a.enrolledOrigin,
    pinned: a.pinned,
  });
  /** Same steps as the repository's rewrite: change the payload, keep id and order, stamp the time. */
  const rewrite = (id: string, change: (p: SecretPayload) => SecretPayload, createdNow = false) => {
    const { index, account } = find(id);
    const next: StoredAccount = {
      ...account,
      ...change(structuredClone(payloadOf(account))),
      updatedAt: now(),
    };
    if (createdNow) next.createdAt = next.updatedAt;
    self.accounts[index] = next;
    self.writes++;
    return { previous: account, next };
  };
  const self = {
    accounts: [] as StoredAccount[],
    writes: 0,
    async state() {
      return password === null ? ('uninitialized' as const) : ('initialized' as const);
    },
    async create(p: string) {
      if (password !== null) throw new VaultExistsError();
      password = p;
      self.writes++;
      return dek;
    },
    async unlock(p: string) {
      if (p !== password) throw new WrongPasswordError();
      return dek;
    },
    async list() {
      return { accounts: self.accounts.map((a) => structuredClone(a)), broken: [] };
    },
    async add(_dek: Uint8Array, input: Parameters<VaultRepository['add']>[1], pinned?: boolean) {
      const stored: StoredAccount = {
        ...newPayload(input, pinned),
        id: `id${self.accounts.length + 1}`,
        order: self.accounts.length,
        createdAt: now(),
        updatedAt: now(),
      };
      self.accounts.push(stored);
      self.writes++;
      return structuredClone(stored);
    },
    async update(_dek: Uint8Array, id: string, patch: Parameters<VaultRepository['update']>[2]) {
      return structuredClone(rewrite(id, (current) => applyPatch(current, patch)).next);
    },
    async replace(_dek: Uint8Array, id: string, input: Parameters<VaultRepository['replace']>[2]) {
      const next = newPayload(input);
      return structuredClone(rewrite(id, (current) => ({ ...next, pinned: current.pinned }), true).next);
    },
    async remove(id: string) {
      find(id);
      self.accounts = self.accounts.filter((a) => a.id !== id);
      self.writes++;
    },
    async reorder(ids: string[]) {
      if (new Set(ids).size !== ids.length)
        throw new InvalidVaultInputError('The new order lists an account twice.');
      if (ids.length !== self.accounts.length || !self.accounts.every((a) => ids.includes(a.id)))
        throw new InvalidVaultInputError('The account list changed; reload and try again.');
      ids.forEach((id, order) => {
        find(id).account.order = order;
      });
    },
    async changePassword(oldPassword: string, newPassword: string) {
      if (oldPassword !== password) throw new WrongPasswordError();
      password = newPassword;
    },
    async addMany(dek: Uint8Array, items: Parameters<VaultRepository['addMany']>[1]) {
      // why: all-or-nothing like the repository: check every item before storing any.
      items.forEach((item) => newPayload(item, item.pinned));
      const added: StoredAccount[] = [];
      for (const item of items) added.push(await self.add(dek, item, item.pinned));
      return added;
    },
    async lastBackupAt() {
      return null;
    },
    async recordBackup() {},
    async bumpHotpCounter(_dek: Uint8Array, id: string) {
      const { previous, next } = rewrite(id, (current) => {
        if (current.data.kind !== 'hotp')
          throw new InvalidVaultInputError(`Account ${id} is not an HOTP account.`);
        return { ...current, data: { ...current.data, counter: checkCounter(current.data.counter + 1) } };
      });
      // why: the code is computed from the counter just consumed; the stored one is already the next.
      return structuredClone({ ...next, data: { ...next.data, counter: previous.data.counter } });
    },
  };
  return self;
}

/** The vault's sealed settings row (the real one is tested in tests/unit/vault/settings-store.test.ts). */
export function fakeSettingsStore(): SettingsPort & { stored: unknown } {
  const check = (key: Uint8Array) => {
    if (key.length !== 32) throw new Error('no data key');
  };
  const self = {
    stored: undefined as unknown,
    async read(key: Uint8Array) {
      check(key);
      return self.stored === undefined ? null : structuredClone(self.stored);
    },
    async exists() {
      return self.stored !== undefined;
    },
    async update<T>(key: Uint8Array, change: (current: unknown) => T) {
      check(key);
      const next = change(self.stored === undefined ? null : structuredClone(self.stored));
      self.stored = structuredClone(next);
      return next;
    },
  };
  return self;
}

export function fakeSession(
  now: () => number,
): SessionPort & { stored: { dek: Uint8Array; lockAt: number } | null } {
  const self = {
    stored: null as { dek: Uint8Array; lockAt: number } | null,
    async save(dek: Uint8Array, lockAt: number) {
      self.stored = { dek, lockAt };
    },
    async load() {
      if (!self.stored) return null;
      if (now() >= self.stored.lockAt) {
        self.stored = null;
        return null;
      }
      return self.stored.dek;
    },
    async extend(lockAt: number) {
      if (self.stored) self.stored.lockAt = lockAt;
    },
    async lockAt() {
      return self.stored?.lockAt ?? null;
    },
    async clear() {
      self.stored = null;
    },
  };
  return self;
}

export function fakeDeps(options: { now?: number; tabs?: Record<number, string> } = {}) {
  const clock = { now: options.now ?? 1_700_000_000_000 };
  const now = () => clock.now;
  const local = new Map<string, unknown>();
  const sessionArea = new Map<string, unknown>();
  const popups = { opened: 0 };
  const alarms: { when: number | null; clipboardAt?: number } = { when: null };
  const vault = fakeVault(now);
  const frames = {
    list: [] as { frameId: number; origin: string | null; documentId?: string }[],
    sent: [] as { frameId: number; message: unknown; documentId?: string }[],
    /** What a frame's content script answers; by default it has a field and is still on the checked origin. */
    answer: (_frameId: number, message: unknown): unknown =>
      (message as { type?: string }).type === 'probeFill' ? { ready: true } : { filled: true },
  };
  const session = fakeSession(now);
  /** The sites' clocks for the clock check: by default no Date header (no correction). */
  const server = {
    asked: [] as string[],
    date: (_origin: string): string | null | Promise<string | null> => null,
  };
  const vaultSettings = fakeSettingsStore();
  const deps: BackgroundDeps = {
    vault,
    session,
    local: {
      async get(key: string) {
        return local.has(key) ? { [key]: structuredClone(local.get(key)) } : {};
      },
      async set(items: Record<string, unknown>) {
        for (const [k, v] of Object.entries(items)) local.set(k, structuredClone(v));
      },
      async remove(key: string) {
        local.delete(key);
      },
    },
    settings: vaultSettings,
    sessionArea: {
      async get(keys: string | string[] | null) {
        const wanted = keys === null ? [...sessionArea.keys()] : typeof keys === 'string' ? [keys] : keys;
        const out: Record<string, unknown> = {};
        for (const key of wanted) if (sessionArea.has(key)) out[key] = structuredClone(sessionArea.get(key));
        return out;
      },
      async set(items: Record<string, unknown>) {
        for (const [k, v] of Object.entries(items)) sessionArea.set(k, structuredClone(v));
      },
      async remove(keys: string | string[]) {
        for (const key of typeof keys === 'string' ? [keys] : keys) sessionArea.delete(key);
      },
    },
    async openPopup() {
      popups.opened++;
      return true;
    },
    async tabUrl(tabId: number) {
      return options.tabs?.[tabId];
    },
    async scheduleLock(when: number) {
      alarms.when = when;
    },
    async cancelLock() {
      alarms.when = null;
    },
    async scheduleClipboardClear(when: number) {
      alarms.clipboardAt = when;
    },
    async frameOrigins() {
      return frames.list;
    },
    async sendToFrame(_tabId: number, frameId: number, message: unknown, documentId?: string) {
      frames.sent.push({ frameId, message, ...(documentId ? { documentId } : {}) });
      return frames.answer(frameId, message);
    },
    async captureVisibleTab() {
      return 'data:image/png;base64,';
    },
    async serverDate(origin: string) {
      server.asked.push(origin);
      return server.date(origin);
    },
    publicSuffixes: async () => SUFFIXES,
    now,
  };
  return { deps, clock, vault, session, alarms, frames, popups, local, vaultSettings, server };
}
