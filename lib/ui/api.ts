import {
  send,
  MessageError,
  type MessageSender,
  type MessageType,
  type RequestOf,
  type ResponseOf,
} from '../messaging';

/** How the popup talks to the background; components receive it through context so tests can fake it. */
export type SendFn = <K extends MessageType>(type: K, payload: RequestOf<K>) => Promise<ResponseOf<K>>;

/** Binds the typed `send` of lib/messaging.ts to a runtime (WXT's `browser` in the popup). */
export function createSend(runtime: MessageSender): SendFn {
  return (type, payload) => send(runtime, type, payload);
}

/** Error code of a failed reply, or 'internal' for anything else (a thrown runtime error). */
export function errorCode(error: unknown): string {
  return error instanceof MessageError ? error.code : 'internal';
}

/** Human message of a failure, as the background phrased it. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `send` for one side (popup or options page) that handles "the vault locked under you" once: a `locked`
 * reply calls `onLocked` (the side reads the vault state again and shows its unlock screen) and the
 * caller's promise never settles, since the screen that asked is about to be replaced.
 */
export function lockAwareSend(send: SendFn, onLocked: () => void): SendFn {
  return async (type, payload) => {
    try {
      return await send(type, payload);
    } catch (error) {
      if (errorCode(error) !== 'locked') throw error;
      onLocked();
      return new Promise<never>(() => {});
    }
  };
}
