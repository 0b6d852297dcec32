import { useEffect, useRef } from 'preact/hooks';
import { useOptionsServices } from './services';

/**
 * While `shown` is true, calls `hide` after `lifetimeMs`, or as soon as the page is hidden (another tab,
 * minimised window) or left. Secrets on screen (a QR code, a plain export) should not outlive the moment
 * they were asked for.
 */
export function useSecretLifetime(shown: boolean, hide: () => void, lifetimeMs: number): void {
  const { later } = useOptionsServices();
  const hideRef = useRef(hide);
  hideRef.current = hide;

  useEffect(() => {
    if (!shown) return;
    const cancel = later(() => hideRef.current(), lifetimeMs);
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') hideRef.current();
    };
    const onLeave = () => hideRef.current();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onLeave);
    return () => {
      cancel();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onLeave);
    };
  }, [shown, later, lifetimeMs]);
}
