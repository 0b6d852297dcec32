import type { Handler } from '../router';
import type { BackgroundDeps } from '../deps';
import { fillableAccounts } from '../fillable-accounts';
import { originOf } from '../router';

/**
 * A content script asks whether to offer a fill button. Answered from the origins the browser reports
 * for the sender (its frame and its tab's top frame), never from the payload; discloses no code.
 */
export function contentHelloHandler(deps: BackgroundDeps): Handler<'contentHello'> {
  return {
    access: 'content',
    async handle(_payload, ctx) {
      const frameOrigin = ctx.senderOrigin;
      const topOrigin = originOf(ctx.sender.tab?.url);
      if (!frameOrigin || !topOrigin) return { canFill: false };
      // why: a content script must not keep the vault awake, so this reads the key without extending it.
      const dek = await deps.session.load();
      if (!dek) return { canFill: false };
      return { canFill: (await fillableAccounts(deps, dek, topOrigin, frameOrigin)).length > 0 };
    },
  };
}
