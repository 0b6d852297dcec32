import { useCallback, useRef, useState } from 'preact/hooks';
import { toFailure, type ErrorKeyOverrides, type Failure } from '../../lib/ui/error-messages';

/**
 * Busy and error state of a button-triggered request: one run at a time, the error cleared when a run
 * starts and worded by the one error table. `Step` names what is running when a screen has several
 * buttons that say so ("Reading…" vs "Importing…"). A `locked` reply never gets here (lib/ui/api.ts).
 */
export function useAction<Step extends string = 'busy'>(overrides?: ErrorKeyOverrides) {
  const [running, setRunning] = useState<Step | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const inFlight = useRef(false);
  const overridesRef = useRef(overrides);
  overridesRef.current = overrides;

  /** Runs `action` unless one is running; resolves to its failure, or null when it succeeded or was skipped. */
  const run = useCallback(async (step: Step, action: () => Promise<void>): Promise<Failure | null> => {
    if (inFlight.current) return null;
    inFlight.current = true;
    setRunning(step);
    setError(null);
    try {
      await action();
      return null;
    } catch (failure) {
      const info = toFailure(failure, overridesRef.current);
      setError(info);
      return info;
    } finally {
      inFlight.current = false;
      setRunning(null);
    }
  }, []);

  /** Shows a problem found before any request (a too-short password). */
  const refuse = useCallback((message: string, code = 'refused') => setError({ code, message }), []);

  return { busy: running !== null, running, error, setError, refuse, run };
}
