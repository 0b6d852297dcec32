import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { App } from '../../../components/popup/App';
import type { PopupServices } from '../../../components/popup/services';
import {
  MessageError,
  type AccountView,
  type MessageType,
  type RequestOf,
  type ResponseOf,
} from '../../../lib/messaging';
import type { SendFn } from '../../../lib/ui/api';
import type { RgbaImage } from '../../../lib/qr/image';
import { createScanKit, type ScanKit } from '../../../lib/ui/scan-kit';
import { SUFFIXES } from '../sites/suffixes';

/**
 * A scan kit whose "decoder" knows the QR text behind each image data URL (`qrTexts`), with the real
 * find/parse/site rules around it. Crops of a screenshot decode to nothing; the whole screenshot decodes
 * to its text, so a screenshot-only code is found on the fallback pass.
 */
export function fakeScanKit(qrTexts: Record<string, string>): ScanKit {
  const textOf = new WeakMap<RgbaImage, string>();
  return createScanKit(
    {
      rasterize: async (dataUrl) => {
        const image: RgbaImage = { data: new Uint8ClampedArray(4), width: 1, height: 1 };
        const text = qrTexts[dataUrl];
        if (text !== undefined) textOf.set(image, text);
        return image;
      },
      decode: (image) => textOf.get(image) ?? null,
    },
    SUFFIXES,
  );
}

/** A fake background: one function per message; a message without one fails like an unknown message. */
export type FakeHandlers = {
  [K in MessageType]?: (payload: RequestOf<K>) => ResponseOf<K> | Promise<ResponseOf<K>>;
};

export interface Call {
  type: MessageType;
  payload: unknown;
}

export function fakeSend(handlers: FakeHandlers): { send: SendFn; calls: Call[] } {
  const calls: Call[] = [];
  const send: SendFn = async (type, payload) => {
    calls.push({ type, payload });
    const handler = handlers[type] as ((payload: unknown) => unknown) | undefined;
    if (!handler) throw new MessageError('unhandled', `No fake for ${type}`);
    return (await handler(payload)) as ResponseOf<typeof type>;
  };
  return { send, calls };
}

export const NOW = 1_700_000_000_000;

export function fakeServices(handlers: FakeHandlers, overrides: Partial<PopupServices> = {}) {
  const { send, calls } = fakeSend(handlers);
  const copied: string[] = [];
  /** What the popup did outside the messages: options page opened, host access asked, flags set. */
  const effects = { optionsOpened: 0, permissionRequests: [] as { origins: string[] }[] };
  const flags = new Set<string>();
  const services: PopupServices = {
    send,
    clipboard: {
      writeText: async (text) => void copied.push(text),
    },
    now: () => NOW,
    getTabId: async () => 7,
    loadScanKit: async () => fakeScanKit({}),
    sleep: async () => {},
    openOptionsPage: async () => {
      effects.optionsOpened += 1;
    },
    // Host access granted by default (as in Chrome, where it comes with the install).
    permissions: {
      contains: async () => true,
      request: async (permissions) => {
        effects.permissionRequests.push(permissions);
        return true;
      },
    },
    sessionFlags: {
      get: async (name) => flags.has(name),
      set: async (name) => void flags.add(name),
    },
    ...overrides,
  };
  return { services, calls, copied, effects, flags };
}

export function account(overrides: Partial<AccountView> & { id: string }): AccountView {
  return {
    kind: 'totp',
    issuer: 'Issuer',
    account: 'someone',
    digits: 6,
    period: 30,
    pinned: false,
    order: 0,
    allowedSites: [],
    code: '123456',
    nextCode: '654321',
    validUntil: NOW + 20_000,
    matchesTab: false,
    ...overrides,
  };
}

export interface Mounted {
  container: HTMLElement;
  byTestId<T extends Element = HTMLElement>(id: string): T | null;
  allByTestId<T extends Element = HTMLElement>(id: string): T[];
  unmount(): void;
}

export function mount(ui: ComponentChild): Mounted {
  const container = document.createElement('div');
  document.body.append(container);
  // why: a synchronous act flushes before it returns; its thenable carries nothing more to wait for.
  void act(() => render(ui, container));
  return {
    container,
    byTestId: <T extends Element>(id: string) => container.querySelector<T>(`[data-testid="${id}"]`),
    allByTestId: <T extends Element>(id: string) => [
      ...container.querySelectorAll<T>(`[data-testid="${id}"]`),
    ],
    unmount: () => {
      void act(() => render(null, container));
      container.remove();
    },
  };
}

export function mountApp(services: PopupServices): Mounted {
  return mount(<App services={services} />);
}

/** Polls until `check` returns a value (not null/undefined/false), flushing Preact between tries. */
export async function waitFor<T>(check: () => T | null | undefined | false, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    const value = check();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`waitFor timed out: ${check.toString()}`);
  }
}

export async function typeInto(element: HTMLInputElement | HTMLTextAreaElement | null, value: string) {
  if (!element) throw new Error('typeInto: no element');
  await act(() => {
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function click(element: Element | null) {
  if (!element) throw new Error('click: no element');
  await act(() => {
    (element as HTMLElement).click();
  });
}

export async function submit(form: HTMLFormElement | null | undefined) {
  if (!form) throw new Error('submit: no form');
  await act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}
