import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LoadingScreen } from '../shared/LoadingScreen';

/**
 * A screen whose code loads the first time it is shown (a dynamic import), so the popup's first load holds
 * only what the account list needs. Loaded once per popup; later openings render at once.
 */
export function lazyScreen<P extends object>(
  load: () => Promise<ComponentType<P>>,
  /** Shown while the code loads (a few ms from the package); a row's editor shows nothing. */
  placeholder: 'screen' | 'none' = 'screen',
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function LazyScreen(props: P) {
    const [Screen, setScreen] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (Screen) return;
      let live = true;
      pending ??= load().then((component) => (loaded = component));
      void pending.then((component) => live && setScreen(() => component));
      return () => {
        live = false;
      };
    }, [Screen]);
    if (Screen) return <Screen {...props} />;
    return placeholder === 'screen' ? <LoadingScreen /> : null;
  };
}
