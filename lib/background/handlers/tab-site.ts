import type { Handler } from '../router';
import type { BackgroundDeps } from '../deps';
import { originOfTab } from '../tab-origin';
import { initialAllowedSites } from '../../sites/binding';

export function tabSiteHandler(deps: BackgroundDeps): Handler<'tabSite'> {
  return {
    access: 'extension',
    async handle({ tabId }) {
      const origin = await originOfTab(deps, tabId);
      if (!origin) return { origin, suggestedSites: [] };
      return { origin, suggestedSites: initialAllowedSites(origin, '', await deps.publicSuffixes()) };
    },
  };
}
