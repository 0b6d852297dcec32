/**
 * What a keyboard command or the context menu asked the popup to do when it opened it (scan, or pick an
 * account to fill), taken once. A lazy chunk: most opens are a click and have none.
 */
import type { SendFn } from './api';
import type { UiIntent } from '../messaging';
import { takeLocalIntent, type LocalSources } from './popup-local';

export interface OpeningIntentInput {
  /** The popup's own storage reads; without them the background is asked. */
  local: LocalSources | undefined;
  send: SendFn;
  sleep: (ms: number) => Promise<void>;
  /** The command may save its intent just after the popup asks: ask once more after this. */
  retryMs: number;
  cancelled: () => boolean;
}

export async function takeOpeningIntent(input: OpeningIntentInput): Promise<UiIntent | null> {
  // why: read from storage.session directly where possible, so a plain open does not wake the background.
  const take = async () =>
    input.local ? takeLocalIntent(input.local) : (await input.send('takeIntent', {})).intent;
  let intent = await take();
  if (!intent) {
    await input.sleep(input.retryMs);
    if (input.cancelled()) return null;
    intent = await take();
  }
  return input.cancelled() ? null : intent;
}
