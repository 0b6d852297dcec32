import { useRef, useState } from 'preact/hooks';
import { lockAwareSend, type SendFn } from '../../lib/ui/api';

/**
 * `services` with `send` wrapped once for the whole side (popup or options page): a `locked` reply (the
 * vault auto-locked while it was open) calls `onLocked.current`, which reads the state again and so brings
 * the unlock screen. No screen handles that reply itself.
 */
export function useLockAwareServices<S extends { send: SendFn }>(services: S) {
  const onLocked = useRef(() => {});
  const [client] = useState<S>(() => ({
    ...services,
    send: lockAwareSend(services.send, () => onLocked.current()),
  }));
  return { client, onLocked };
}
