import type { Handler } from '../router';
import type { BackgroundDeps } from '../deps';
import { fillBestInTab } from '../commands';

/**
 * The fill keyboard command's path for an extension page: the same choice and fill as the shortcut
 * (which a headless browser cannot press), never more than the popup's own Fill may do.
 */
export function fillShortcutHandler(deps: BackgroundDeps): Handler<'fillShortcut'> {
  return {
    access: 'extension',
    async handle({ tabId }) {
      return { outcome: await fillBestInTab(deps, tabId) };
    },
  };
}
