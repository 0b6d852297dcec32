import type { ComponentChildren } from 'preact';
import type { Failure } from '../../lib/ui/error-messages';
import { ErrorText, PasswordField, type Bound } from '../shared/form';

const MASTER = { labelKey: 'masterPasswordLabel' };

interface MasterPasswordStepProps extends Bound {
  /** Test ids of the field and of the error line. */
  passwordTestId: string;
  errorTestId: string;
  busy: boolean;
  error: Failure | null;
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
export function MasterPasswordStep({ beside, between, children, ...props }: MasterPasswordStepProps) {
  const field = (
    <PasswordField
      {...MASTER}
      testId={props.passwordTestId}
      busy={props.busy}
      describedBy={props.describedBy}
      value={props.value}
      onValue={props.onValue}
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
      <ErrorText error={props.error} testId={props.errorTestId} />
      {children}
    </>
  );
}
