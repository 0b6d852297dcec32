import type { ComponentChildren, Ref } from 'preact';
import { MAX_LABEL_LENGTH } from '../../lib/otp/label';
import type { Failure } from '../../lib/ui/error-messages';
import { t } from '../../lib/ui/i18n';

/** A control with its label text above it (and a hint below), as every form here lays it out. */
export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <label class="field">
      <span>{label}</span>
      {children}
      {hint}
    </label>
  );
}

/** What a text input is bound to: its value and the setter its `input` events call. */
export interface Bound {
  value: string;
  onValue: (value: string) => void;
}

/** Which password field: its label (read when shown, so in the user's language), test id, what the browser may fill in. */
export interface PasswordSpec {
  label: () => string;
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
  hint?: ComponentChildren;
}

/** A labelled password input. */
export function PasswordField({
  label,
  testId,
  value,
  onValue,
  busy,
  inputRef,
  hint,
  ...aria
}: PasswordFieldProps) {
  return (
    <Field label={label()} hint={hint}>
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

/** Which text area: its label (read when shown; some take a number), test id, height and an example. */
export interface TextAreaSpec {
  label: (arg?: string) => string;
  testId: string;
  rows: number;
  placeholder?: string;
}

export interface TextAreaFieldProps extends Bound, TextAreaSpec {
  /** What the label says of the text (a count). */
  labelArg?: string;
  readOnly?: boolean;
  invalid?: boolean;
  textareaRef?: Ref<HTMLTextAreaElement>;
  onKeyDown?: (event: KeyboardEvent) => void;
}

/** A labelled text area for machine text (sites, URIs, exports): no spell checking or capitals. */
export function TextAreaField({ label, labelArg, testId, value, onValue, ...props }: TextAreaFieldProps) {
  return (
    <Field label={label(labelArg)}>
      <textarea
        ref={props.textareaRef}
        data-testid={testId}
        rows={props.rows}
        spellcheck={false}
        autocapitalize="off"
        autocomplete="off"
        placeholder={props.placeholder}
        value={value}
        readOnly={props.readOnly || undefined}
        aria-invalid={props.invalid || undefined}
        onInput={(event) => onValue(event.currentTarget.value)}
        onKeyDown={props.onKeyDown}
      />
    </Field>
  );
}

interface NameFieldsProps {
  /** Test ids of the issuer and the account input. */
  testIds: readonly [string, string];
  issuer: string;
  account: string;
  onChange: (patch: { issuer?: string; account?: string }) => void;
  issuerRef?: Ref<HTMLInputElement>;
  /** Examples shown while empty. */
  placeholders?: readonly [string, string];
}

/** The issuer and account name inputs of an account, as every editor shows them (`name` finds them). */
export function NameFields({ testIds, issuer, account, onChange, issuerRef, placeholders }: NameFieldsProps) {
  const inputs = [
    { name: 'issuer', label: t('fieldIssuer'), value: issuer },
    { name: 'account', label: t('fieldAccount'), value: account },
  ] as const;
  return (
    <>
      {inputs.map((input, index) => (
        <Field key={input.name} label={input.label}>
          <input
            ref={index === 0 ? issuerRef : undefined}
            name={input.name}
            data-testid={testIds[index]}
            dir="auto"
            maxLength={MAX_LABEL_LENGTH}
            placeholder={placeholders?.[index]}
            value={input.value}
            onInput={(event) => onChange({ [input.name]: event.currentTarget.value })}
          />
        </Field>
      ))}
    </>
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

interface ButtonProps {
  testId?: string;
  children: ComponentChildren;
  /** Extra classes after `button`: 'primary', 'wide', 'small', 'danger'. */
  look?: string;
  disabled?: boolean;
  buttonRef?: Ref<HTMLButtonElement>;
}

/** A plain button (not a submit) with its test id. */
export function Button({ onClick, ...props }: ButtonProps & { onClick: () => void }) {
  return <BaseButton type="button" onClick={onClick} {...props} />;
}

/** The button that submits its form. */
export function SubmitButton(props: ButtonProps) {
  return <BaseButton type="submit" {...props} />;
}

function BaseButton({
  type,
  look,
  testId,
  buttonRef,
  ...props
}: ButtonProps & { type: 'button' | 'submit'; onClick?: () => void }) {
  return (
    <button
      ref={buttonRef}
      type={type}
      class={look ? `button ${look}` : 'button'}
      data-testid={testId}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

export interface CheckFieldProps {
  testId: string;
  checked: boolean;
  onChecked(checked: boolean): void;
  label: string;
  hint?: string;
}

/** An on/off setting: a checkbox with its label, and a hint line under it. */
export function CheckField({ testId, checked, onChecked, label, hint }: CheckFieldProps) {
  return (
    <>
      <label class="check">
        <input
          type="checkbox"
          data-testid={testId}
          checked={checked}
          onChange={(event) => onChecked(event.currentTarget.checked)}
        />
        <span>{label}</span>
      </label>
      {hint !== undefined && <p class="hint">{hint}</p>}
    </>
  );
}
