import type { RefObject } from 'preact';
import { useRef } from 'preact/hooks';
import { t } from '../../../lib/ui/i18n';
import { Icon } from '../../shared/Icon';
import { lazyScreen } from '../lazy-screen';

export type RowAction = 'pin' | 'rename' | 'sites' | 'up' | 'down' | 'delete';

interface RowMenuProps {
  label: string;
  open: boolean;
  pinned: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onToggle: (open: boolean) => void;
  onAction: (action: RowAction) => void;
}

export interface RowMenuListProps extends Omit<RowMenuProps, 'open'> {
  menuLabel: string;
  /** The menu button: a click on it is not a click outside, and Esc gives it the focus back. */
  buttonRef: RefObject<HTMLButtonElement>;
}

// why: the list and its keyboard handling load on the first open; every popup open renders the buttons only.
const RowMenuList = lazyScreen<RowMenuListProps>(
  () => import('./RowMenuList').then((m) => m.RowMenuList),
  'none',
);

/**
 * The ⋮ menu of a row: a menu button (aria-haspopup) and, when open, its list of menu items (RowMenuList.tsx:
 * arrow keys, Home/End, Esc, a click outside).
 */
export function RowMenu({ label, open, onToggle, ...rest }: RowMenuProps) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuLabel = t('menuFor', label);
  return (
    <div class="row-menu-wrap">
      <button
        ref={buttonRef}
        type="button"
        class="icon-button"
        data-testid="row-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={menuLabel}
        title={menuLabel}
        onClick={() => onToggle(!open)}
      >
        <Icon name="more" />
      </button>
      {open && (
        <RowMenuList
          label={label}
          menuLabel={menuLabel}
          buttonRef={buttonRef}
          onToggle={onToggle}
          {...rest}
        />
      )}
    </div>
  );
}
