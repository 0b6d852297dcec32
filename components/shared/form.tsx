import type { ComponentChildren, Ref } from 'preact';
import type { Failure } from '../../lib/ui/error-messages';
import { t } from '../../lib/ui/i18n';

/** A control with its label text above it, as every form here lays it out. */
export function Field({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <label class="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** What a text input is bound to: its value and the setter its `input` events call. */
export interface Bound {
  value: string;
  onValue: (value: string) => void;
}

/** Which password field: its label (an i18n key), test id and what the browser may fill in. */
export interface PasswordSpec {
  labelKey: string;
  testId: string;
  /** A password being chosen, or one the browser must not fill; else the current master password. */
  autocomplete?: 'new-password' | 'off';
}

/** Spread into a spec for a password being chosen (not the one to unlock with). */
export const CHOSEN_PASSWORD = { autocomplete: 'new-password' } as const;

export interface PasswordFieldProps extends Bound, PasswordSpec {
  /** Read-only while a request runs, so what was sent is what stays on screen. */
  busy?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  minLength?: number;
}

/** A labelled password input. */
export function PasswordField({
  labelKey,
  testId,
  value,
  onValue,
  busy,
  inputRef,
  ...aria
}: PasswordFieldProps) {
  return (
    <Field label={t(labelKey)}>
      <input
        ref={inputRef}
        type="password"
        data-testid={testId}
        autocomplete={aria.autocomplete ?? 'current-password'}
        minLength={aria.minLength}
        required={aria.required}
        value={value}
        readOnly={busy || undefined}
        aria-invalid={aria.invalid || undefined}
        aria-describedby={aria.describedBy}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
    </Field>
  );
}

/** The error line of a form; a `Failure` also carries its code (`data-code`) for tests. */
export function ErrorText({
  error,
  testId,
  id,
}: {
  error: string | Failure | null;
  testId: string;
  id?: string;
}) {
  if (!error) return null;
  const failure = typeof error === 'string' ? null : error;
  return (
    <p class="error" role="alert" id={id} data-testid={testId} data-code={failure?.code}>
      {failure ? failure.message : error}
    </p>
  );
}

/** A plain button (not a submit) with its test id; `primary` for the main action of a row. */
export function Button(props: {
  testId?: string;
  onClick: () => void;
  children: ComponentChildren;
  primary?: boolean;
  disabled?: boolean;
  buttonRef?: Ref<HTMLButtonElement>;
}) {
  return (
    <button
      ref={props.buttonRef}
      type="button"
      class={props.primary ? 'button primary' : 'button'}
      data-testid={props.testId}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}
