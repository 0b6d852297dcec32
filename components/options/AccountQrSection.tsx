import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/ui/i18n';
import { accountDisplayName } from '../../lib/account-display-name';
import { toFailure } from '../../lib/ui/error-messages';
import { useAction } from '../hooks/use-action';
import { Button, Field, SubmitButton } from '../shared/form';
import { MasterPasswordStep } from './MasterPasswordStep';
import { OptionsCard } from './OptionsCard';
import { useOptionsServices } from './services';
import { useSecretLifetime } from './use-secret-lifetime';

/** How long one account's QR code stays on screen. */
export const ACCOUNT_QR_LIFETIME_MS = 60_000;

const QR_IDS = { password: 'account-qr-password', error: 'account-qr-error' };

interface AccountChoice {
  id: string;
  issuer: string;
  account: string;
}

/**
 * "Show as QR": one account's otpauth:// URI as a QR code, to add it to a phone as well (the site showed
 * its own QR only once). Master password again; gone after a minute or when the tab is left.
 */
export function AccountQrSection({ revision }: { revision: number }) {
  const { send, qrImage } = useOptionsServices();
  const [accounts, setAccounts] = useState<AccountChoice[] | null>(null);
  const [selected, setSelected] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  const { busy, setError, run } = action;
  const [image, setImage] = useState<{ src: string; label: string } | null>(null);

  const hide = useCallback(() => setImage(null), []);
  useSecretLifetime(image !== null, hide, ACCOUNT_QR_LIFETIME_MS);

  useEffect(() => {
    let cancelled = false;
    send('listAccounts', {}).then(
      ({ accounts: views }) => {
        if (cancelled) return;
        const choices = views.map(({ id, issuer, account }) => ({ id, issuer, account }));
        setAccounts(choices);
        setSelected((current) => (choices.some((c) => c.id === current) ? current : (choices[0]?.id ?? '')));
      },
      (failure: unknown) => !cancelled && setError(toFailure(failure)),
    );
    return () => {
      cancelled = true;
    };
  }, [send, setError, revision]);

  function show(event: Event) {
    event.preventDefault();
    const choice = accounts?.find((a) => a.id === selected);
    if (busy || !password || !choice) return;
    setImage(null);
    void run('busy', async () => {
      const { uri } = await send('accountUri', { id: choice.id, password });
      setImage({ src: await qrImage(uri), label: accountDisplayName(choice, 'colon') });
      setPassword('');
    });
  }

  const select = (
    <Field label={t('qrAccountLabel')}>
      <select
        data-testid="account-qr-select"
        value={selected}
        disabled={busy || accounts === null}
        onChange={(event) => {
          setSelected(event.currentTarget.value);
          hide();
        }}
      >
        {(accounts ?? []).map((choice) => (
          <option key={choice.id} value={choice.id}>
            {accountDisplayName(choice, 'colon')}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <OptionsCard name="account-qr" title={t('qrTitle')} intro={t('qrIntro')}>
      {accounts !== null && accounts.length === 0 ? (
        <p class="hint" data-testid="account-qr-empty">
          {t('qrNoAccounts')}
        </p>
      ) : (
        <form class="form" onSubmit={show} aria-busy={busy}>
          <MasterPasswordStep ids={QR_IDS} action={action} password={[password, setPassword]} beside={select}>
            <div class="actions">
              <SubmitButton look="primary" testId="account-qr-show" disabled={busy || !password || !selected}>
                {t('qrShow')}
              </SubmitButton>
            </div>
          </MasterPasswordStep>
        </form>
      )}
      {image && (
        <div class="stack">
          <p class="warning" role="status" data-testid="account-qr-warning">
            {t('qrWarning')}
          </p>
          <figure class="qr-figure">
            <img
              class="qr-image"
              data-testid="account-qr-image"
              src={image.src}
              alt={t('qrImageAlt', image.label)}
            />
            <figcaption dir="auto">{image.label}</figcaption>
          </figure>
          <div class="actions">
            <Button testId="account-qr-hide" onClick={hide}>
              {t('exportHide')}
            </Button>
          </div>
        </div>
      )}
    </OptionsCard>
  );
}
