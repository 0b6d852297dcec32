/**
 * What the popup should do when it opens because of a keyboard command or a context-menu click (scan
 * the page, or fill after unlocking). Kept in storage.session, not in memory: the background may be
 * stopped between the command and the popup's first message.
 */
import type { UiIntent } from '../messaging';
import type { KeyValueArea } from './deps';

const KEY = 'uiIntent';
/** An intent older than this was not meant for the popup being opened now. */
const MAX_AGE_MS = 60_000;

export async function saveIntent(area: KeyValueArea, intent: UiIntent): Promise<void> {
  await area.set({ [KEY]: intent });
}

export async function takeIntent(area: KeyValueArea & { remove(key: string): Promise<void> }, now: number) {
  const stored = (await area.get(KEY))[KEY] as UiIntent | undefined;
  await area.remove(KEY);
  if (!stored || typeof stored !== 'object' || now - stored.at > MAX_AGE_MS || now < stored.at) return null;
  if (stored.action !== 'scan' && stored.action !== 'fill') return null;
  const { action, tabId, at, refusal } = stored;
  return typeof refusal === 'string' && /^[a-z-]{1,40}$/u.test(refusal)
    ? { action, tabId, at, refusal }
    : { action, tabId, at };
}
