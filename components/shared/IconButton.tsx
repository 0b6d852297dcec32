import { Icon, type IconName } from './Icon';

interface IconButtonProps {
  icon: IconName;
  /** Read by screen readers and shown as the tooltip. */
  label: string;
  testId: string;
  /** The screen this button opens is the one shown. */
  current?: boolean;
  disabled?: boolean;
  onClick: () => void;
}

/** A square button showing only an icon, named by its label. */
export function IconButton({ icon, label, testId, current, disabled, onClick }: IconButtonProps) {
  return (
    <button
      type="button"
      class="icon-button"
      data-testid={testId}
      aria-label={label}
      title={label}
      aria-current={current ? 'page' : undefined}
      disabled={disabled}
      onClick={onClick}
    >
      <Icon name={icon} />
    </button>
  );
}
