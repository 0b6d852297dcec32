import type { Handler } from '../router';
import type { BackgroundDeps } from '../deps';
import { readSettings } from '../settings';
import { requireUnlocked } from '../unlocked-key';
import { CLIPBOARD_CLEAR_MS } from '../../ui/clipboard';

/**
 * The popup copied a code. The clear is scheduled here, with an alarm, because the popup's own timers die
 * when it closes (which it does as soon as the user clicks into the page to paste).
 */
export function clipboardCopiedHandler(deps: BackgroundDeps): Handler<'clipboardCopied'> {
  return {
    access: 'extension',
    async handle() {
      const { clearClipboard } = await readSettings(deps, await requireUnlocked(deps));
      if (!clearClipboard) return { clearAt: null };
      const clearAt = deps.now() + CLIPBOARD_CLEAR_MS;
      await deps.scheduleClipboardClear(clearAt);
      return { clearAt };
    },
  };
}
