import { useState } from 'preact/hooks';
import type { OtpAccountData } from '../lib/otp/types';
import type { SiteChoice } from '../lib/sites/binding';
import { errorCode, errorMessage } from '../lib/ui/api';
import { fillFailure, fillOutcome, type FillOutcome } from '../lib/ui/fill-outcome';
import { t } from '../lib/ui/i18n';
import { displayName } from './AccountRow';
import type { EnrollSummary } from './ScanDone';
import { ScanAccountCard, type ScanCardState } from './ScanAccountCard';
import { sitesFromText } from './SitesForm';
import { useServices } from './services';
import { useAutofocus } from './use-autofocus';

export interface TabSite {
  origin: string | null;
  suggestedSites: string[];
}

interface ScanConfirmProps {
  accounts: OtpAccountData[];
  site: TabSite;
  tabId: number | undefined;
  /** Sites an account with this issuer starts bound to (tab's registrable domain + issuer profile). */
  sitesFor: (issuer: string) => string[];
  /** The exact host and the "all of …" site offered for an origin (null: nothing wider to offer). */
  siteChoiceFor?: (origin: string | null) => SiteChoice | null;
  /** Click-to-confirm-screen time, exposed for the e2e timing note. */
  elapsedMs: number;
  onCancel: () => void;
  onDone: (summary: EnrollSummary) => void;
  onStateLost: () => void;
}

/**
 * Confirm before adding: one card per account found, names and sites editable, nothing written before
 * "Add". Each account is added on its own; a duplicate is reported and never replaces the stored one.
 * When exactly one account was added, its code is filled into the page to finish the enrollment.
 */
export function ScanConfirm(props: ScanConfirmProps) {
  const { send } = useServices();
  const [cards, setCards] = useState<ScanCardState[]>(() =>
    props.accounts.map((data) => ({
      data,
      issuer: data.issuer,
      account: data.account,
      include: true,
      sitesText: props.sitesFor(data.issuer).join('\n'),
      siteChoice: props.siteChoiceFor?.(props.site.origin) ?? null,
      sitesEdited: false,
      status: 'pending',
      error: '',
    })),
  );
  const [busy, setBusy] = useState(false);
  const addRef = useAutofocus<HTMLButtonElement>();

  function update(index: number, patch: Partial<ScanCardState>) {
    setCards((current) =>
      current.map((card, i) => {
        if (i !== index) return card;
        const next = { ...card, ...patch };
        // why: the profile sites follow the issuer until the user edits the sites themselves.
        if (patch.issuer !== undefined && !next.sitesEdited) {
          next.sitesText = props.sitesFor(patch.issuer).join('\n');
        }
        return next;
      }),
    );
  }

  async function addAll() {
    if (busy) return;
    setBusy(true);
    const results = cards.map((card) => ({ ...card }));
    for (const card of results) {
      if (!card.include || card.status === 'added') continue;
      try {
        const { id } = await send('addAccount', {
          data: { ...card.data, issuer: card.issuer, account: card.account },
          allowedSites: sitesFromText(card.sitesText),
          enrolledOrigin: props.site.origin ?? '',
        });
        Object.assign(card, { status: 'added', id, error: '' });
      } catch (failure) {
        if (errorCode(failure) === 'locked') {
          props.onStateLost();
          return;
        }
        const status = errorCode(failure) === 'duplicate' ? 'duplicate' : 'error';
        Object.assign(card, { status, error: errorMessage(failure) });
      }
    }
    setCards(results);
    // A refusal the user can fix (a bad site, a name) keeps the screen; added cards stay added.
    if (results.some((card) => card.include && card.status === 'error')) {
      setBusy(false);
      return;
    }
    const added = results.filter((card) => card.status === 'added');
    props.onDone({
      added: added.map((card) => displayName(card)),
      duplicates: results.filter((card) => card.include && card.status === 'duplicate').map((c) => c.error),
      fill: added.length === 1 && added[0]?.id ? await fill(added[0].id) : null,
    });
  }

  async function fill(accountId: string): Promise<FillOutcome | null> {
    if (props.tabId === undefined) return null;
    try {
      return fillOutcome(await send('fillTab', { tabId: props.tabId, accountId, twoCodes: true }));
    } catch (failure) {
      return fillFailure(failure);
    }
  }

  const several = cards.length > 1;
  const chosen = cards.filter((card) => card.include && card.status !== 'added').length;
  return (
    <section class="screen" data-testid="scan-confirm" data-scan-ms={Math.round(props.elapsedMs)}>
      <h2 class="subtitle">
        {several ? t('scanConfirmTitleMany', String(cards.length)) : t('scanConfirmTitle')}
      </h2>
      {props.site.origin && (
        <p class="hint" dir="auto" data-testid="scan-origin">
          {t('scanEnrolledOn', props.site.origin)}
        </p>
      )}
      {cards.map((card, index) => (
        <ScanAccountCard
          key={index}
          card={card}
          selectable={several}
          disabled={busy}
          onChange={(patch) => update(index, patch)}
        />
      ))}
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="scan-cancel"
          disabled={busy}
          onClick={props.onCancel}
        >
          {t('cancel')}
        </button>
        <button
          ref={addRef}
          type="button"
          class="button primary"
          data-testid="scan-add"
          disabled={busy || chosen === 0}
          onClick={() => void addAll()}
        >
          {busy ? t('saving') : several ? t('scanAddMany', String(chosen)) : t('scanAddOne')}
        </button>
      </div>
    </section>
  );
}
