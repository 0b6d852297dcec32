/**
 * Keyboard commands and the context menu. Each is a trusted user gesture that the browser attributes to
 * the extension, so filling from here is allowed; anything that needs a choice or an unlock opens the
 * popup with an intent instead.
 */
import type { BackgroundDeps } from './deps';
import { saveIntent } from './intents';
import { accountAllowedOn } from '../sites/binding';
import { fillAccountInTab } from './fill-in-tab';

export const SCAN_MENU_ID = 'scan-qr';

/** Opens the popup first: Firefox honours openPopup only while the gesture's handler is still running. */
function openWithIntent(deps: BackgroundDeps, action: 'scan' | 'fill', tabId: number): Promise<unknown> {
  const opened = deps.openPopup();
  return Promise.all([opened, saveIntent(deps.sessionArea, { action, tabId, at: deps.now() })]);
}

export async function runScanCommand(deps: BackgroundDeps, tabId: number): Promise<void> {
  await openWithIntent(deps, 'scan', tabId);
}

/** One bound account: fill it now. Several, or locked: let the popup ask. None: do nothing. */
export async function runFillCommand(deps: BackgroundDeps, tabId: number): Promise<void> {
  const dek = await deps.session.load();
  if (!dek) {
    await openWithIntent(deps, 'fill', tabId);
    return;
  }
  const frames = await deps.frameOrigins(tabId).catch(() => []);
  const topOrigin = frames.find((f) => f.frameId === 0)?.origin;
  if (!topOrigin) return;
  const { accounts } = await deps.vault.list(dek);
  const bound = accounts.filter((a) => accountAllowedOn(topOrigin, a.allowedSites));
  const [only] = bound;
  if (bound.length === 1 && only) {
    await fillAccountInTab(deps, dek, tabId, only, false).catch(() => undefined);
  } else if (bound.length > 1) {
    await openWithIntent(deps, 'fill', tabId);
  }
}
