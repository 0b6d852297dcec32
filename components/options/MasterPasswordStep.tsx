import type { ComponentChildren } from 'preact';
import type { Failure } from '../../lib/ui/error-messages';
import { ErrorText, PasswordField } from '../shared/form';
import { t } from '../../lib/ui/i18n';

const MASTER = { label: () => t('masterPasswordLabel') };

interface MasterPasswordStepProps {
  /** Test ids of the field and of the error line. */
  ids: { password: string; error: string };
  /** The section's request (useAction): the field is read-only while it runs; its error shows below. */
  action: { busy: boolean; error: Failure | null };
  password: readonly [string, (value: string) => void];
  describedBy?: string;
  /** Shown next to the field, two columns wide (the account to show). */
  beside?: ComponentChildren;
  /** Shown between the field and the error (more fields). */
  between?: ComponentChildren;
  /** What follows the error: a status and the action buttons. */
  children: ComponentChildren;
}

/**
 * The master password typed again before a sensitive action (a backup, a plain export, a QR code): the
 * field, read-only while the request runs, the error of the last try, then the section's buttons.
 */
export function MasterPasswordStep({
  ids,
  action,
  password,
  beside,
  between,
  children,
  ...props
}: MasterPasswordStepProps) {
  const [value, onValue] = password;
  const field = (
    <PasswordField
      {...MASTER}
      testId={ids.password}
      busy={action.busy}
      describedBy={props.describedBy}
      value={value}
      onValue={onValue}
    />
  );
  return (
    <>
      {beside ? (
        <div class="grid-2">
          {beside}
          {field}
        </div>
      ) : (
        field
      )}
      {between}
      <ErrorText error={action.error} testId={ids.error} />
      {children}
    </>
  );
}
