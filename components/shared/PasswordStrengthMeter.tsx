import { passwordStrength } from '../../lib/ui/password-strength';
import { t } from '../../lib/ui/i18n';

/** A five-step bar plus a word; announced politely as the user types. */
export function PasswordStrengthMeter({ password, testId }: { password: string; testId: string }) {
  const strength = passwordStrength(password);
  return (
    <div class="strength" data-testid={testId} data-score={strength.score} aria-live="polite">
      <div class="strength-bar" aria-hidden="true">
        {[0, 1, 2, 3, 4].map((step) => (
          <span key={step} class={step <= strength.score && password ? `filled s${strength.score}` : ''} />
        ))}
      </div>
      <span class="strength-label">
        {password ? t('strengthLabel', t(strength.labelKey)) : t('strengthEmpty')}
      </span>
    </div>
  );
}
