import type { Handler } from '../router';
import { UserFacingError } from '../errors';
import type { BackgroundDeps, StoredAccountPatch } from '../deps';
import { requireUnlocked } from '../unlocked-key';
import { cleanLabel } from '../../otp/label';
import { normalizeSites } from '../allowed-sites';

export function updateAccountHandler(deps: BackgroundDeps): Handler<'updateAccount'> {
  return {
    access: 'extension',
    async handle({ id, patch }) {
      const dek = await requireUnlocked(deps);
      if (typeof id !== 'string' || typeof patch !== 'object' || patch === null) {
        throw new UserFacingError('invalid-request', 'Malformed update.');
      }
      const clean: StoredAccountPatch = {};
      if (patch.issuer !== undefined) clean.issuer = cleanLabel(String(patch.issuer));
      if (patch.account !== undefined) clean.account = cleanLabel(String(patch.account));
      if (patch.pinned !== undefined) clean.pinned = patch.pinned === true;
      if (patch.allowedSites !== undefined)
        clean.allowedSites = normalizeSites(patch.allowedSites, await deps.publicSuffixes());
      await deps.vault.update(dek, id, clean);
      return null;
    },
  };
}
