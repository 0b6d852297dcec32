import { MessageError, type ResponseOf } from '../messaging';
import type { SendFn } from './api';
import type { PopupSnapshot } from '../vault/popup-snapshot';
import type { LocalSources } from './popup-local';
import type { FirstScreenHandoff } from './first-screen-handoff';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects: an unused failed request must not become an unhandled rejection. */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** `partial`: the first screen's rows only (read from the snapshot's head); the rest comes after painting. */
export type ListReply = ResponseOf<'listAccounts'> & { partial?: true };

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
  /**
   * The list the first-screen script drew (lib/ui/first-screen.ts), handed out once, synchronously, so the
   * list's first render is those rows (Preact adopts the drawn elements); null when nothing was drawn.
   */
  takeInitial(): ListReply | null;
  /** The first-screen script drew the unlocked list: the app's first render is that screen, not a spinner. */
  shown: boolean;
  /** The snapshot's head read at open (null when there was none): the backup reminder uses it too. */
  snapshot: Promise<PopupSnapshot | null>;
  /** A fresh list from the snapshot for a tab, or null (then the background is asked). */
  localList?: (tabId: number | undefined) => Promise<ListReply | null>;
  /**
   * The first screen's rows from the snapshot's head, read afresh (a list shown after an unlock): every
   * account is read after painting, as at open. Null: read the whole list.
   */
  headList?: (tabId: number | undefined) => Promise<ListReply | null>;
}

export function startPopupBoot(
  send: SendFn,
  getTabId: () => Promise<number | undefined>,
  local?: LocalSources,
  first?: FirstScreenHandoff | null,
): PopupBoot {
  // why: the first-screen script asked for the tab and the storage at the page's start; they are not asked again.
  const firstTab = first?.reads.tab;
  const tabId = (firstTab ? firstTab.then((tab) => tab.id) : getTabId()).catch(() => undefined);
  // why: with the snapshot and the marker read here, an open sends no message at all (the worker sleeps on).
  // why: the snapshot's reader and the code generator are a lazy chunk: a list the first-screen script drew
  // needs neither for its first render; otherwise the chunk loads beside the storage read.
  const reader = local ? import('./popup-local') : null;
  const start = local
    ? (async () => (await reader!).readLocalStart(local, first?.reads.values))().catch(() => null)
    : Promise.resolve(null);
  /** A tab's URL, for the tab's accounts first; undefined when there is no tab or it cannot be read. */
  const urlOfTab = (id: number | undefined) =>
    (id === undefined || !local ? Promise.resolve(undefined) : local.tabUrl(id)).catch(() => undefined);
  // why: the tab's URL is asked beside the storage read, not after it.
  const tabUrl = !local
    ? Promise.resolve(undefined)
    : firstTab
      ? firstTab.then((tab) => tab.url).catch(() => undefined)
      : tabId.then(urlOfTab);
  let initial = first?.shown?.list ?? null;
  const state = start.then((known): Promise<Settled<ResponseOf<'getVaultState'>>> =>
    known
      ? Promise.resolve({ ok: true, value: { state: known.state, lockAt: 0 } })
      : settle(send('getVaultState', {})),
  );
  let list: Promise<Settled<ListReply>> | null = initial
    ? Promise.resolve({ ok: true as const, value: initial })
    : start.then(async (known) => {
        if (known && known.state !== 'unlocked') {
          return { ok: false as const, error: new MessageError('locked', 'The vault is locked.') };
        }
        const reply = local && (await (await reader!).listAtOpen(local, known, tabUrl));
        if (reply) return { ok: true as const, value: reply };
        return settle(tabId.then((id) => send('listAccounts', { tabId: id })));
      });
  return {
    state,
    tabId,
    shown: initial !== null,
    snapshot: first?.shown
      ? Promise.resolve(first.shown.snapshot)
      : start.then((known) => (known && 'snapshot' in known ? known.snapshot : null)),
    ...(local
      ? {
          // why: every account is read after the first screen has painted; its code loads then, not at open.
          localList: (id: number | undefined) =>
            import('./popup-full').then((m) => m.readLocalList(local, id)).catch(() => null),
          headList: async (id: number | undefined) => {
            const { readLocalStart, listAtOpen } = await reader!;
            return listAtOpen(local, await readLocalStart(local), urlOfTab(id));
          },
        }
      : {}),
    takeList() {
      const taken = list;
      list = null;
      initial = null;
      return taken;
    },
    takeInitial() {
      const taken = initial;
      initial = null;
      if (taken) list = null;
      return taken;
    },
    expire() {
      list = null;
      initial = null;
    },
  };
}
