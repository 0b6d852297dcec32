import type { Handler } from '../router';
import type { BackgroundDeps } from '../deps';
import { takeIntent } from '../intents';

export function takeIntentHandler(deps: BackgroundDeps): Handler<'takeIntent'> {
  return {
    access: 'extension',
    async handle() {
      return { intent: await takeIntent(deps.sessionArea, deps.now()) };
    },
  };
}
