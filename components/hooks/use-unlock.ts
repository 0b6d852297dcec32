import { useRef, useState } from 'preact/hooks';
import type { VaultState } from '../../lib/messaging';
import type { SendFn } from '../../lib/ui/api';
import { errorCode, errorMessage } from '../../lib/ui/api';
import { t } from '../../lib/ui/i18n';
import { useAutofocus } from './use-autofocus';

/**
 * The unlock form's behaviour, shared by the popup and the options page: one submission at a time (the KDF
 * takes a moment), the wrong-password message, and the field selected again after a failure.
 */
export function useUnlock(send: SendFn, onUnlocked: (state: VaultState) => void) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const passwordRef = useAutofocus<HTMLInputElement>();
  const submitting = useRef(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (submitting.current || !password) return;
    submitting.current = true;
    setBusy(true);
    setError('');
    try {
      const { state } = await send('unlockVault', { password });
      setPassword('');
      onUnlocked(state);
    } catch (failure) {
      setError(errorCode(failure) === 'wrong-password' ? t('unlockWrongPassword') : errorMessage(failure));
      setBusy(false);
      // why: the input is read-only while busy; select once it is editable so the user can retype at once.
      setTimeout(() => passwordRef.current?.select(), 0);
    } finally {
      submitting.current = false;
    }
  }

  return { password, setPassword, error, busy, passwordRef, submit };
}
