import { useEffect, useRef } from 'preact/hooks';

/** A ref that focuses its element once mounted (the `autofocus` attribute is unreliable in re-rendered popups). */
export function useAutofocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
