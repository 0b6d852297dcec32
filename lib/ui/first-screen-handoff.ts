/**
 * What the popup's first-screen script (lib/ui/first-screen.ts, entrypoints/first-screen.ts) leaves on the
 * popup's window for the app, and how the app takes it. Apart from the script's code, so the app's first
 * load carries only this.
 */
import type { ListReply } from './popup-boot';
import type { PopupSnapshot } from '../vault/popup-snapshot';

/** The tab the popup acts on and its URL (undefined when not known or not readable). */
export interface FirstTab {
  id: number | undefined;
  url: string | undefined;
}

/** The popup's first two requests, started together at the page's start. */
export interface FirstReads {
  /** storage.session at the START_KEYS of popup-local. */
  values: Promise<Record<string, unknown>>;
  tab: Promise<FirstTab>;
}

/** What the first screen showed: the app's first render uses exactly this. */
export interface FirstScreen {
  list: ListReply;
  /** The head (with the tab's rows), for the app's later use (backup reminder). */
  snapshot: PopupSnapshot;
  tab: FirstTab;
  /** The idle time: the app moves the auto-lock deadline by it (an open counts as use). */
  idleMs: number;
}

/** Passed between the two scripts on the popup's window. */
export interface FirstScreenHandoff {
  reads: FirstReads;
  /** Set when the rows were drawn; the app then renders this data first. */
  shown: FirstScreen | null;
  /** Resolves once the script has drawn (true) or decided not to (false); never rejects. */
  settled: Promise<boolean>;
  /** Set by the app when it stops waiting: from then on the first-screen script draws nothing. */
  claimed: boolean;
}

export const FIRST_SCREEN_GLOBAL = '__mfaFirstScreen';

/** Longest the app waits for the first-screen script (its reads normally take a few ms). */
export const FIRST_SCREEN_WAIT_MS = 300;

/**
 * The handoff left by the first-screen script, once the script has drawn or declined (null when it did
 * not run, or did not finish within `waitMs`: it then draws nothing and the app renders alone). When rows
 * were drawn, this resolves after the next frame, so they are painted before the app's heavier render.
 */
export async function claimFirstScreen(
  win: object,
  waitMs = FIRST_SCREEN_WAIT_MS,
  timers: Pick<typeof globalThis, 'setTimeout' | 'requestAnimationFrame'> = globalThis,
): Promise<FirstScreenHandoff | null> {
  const handoff = (win as Record<string, unknown>)[FIRST_SCREEN_GLOBAL] as FirstScreenHandoff | undefined;
  if (!handoff?.settled || handoff.claimed) return null;
  const waited = (ms: number) =>
    new Promise<'late'>((resolve) => timers.setTimeout(() => resolve('late'), ms));
  const drawn = await Promise.race([handoff.settled, waited(waitMs)]);
  handoff.claimed = true;
  if (drawn === 'late') return null;
  if (drawn) {
    // why: a frame (or, where frames do not run, a short wait) lets the drawn rows reach the screen first.
    const framed = new Promise<void>((resolve) =>
      timers.requestAnimationFrame(() => timers.setTimeout(resolve, 0)),
    );
    await Promise.race([framed, waited(50)]);
  }
  return handoff;
}
