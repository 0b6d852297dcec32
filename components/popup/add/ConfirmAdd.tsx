import { useState } from 'preact/hooks';
import { MessageError, type NameClash } from '../../../lib/messaging';
import type { OtpAccountData } from '../../../lib/otp/types';
import { errorCode, errorMessage } from '../../../lib/ui/api';
import { t } from '../../../lib/ui/i18n';
import { AccountPreview } from './AccountPreview';
import { NameClashChoice, type ClashDecision } from './NameClashChoice';
import { useServices } from '../services';
import { useToast } from '../../shared/Toast';
import { useAutofocus } from '../../hooks/use-autofocus';

interface ConfirmAddProps {
  data: OtpAccountData;
  /** Origin of the page the key was read from ('' when typed in without one): the background binds to it. */
  enrolledOrigin?: string;
  onBack: () => void;
  onSaved: (id: string) => void;
  onStateLost: () => void;
}

/**
 * The preview step: shows what will be stored and saves only on "Add account". An account with the name of
 * a stored one (and another secret) is not refused: the user keeps both or replaces the old one.
 */
export function ConfirmAdd({ data, enrolledOrigin = '', onBack, onSaved, onStateLost }: ConfirmAddProps) {
  const { send } = useServices();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [clash, setClash] = useState<NameClash | null>(null);
  const confirmRef = useAutofocus<HTMLButtonElement>();

  async function save(decision?: ClashDecision) {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      const { id } = await send('addAccount', {
        data,
        allowedSites: [],
        enrolledOrigin,
        onNameClash: decision ?? 'ask',
        ...(decision === 'replace' && clash ? { replaceId: clash.existing.id } : {}),
      });
      toast(t('added'));
      onSaved(id);
    } catch (failure) {
      if (errorCode(failure) === 'locked') onStateLost();
      if (errorCode(failure) === 'name-clash' && failure instanceof MessageError && failure.clash) {
        setClash(failure.clash);
      } else {
        setClash(null);
        // Duplicates and other refusals are shown in the background's words.
        setError(errorMessage(failure));
      }
      setBusy(false);
    }
  }

  return (
    <section class="screen add-screen">
      <h2 class="subtitle">{t('previewTitle')}</h2>
      <AccountPreview data={data} />
      {error && (
        <p class="error" role="alert" data-testid="add-error">
          {error}
        </p>
      )}
      {clash && (
        <NameClashChoice clash={clash} disabled={busy} onChoose={(decision) => void save(decision)} />
      )}
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
