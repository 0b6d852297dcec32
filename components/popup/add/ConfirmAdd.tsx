import { useState } from 'preact/hooks';
import type { NameClash } from '../../../lib/messaging';
import type { OtpAccountData } from '../../../lib/otp/types';
import { t } from '../../../lib/ui/i18n';
import { AccountPreview } from './AccountPreview';
import { NameClashChoice, type ClashDecision } from './NameClashChoice';
import { useServices } from '../services';
import { useToast } from '../../shared/Toast';
import { useAction } from '../../hooks/use-action';
import { useAutofocus } from '../../hooks/use-autofocus';
import { ErrorText } from '../../shared/form';

interface ConfirmAddProps {
  data: OtpAccountData;
  /** Origin of the page the key was read from ('' when typed in without one): the background binds to it. */
  enrolledOrigin?: string;
  onBack: () => void;
  onSaved: (id: string) => void;
}

/**
 * The preview step: shows what will be stored and saves only on "Add account". An account with the name of
 * a stored one (and another secret) is not refused: the user keeps both or replaces the old one.
 */
export function ConfirmAdd({ data, enrolledOrigin = '', onBack, onSaved }: ConfirmAddProps) {
  const { send } = useServices();
  const toast = useToast();
  const { busy, error, setError, run } = useAction();
  const [clash, setClash] = useState<NameClash | null>(null);
  const confirmRef = useAutofocus<HTMLButtonElement>();

  function save(decision?: ClashDecision) {
    void run('busy', async () => {
      const { id } = await send('addAccount', {
        data,
        allowedSites: [],
        enrolledOrigin,
        onNameClash: decision ?? 'ask',
        ...(decision === 'replace' && clash ? { replaceId: clash.existing.id } : {}),
      });
      toast(t('added'));
      onSaved(id);
    }).then((failure) => {
      if (!failure) return;
      // A name clash is a choice to offer, not an error; duplicates and other refusals are shown as such.
      const asked = (failure.code === 'name-clash' && failure.clash) || null;
      setClash(asked);
      if (asked) setError(null);
    });
  }

  return (
    <section class="screen add-screen">
      <h2 class="subtitle">{t('previewTitle')}</h2>
      <AccountPreview data={data} />
      <ErrorText error={error} testId="add-error" />
      {clash && <NameClashChoice clash={clash} disabled={busy} onChoose={save} />}
      <div class="actions">
        <button type="button" class="button" data-testid="add-back" onClick={onBack} disabled={busy}>
          {t('back')}
        </button>
        <button
          ref={confirmRef}
          type="button"
          class="button primary"
          data-testid="add-confirm"
          disabled={busy || clash !== null}
          onClick={() => void save()}
        >
          {busy ? t('saving') : t('addSave')}
        </button>
      </div>
    </section>
  );
}
