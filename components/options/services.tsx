import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SendFn } from '../../lib/ui/api';

/** Everything the options page needs from the outside world; main.tsx wires the browser, tests pass fakes. */
export interface OptionsServices {
  send: SendFn;
  /** Hands `text` to the browser as a file download (lib/ui/download.ts). */
  download: (fileName: string, text: string, mimeType: string) => void;
  /** A QR code of `text` as an image URL (see qr-image.ts). */
  qrImage: (text: string) => Promise<string>;
  /** Runs `callback` after `ms`; returns a cancel function. Tests fire it by hand instead of waiting. */
  later: (callback: () => void, ms: number) => () => void;
  /** A date and time for humans, in the browser's language. */
  formatDate: (epochMs: number) => string;
}

export const OptionsServicesContext = createContext<OptionsServices | null>(null);

export function useOptionsServices(): OptionsServices {
  const services = useContext(OptionsServicesContext);
  if (!services)
    throw new Error('OptionsServicesContext is missing: render inside <OptionsApp services={...}>.');
  return services;
}
