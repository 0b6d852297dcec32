import type {
  BackgroundDeps,
  SessionPort,
  SettingsPort,
  StoredAccount,
  VaultPort,
} from '@/lib/background/deps';

/** An in-memory vault with the repository's contract; the password is the "key" check. */
export function fakeVault(
  now: () => number = () => 0,
): VaultPort & { accounts: StoredAccount[]; writes: number } {
  let password: string | null = null;
  const dek = new Uint8Array(32).fill(7);
  const self = {
    accounts: [] as StoredAccount[],
    writes: 0,
    async state() {
      return password === null ? ('uninitialized' as const) : ('initialized' as const);
    },
    async create(p: string) {
      password = p;
      self.writes++;
      return dek;
    },
    async unlock(p: string) {
      if (p !== password) throw Object.assign(new Error('Wrong password.'), { code: 'wrong-password' });
      return dek;
    },
    async list() {
      return { accounts: self.accounts.map((a) => structuredClone(a)), broken: [] };
    },
    async add(_dek: Uint8Array, input: Pick<StoredAccount, 'data' | 'allowedSites' | 'enrolledOrigin'>) {
      const stored: StoredAccount = {
        ...input,
        id: `id${self.accounts.length + 1}`,
        pinned: false,
        order: self.accounts.length,
        createdAt: now(),
        updatedAt: now(),
      };
      self.accounts.push(stored);
      self.writes++;
      return stored;
    },
    async update(_dek: Uint8Array, id: string, patch: Partial<StoredAccount['data']> & { pinned?: boolean }) {
      const a = self.accounts.find((x) => x.id === id);
      if (!a) throw Object.assign(new Error('No such account.'), { code: 'not-found' });
      if (patch.issuer !== undefined) a.data.issuer = patch.issuer;
      if (patch.account !== undefined) a.data.account = patch.account;
      if (patch.pinned !== undefined) a.pinned = patch.pinned;
      self.writes++;
    },
    async replace(
      _dek: Uint8Array,
      id: string,
      input: Pick<StoredAccount, 'data' | 'allowedSites' | 'enrolledOrigin'>,
    ) {
      const index = self.accounts.findIndex((x) => x.id === id);
      const old = self.accounts[index];
      if (!old) throw Object.assign(new Error('No such account.'), { code: 'account-not-found' });
      const next: StoredAccount = { ...old, ...structuredClone(input) };
      self.accounts[index] = next;
      self.writes++;
      return structuredClone(next);
    },
    async remove(id: string) {
      self.accounts = self.accounts.filter((a) => a.id !== id);
      self.writes++;
    },
    async reorder(ids: string[]) {
      ids.forEach((id, order) => {
        const a = self.accounts.find((x) => x.id === id);
        if (a) a.order = order;
      });
    },
    async changePassword(oldPassword: string, newPassword: string) {
      if (oldPassword !== password)
        throw Object.assign(new Error('Wrong password.'), { code: 'wrong-password' });
      password = newPassword;
    },
    async addMany(dek: Uint8Array, items: Pick<StoredAccount, 'data' | 'allowedSites' | 'enrolledOrigin'>[]) {
      const added: StoredAccount[] = [];
      for (const item of items) added.push(await self.add(dek, item));
      return added;
    },
    async lastBackupAt() {
      return null;
    },
    async recordBackup() {},
    async bumpHotpCounter(_dek: Uint8Array, id: string) {
      const a = self.accounts.find((x) => x.id === id);
      if (!a) throw Object.assign(new Error('No such account.'), { code: 'not-found' });
      const used = structuredClone(a);
      a.data.counter += 1;
      self.writes++;
      return used;
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
      async get(key: string) {
        return sessionArea.has(key) ? { [key]: structuredClone(sessionArea.get(key)) } : {};
      },
      async set(items: Record<string, unknown>) {
        for (const [k, v] of Object.entries(items)) sessionArea.set(k, structuredClone(v));
      },
      async remove(key: string) {
        sessionArea.delete(key);
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
    now,
  };
  return { deps, clock, vault, session, alarms, frames, popups, local, vaultSettings };
}
