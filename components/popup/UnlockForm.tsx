import type { VaultState } from '../../lib/messaging';
import { t } from '../../lib/ui/i18n';
import { useUnlock } from '../hooks/use-unlock';
import { UnlockFields } from '../shared/UnlockFields';
import { useServices } from './services';

/** Locked vault: one password field, Enter submits; the KDF takes a moment, so show that we are busy. */
export function UnlockForm({ onUnlocked }: { onUnlocked: (state: VaultState) => void }) {
  const { send } = useServices();
  const unlock = useUnlock(send, onUnlocked);

  return (
    <section class="screen screen-center">
      <h1 class="title">{t('unlockTitle')}</h1>
      <form class="form wide" onSubmit={unlock.submit} aria-busy={unlock.busy}>
        <UnlockFields unlock={unlock} prefix="" />
        <button type="submit" class="button primary wide" data-testid="unlock-submit" disabled={unlock.busy}>
          {unlock.busy ? t('unlockBusy') : t('unlockSubmit')}
        </button>
      </form>
    </section>
  );
}
