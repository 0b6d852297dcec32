/**
 * What the background handlers need from the outside world, as narrow interfaces so unit tests can
 * pass fakes and the entrypoint passes the real browser APIs. Nothing here holds state between
 * wake-ups: the vault is in IndexedDB, the unlocked key and its deadline are in storage.session.
 */
import type { OtpAccountData } from '../otp/types';

export interface StoredAccount {
  id: string;
  data: OtpAccountData;
  allowedSites: string[];
  enrolledOrigin: string;
  pinned: boolean;
  order: number;
  createdAt: number;
  updatedAt: number;
}

export interface StoredAccountPatch {
  issuer?: string;
  account?: string;
  pinned?: boolean;
  allowedSites?: string[];
}

/** The subset of lib/vault/repository the handlers use. */
export interface VaultPort {
  state(): Promise<'uninitialized' | 'initialized' | 'newer-schema'>;
  create(password: string): Promise<Uint8Array>;
  unlock(password: string): Promise<Uint8Array>;
  list(dek: Uint8Array): Promise<{ accounts: StoredAccount[]; broken: { id: string; reason: string }[] }>;
  add(
    dek: Uint8Array,
    input: { data: OtpAccountData; allowedSites: string[]; enrolledOrigin: string },
  ): Promise<StoredAccount>;
  update(dek: Uint8Array, id: string, patch: StoredAccountPatch): Promise<unknown>;
  /** One transaction: the account `id` now holds exactly `input` (same id, place and pin), or nothing changed. */
  replace(
    dek: Uint8Array,
    id: string,
    input: { data: OtpAccountData; allowedSites: string[]; enrolledOrigin: string },
  ): Promise<StoredAccount>;
  /** `dek` signs the vault's record index (lib/vault); nothing is decrypted. */
  remove(id: string, dek: Uint8Array): Promise<void>;
  reorder(ids: string[]): Promise<void>;
  changePassword(oldPassword: string, newPassword: string): Promise<void>;
  bumpHotpCounter(dek: Uint8Array, id: string): Promise<StoredAccount>;
  /** All-or-nothing: every item is added in one transaction, or none is. */
  addMany(
    dek: Uint8Array,
    items: { data: OtpAccountData; allowedSites: string[]; enrolledOrigin: string; pinned?: boolean }[],
  ): Promise<StoredAccount[]>;
  lastBackupAt(): Promise<number | null>;
  recordBackup(at: number): Promise<void>;
}

/** The subset of lib/vault/session the handlers use. */
export interface SessionPort {
  save(dek: Uint8Array, lockAt: number): Promise<void>;
  load(): Promise<Uint8Array | null>;
  extend(lockAt: number): Promise<void>;
  lockAt(): Promise<number | null>;
  clear(): Promise<void>;
}

export interface FrameOrigin {
  frameId: number;
  origin: string | null;
  documentId?: string;
}

/** A storage area (storage.local) as the handlers see it. */
export interface KeyValueArea {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** The settings row of the vault (lib/vault/settings-store), sealed with the data key. */
export interface SettingsPort {
  read(dek: Uint8Array): Promise<unknown>;
  exists(): Promise<boolean>;
  update<T>(dek: Uint8Array, change: (current: unknown) => T): Promise<T>;
}

export interface BackgroundDeps {
  vault: VaultPort;
  session: SessionPort;
  /** Security settings live here, out of reach of content scripts (unlike storage.local). */
  settings: SettingsPort;
  /** storage.local: only read once, to move settings of older versions into the vault, then cleared. */
  local: KeyValueArea & { remove(key: string): Promise<void> };
  /** storage.session, for small hand-overs between the background and the popup (never secrets). */
  sessionArea: KeyValueArea & { remove(key: string): Promise<void> };
  /** Opens the toolbar popup; false where the browser refuses (no user gesture). */
  openPopup(): Promise<boolean>;
  /** URL of a tab, or undefined when the tab is gone or not visible to us. */
  tabUrl(tabId: number): Promise<string | undefined>;
  /** Schedules (or replaces) the auto-lock alarm at an epoch-ms deadline. */
  scheduleLock(when: number): Promise<void>;
  cancelLock(): Promise<void>;
  /** Schedules (or replaces) the clipboard clear after a copy, at an epoch-ms time. */
  scheduleClipboardClear(when: number): Promise<void>;
  /**
   * Every frame of a tab with its document's own origin (null when opaque, e.g. sandboxed; frame 0 is the
   * top frame) and, where the browser has them (Chromium, current Firefox), the id of the checked document.
   */
  frameOrigins(tabId: number): Promise<FrameOrigin[]>;
  /**
   * Sends a message to our content script in one frame; resolves with its answer. With `documentId`, only
   * that document receives it (a document that replaced it after a navigation does not).
   */
  sendToFrame(tabId: number, frameId: number, message: unknown, documentId?: string): Promise<unknown>;
  /** PNG data URL of the visible part of a tab (rate-limited by the browser to ~2 calls/s). */
  captureVisibleTab(tabId: number): Promise<string>;
  now(): number;
}
