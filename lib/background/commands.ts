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
import { toErrorInfo } from './errors';

export const SCAN_MENU_ID = 'scan-qr';

/** Opens the popup first: Firefox honours openPopup only while the gesture's handler is still running. */
function openWithIntent(
  deps: BackgroundDeps,
  action: 'scan' | 'fill',
  tabId: number,
  refusal?: string,
): Promise<unknown> {
  const opened = deps.openPopup();
  const intent = { action, tabId, at: deps.now(), ...(refusal ? { refusal } : {}) };
  return Promise.all([opened, saveIntent(deps.sessionArea, intent)]);
}

export async function runScanCommand(deps: BackgroundDeps, tabId: number): Promise<void> {
  await openWithIntent(deps, 'scan', tabId);
}

/**
 * The fill shortcut: the one bound account, or the one the page's username (then the last use on this
 * site) names, is filled now. Several with nothing to tell them apart, or a locked vault: the popup asks.
 */
export async function fillBestInTab(deps: BackgroundDeps, tabId: number): Promise<ShortcutOutcome> {
  return (await fillBest(deps, tabId)).outcome;
}

async function fillBest(
  deps: BackgroundDeps,
  tabId: number,
): Promise<{ outcome: ShortcutOutcome; code?: string }> {
  const outcome = (value: ShortcutOutcome) => ({ outcome: value });
  const dek = await deps.session.load();
  if (!dek) return outcome('locked');
  const frames = await deps.frameOrigins(tabId).catch(() => []);
  const topOrigin = frames.find((f) => f.frameId === 0)?.origin;
  if (!topOrigin) return outcome('none');
  const suffixes = await deps.publicSuffixes();
  const { accounts } = await deps.vault.list(dek);
  const bound = accounts.filter((a) => accountAllowedOn(topOrigin, a.allowedSites, suffixes));
  if (bound.length === 0) return outcome('none');
  const pick =
    bound.length === 1
      ? pickAccount(bound, {})
      : pickAccount(bound, {
          username: await usernameInTab(deps, tabId, frames, topOrigin, bound),
          lastUsedId: await lastUsedOn(deps.sessionArea, topOrigin),
        });
  if ('choose' in pick) return outcome('choose');
  return fillAccountInTab(deps, dek, tabId, pick.account, false).then(
    () => outcome('filled'),
    (error: unknown) => ({ outcome: 'no-field' as const, code: toErrorInfo(error).code }),
  );
}

export async function runFillCommand(deps: BackgroundDeps, tabId: number): Promise<void> {
  const { outcome, code } = await fillBest(deps, tabId);
  if (outcome === 'locked' || outcome === 'choose') await openWithIntent(deps, 'fill', tabId);
  // why: a shortcut that silently does nothing looks broken; the popup says why nothing was filled.
  else if (outcome === 'no-field') await openWithIntent(deps, 'fill', tabId, code);
}
