import { useState } from 'preact/hooks';
import type { VaultState } from '../../lib/messaging';
import type { SendFn } from '../../lib/ui/api';
import { useAction } from './use-action';
import { useAutofocus } from './use-autofocus';

/**
 * The unlock form's behaviour, shared by the popup and the options page: one submission at a time (the KDF
 * takes a moment), the wrong-password message, and the field selected again after a failure.
 */
export function useUnlock(send: SendFn, onUnlocked: (state: VaultState) => void) {
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const passwordRef = useAutofocus<HTMLInputElement>();

  function submit(event: Event) {
    event.preventDefault();
    if (!password) return;
    void run('busy', async () => {
      const { state } = await send('unlockVault', { password });
      setPassword('');
      onUnlocked(state);
    }).then((failure) => {
      // why: the input is read-only while busy; select once it is editable so the user can retype at once.
      if (failure) setTimeout(() => passwordRef.current?.select(), 0);
    });
  }

  return { password, setPassword, error: error?.message ?? '', busy, passwordRef, submit };
}

export type Unlock = ReturnType<typeof useUnlock>;
