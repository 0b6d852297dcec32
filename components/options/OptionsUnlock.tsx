import type { VaultState } from '../../lib/messaging';
import { t } from '../../lib/ui/i18n';
import { useUnlock } from '../hooks/use-unlock';
import { UnlockFields } from '../shared/UnlockFields';
import { useOptionsServices } from './services';

/** Locked vault: the same form as the popup's, with test ids of its own (both can be open at once). */
export function OptionsUnlock({ onUnlocked }: { onUnlocked: (state: VaultState) => void }) {
  const { send } = useOptionsServices();
  const unlock = useUnlock(send, onUnlocked);

  return (
    <section class="options-card" aria-labelledby="options-unlock-title">
      <h2 class="subtitle" id="options-unlock-title">
        {t('unlockTitle')}
      </h2>
      <form class="form" onSubmit={unlock.submit} aria-busy={unlock.busy}>
        <UnlockFields unlock={unlock} prefix="options-" />
        <div class="actions">
          <button
            type="submit"
            class="button primary"
            data-testid="options-unlock-submit"
            disabled={unlock.busy || !unlock.password}
          >
            {unlock.busy ? t('unlockBusy') : t('unlockSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
