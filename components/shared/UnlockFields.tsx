import type { Unlock } from '../hooks/use-unlock';
import { ErrorText, PasswordField } from './form';
import { t } from '../../lib/ui/i18n';

const LABEL = { label: () => t('unlockPasswordLabel') };

/** The password field and its error of an unlock form; `prefix` keeps the popup's and the page's ids apart. */
export function UnlockFields({ unlock, prefix }: { unlock: Unlock; prefix: '' | 'options-' }) {
  const errorId = `${prefix}unlock-error`;
  return (
    <>
      <PasswordField
        {...LABEL}
        testId={`${prefix}unlock-password`}
        inputRef={unlock.passwordRef}
        busy={unlock.busy}
        invalid={Boolean(unlock.error)}
        describedBy={unlock.error ? errorId : undefined}
        value={unlock.password}
        onValue={unlock.setPassword}
      />
      <ErrorText error={unlock.error} testId={errorId} id={errorId} />
    </>
  );
}
