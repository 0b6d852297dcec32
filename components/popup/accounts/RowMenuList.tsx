import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../../../lib/ui/i18n';
import type { RowAction, RowMenuListProps } from './RowMenu';

/**
 * The open ⋮ menu of a row: its items, focus on the first at open, arrow keys between items, Home/End,
 * Esc closes and gives the focus back to the menu button, a click outside closes.
 */
export function RowMenuList({
  menuLabel,
  pinned,
  canMoveUp,
  canMoveDown,
  onToggle,
  onAction,
  buttonRef,
}: RowMenuListProps) {
  const menuRef = useRef<HTMLDivElement>(null);

  // why: built only when the menu opens; a long list renders hundreds of closed menus.
  const menuItems = (): Array<{
    action: RowAction;
    testId: string;
    text: string;
    disabled?: boolean;
    danger?: boolean;
  }> => [
    { action: 'pin', testId: 'row-pin', text: pinned ? t('menuUnpin') : t('menuPin') },
    { action: 'rename', testId: 'row-rename', text: t('menuRename') },
    { action: 'sites', testId: 'row-sites', text: t('menuSites') },
    { action: 'up', testId: 'row-up', text: t('menuMoveUp'), disabled: !canMoveUp },
    { action: 'down', testId: 'row-down', text: t('menuMoveDown'), disabled: !canMoveDown },
    { action: 'delete', testId: 'row-delete', text: t('menuDelete'), danger: true },
  ];

  // why: the row passes a new callback on each render; a ref keeps the latest without re-running the effect.
  const toggleRef = useRef(onToggle);
  toggleRef.current = onToggle;

  // why: a layout effect runs in the same task as the render, so the focus is in the menu the moment its items
  // exist (an Esc pressed right after opening must reach the menu, not the button).
  useLayoutEffect(() => {
    menuRef.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
    const closeOnOutside = (event: MouseEvent) => {
      const target = event.target as Node | null;
      if (target && !menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) {
        toggleRef.current(false);
      }
    };
    document.addEventListener('mousedown', closeOnOutside);
    return () => document.removeEventListener('mousedown', closeOnOutside);
  }, [buttonRef]);

  function onMenuKeyDown(event: KeyboardEvent) {
    const buttons = [
      ...(menuRef.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? []),
    ];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    let next: HTMLButtonElement | undefined;
    if (event.key === 'ArrowDown') next = buttons[(index + 1) % buttons.length];
    else if (event.key === 'ArrowUp') next = buttons[(index - 1 + buttons.length) % buttons.length];
    else if (event.key === 'Home') next = buttons[0];
    else if (event.key === 'End') next = buttons[buttons.length - 1];
    else if (event.key === 'Escape') {
      event.stopPropagation();
      onToggle(false);
      buttonRef.current?.focus();
    } else if (event.key === 'Tab') onToggle(false);
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }

  return (
    <div ref={menuRef} class="menu" role="menu" aria-label={menuLabel} onKeyDown={onMenuKeyDown}>
      {menuItems().map((item) => (
        <button
          key={item.action}
          type="button"
          role="menuitem"
          class={`menu-item${item.danger ? ' danger' : ''}`}
          data-testid={item.testId}
          disabled={item.disabled}
          onClick={() => {
            onToggle(false);
            onAction(item.action);
          }}
        >
          {item.text}
        </button>
      ))}
    </div>
  );
}
