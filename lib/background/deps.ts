/**
 * What the background handlers need from the outside world, as narrow interfaces so unit tests can
 * pass fakes and the entrypoint passes the real browser APIs. Nothing here holds state between
 * wake-ups: the vault is in IndexedDB, the unlocked key and its deadline are in storage.session.
 */
import type { VaultRepository } from '../vault/types';
import type { VaultSession } from '../vault/session';
import type { SettingsStore } from '../vault/settings-store';
import type { SyncPort } from '../sync/background';
import type { PublicSuffixes } from '../sites/public-suffixes';

export type { StoredAccount, StoredAccountPatch } from '../vault/types';

/** The vault repository (lib/vault) itself: the handlers and the test fakes use its one interface. */
export type VaultPort = VaultRepository;

/** The data key's session (lib/vault/session). */
export type SessionPort = VaultSession;

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
export type SettingsPort = SettingsStore;

export interface BackgroundDeps {
  vault: VaultPort;
  /** storage.sync and the sync alarm (lib/sync/background); absent where sync is not wired (most tests). */
  sync?: SyncPort;
  session: SessionPort;
  /** Security settings live here, out of reach of content scripts (unlike storage.local). */
  settings: SettingsPort;
  /** storage.local: only read once, to move settings of older versions into the vault, then cleared. */
  local: KeyValueArea & { remove(key: string): Promise<void> };
  /**
   * storage.session, for small hand-overs between the background and the popup, and the popup's snapshot
   * (lib/vault/popup-snapshot: several keys, read with a list or `null` for all).
   */
  sessionArea: {
    get(keys: string | string[] | null): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
    remove(keys: string | string[]): Promise<void>;
  };
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
  /**
   * The Date header of a HEAD request to `origin` + '/' (no cookies, no cache, redirects not followed, a
   * short timeout), or null when there is none. Only for the clock check of the origin being filled.
   */
  serverDate(origin: string): Promise<string | null>;
  /**
   * The Public Suffix List, read from its packaged file at the first lookup of a wake and kept for the
   * rest of it. Rejects when the file is missing or broken: callers then bind and fill nothing.
   */
  publicSuffixes(): Promise<PublicSuffixes>;
  now(): number;
}
