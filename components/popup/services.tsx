import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SendFn } from '../../lib/ui/api';
import type { ClipboardLike } from '../../lib/ui/clipboard';
import type { PopupBoot } from '../../lib/ui/popup-boot';
import type { ScanKit } from '../../lib/ui/scan-kit';
import type { LocalSources } from '../../lib/ui/popup-local';
import type { FirstScreenHandoff } from '../../lib/ui/first-screen-handoff';

/** The part of `browser.permissions` the popup uses (Firefox lets users withhold host access). */
export interface HostPermissions {
  contains(permissions: { origins: string[] }): Promise<boolean>;
  /** Must be called from a click handler: browsers ask only during a user gesture. */
  request(permissions: { origins: string[] }): Promise<boolean>;
}

/** Flags that last for the browser session (e.g. a dismissed reminder); `storage.session` in the browser. */
export interface SessionFlags {
  get(name: string): Promise<boolean>;
  set(name: string): Promise<void>;
}

/** Everything the popup needs from the outside world; main.tsx wires the browser, tests pass fakes. */
export interface PopupServices {
  send: SendFn;
  clipboard: ClipboardLike;
  /** Epoch ms; the countdowns read it once per second. */
  now: () => number;
  /** The tab whose site decides which accounts come first (see lib/ui/tab-id.ts). */
  getTabId: () => Promise<number | undefined>;
  /** Loads the QR decoder and site rules on first use (a dynamic import: they are large). */
  loadScanKit: () => Promise<ScanKit>;
  /** Waits; faked in tests so retries (intent, capture quota) need no real time. */
  sleep: (ms: number) => Promise<void>;
  /** Opens the options page (backup, restore, import). */
  openOptionsPage: () => Promise<void>;
  permissions: HostPermissions;
  sessionFlags: SessionFlags;
  /** The popup's own reads (snapshot, deadline, marker); without it every read is a message. */
  local?: LocalSources;
  /** What the first-screen script read (and maybe drew) before the app loaded; claimed once by main.tsx. */
  firstScreen?: FirstScreenHandoff | null;
}

export const ServicesContext = createContext<PopupServices | null>(null);

export function useServices(): PopupServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesContext is missing: render inside <App services={...}>.');
  return services;
}

/** The popup's first requests (lib/ui/popup-boot.ts); App provides it, the account list takes the list once. */
export const BootContext = createContext<PopupBoot | null>(null);

export function useBoot(): PopupBoot | null {
  return useContext(BootContext);
}
