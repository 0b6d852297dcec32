import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SendFn } from '../lib/ui/api';
import type { ClipboardLike } from '../lib/ui/clipboard';
import type { ScanKit } from '../lib/ui/scan-kit';

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
}

export const ServicesContext = createContext<PopupServices | null>(null);

export function useServices(): PopupServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesContext is missing: render inside <App services={...}>.');
  return services;
}
