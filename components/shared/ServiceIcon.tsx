import { useEffect, useState } from 'preact/hooks';
import type { serviceBadgeFor } from '../../lib/ui/service-icons';

type Badge = typeof serviceBadgeFor;

let badgeFor: Badge | undefined;
let loading: Promise<Badge> | undefined;

// why: the icons (and the tile code) are their own chunk, loaded from the extension after the first paint,
// never from the network; the popup's entry carries only this loader.
function loadIcons(): Promise<Badge> {
  loading ??= import('../../lib/ui/service-icons').then((module) => (badgeFor = module.serviceBadgeFor));
  return loading;
}

/**
 * The icon of an account's service: its bundled brand icon, else a lettered tile; an empty tile while the
 * icons load. Decorative: the issuer's name is the text beside it.
 */
export function ServiceIcon({ name }: { name: string }) {
  const [badge, setBadge] = useState<Badge | undefined>(() => badgeFor);
  useEffect(() => {
    if (badge) return;
    let live = true;
    void loadIcons().then((loaded) => live && setBadge(() => loaded));
    return () => {
      live = false;
    };
  }, [badge]);

  const shown = badge?.(name);
  const icon = shown && 'path' in shown ? shown : undefined;
  return (
    <span
      class={`service-icon${shown && !icon ? ' letter' : ''}`}
      aria-hidden="true"
      data-testid="service-icon"
      data-icon={icon?.slug ?? ''}
      style={shown ? { background: shown.background } : undefined}
    >
      {icon ? (
        <svg viewBox="0 0 24 24" width="12" height="12" focusable="false">
          <path d={icon.path} fill={icon.foreground} />
        </svg>
      ) : (
        shown && 'letter' in shown && shown.letter
      )}
    </span>
  );
}
