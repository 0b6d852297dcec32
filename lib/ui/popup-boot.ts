import type { ResponseOf } from '../messaging';
import type { SendFn } from './api';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects: an unused failed request must not become an unhandled rejection. */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

export type ListReply = ResponseOf<'listAccounts'>;

/**
 * The popup's first requests, sent the moment the script runs: the vault state and, in parallel, the
 * account list (the background answers `locked` when it is not unlocked, which is then simply not used).
 * Waiting for the state before asking for the list would cost one more round trip on every open.
 */
export interface PopupBoot {
  state: Promise<Settled<ResponseOf<'getVaultState'>>>;
  /** The popup's own tab, asked once. */
  tabId: Promise<number | undefined>;
  /**
   * The list asked at start, handed out once to the first list that mounts for the popup's own tab, and
   * only while `expire` has not been called (any state change after the first answer makes it stale).
   */
  takeList(): Promise<Settled<ListReply>> | null;
  expire(): void;
}

export function startPopupBoot(send: SendFn, getTabId: () => Promise<number | undefined>): PopupBoot {
  const state = settle(send('getVaultState', {}));
  const tabId = getTabId().catch(() => undefined);
  let list: Promise<Settled<ListReply>> | null = settle(
    tabId.then((id) => send('listAccounts', { tabId: id })),
  );
  return {
    state,
    tabId,
    takeList() {
      const taken = list;
      list = null;
      return taken;
    },
    expire() {
      list = null;
    },
  };
}
