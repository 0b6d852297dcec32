/**
 * Keyboard commands and the context menu. Each is a trusted user gesture that the browser attributes to
 * the extension, so filling from here is allowed; anything that needs a choice or an unlock opens the
 * popup with an intent instead.
 */
import type { BackgroundDeps } from './deps';
import { saveIntent } from './intents';
import { accountAllowedOn } from '../sites/binding';
import { fillAccountInTab, usernameInTab } from './fill-in-tab';
import { pickAccount } from './fillable-accounts';
import { lastUsedOn } from './last-used';
import type { ShortcutOutcome } from '../messaging';

export const SCAN_MENU_ID = 'scan-qr';

/** Opens the popup first: Firefox honours openPopup only while the gesture's handler is still running. */
function openWithIntent(deps: BackgroundDeps, action: 'scan' | 'fill', tabId: number): Promise<unknown> {
  const opened = deps.openPopup();
  return Promise.all([opened, saveIntent(deps.sessionArea, { action, tabId, at: deps.now() })]);
}

export async function runScanCommand(deps: BackgroundDeps, tabId: number): Promise<void> {
  await openWithIntent(deps, 'scan', tabId);
}

/**
 * The fill shortcut: the one bound account, or the one the page's username (then the last use on this
 * site) names, is filled now. Several with nothing to tell them apart, or a locked vault: the popup asks.
 */
export async function fillBestInTab(deps: BackgroundDeps, tabId: number): Promise<ShortcutOutcome> {
  const dek = await deps.session.load();
  if (!dek) return 'locked';
  const frames = await deps.frameOrigins(tabId).catch(() => []);
  const topOrigin = frames.find((f) => f.frameId === 0)?.origin;
  if (!topOrigin) return 'none';
  const { accounts } = await deps.vault.list(dek);
  const bound = accounts.filter((a) => accountAllowedOn(topOrigin, a.allowedSites));
  if (bound.length === 0) return 'none';
  const pick =
    bound.length === 1
      ? pickAccount(bound, {})
      : pickAccount(bound, {
          username: await usernameInTab(deps, tabId, frames, topOrigin, bound),
          lastUsedId: await lastUsedOn(deps.sessionArea, topOrigin),
        });
  if ('choose' in pick) return 'choose';
  return fillAccountInTab(deps, dek, tabId, pick.account, false).then(
    () => 'filled' as const,
    () => 'no-field' as const,
  );
}

export async function runFillCommand(deps: BackgroundDeps, tabId: number): Promise<void> {
  const outcome = await fillBestInTab(deps, tabId);
  if (outcome === 'locked' || outcome === 'choose') await openWithIntent(deps, 'fill', tabId);
}
