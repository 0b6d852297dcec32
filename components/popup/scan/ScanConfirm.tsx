import { useState } from 'preact/hooks';
import type { NameClash } from '../../../lib/messaging';
import { accountDisplayName } from '../../../lib/account-display-name';
import { toFailure } from '../../../lib/ui/error-messages';
import { fillFailure, fillOutcome, type FillOutcome } from '../../../lib/ui/fill-outcome';
import { t } from '../../../lib/ui/i18n';
import type { EnrollSummary } from './ScanDone';
import { NameClashChoice, type ClashDecision } from '../add/NameClashChoice';
import { ScanAccountCard, type ScanCardState } from './ScanAccountCard';
import type { FoundAccount } from '../../../lib/ui/scan-kit';
import type { SiteChoice } from '../../../lib/sites/binding';
import { sitesFromText } from '../../../lib/ui/sites-text';
import { useServices } from '../services';
import { useAutofocus } from '../../hooks/use-autofocus';
import { Button } from '../../shared/form';

export interface TabSite {
  origin: string | null;
  suggestedSites: string[];
}

/** A card, the origin of the frame its QR code came from, and a name clash the background reported. */
interface ConfirmCard extends ScanCardState {
  origin: string | null;
  clash?: NameClash;
  replaced?: boolean;
}

interface ScanConfirmProps {
  accounts: FoundAccount[];
  site: TabSite;
  tabId: number | undefined;
  /** Sites an account starts bound to, from the origin of the frame that showed its QR code. */
  sitesFor: (origin: string | null, issuer: string) => string[];
  /** The exact host and the "all of …" site offered for an origin (null: nothing wider to offer). */
  siteChoiceFor?: (origin: string | null) => SiteChoice | null;
  /** Click-to-confirm-screen time, exposed for the e2e timing note. */
  elapsedMs: number;
  onCancel: () => void;
  onDone: (summary: EnrollSummary) => void;
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host || origin;
  } catch {
    return origin;
  }
}

/** Shown when the QR code came from a frame of another origin than the page (or from an opaque one). */
function FrameWarning({ origin, top }: { origin: string | null; top: string | null }) {
  if (top === null || origin === top) return null;
  return (
    <p
      class="warning"
      role="alert"
      dir="auto"
      data-testid="scan-frame-warning"
      data-frame-origin={origin ?? ''}
    >
      {origin === null
        ? t('scanFrameOpaque', hostOf(top))
        : t('scanFrameWarning', [hostOf(origin), hostOf(top)])}
    </p>
  );
}

/**
 * Confirm before adding: one card per account found, names and sites editable, nothing written before
 * "Add". Each account is added on its own and bound to the frame that showed its QR code. The same secret
 * is a duplicate and never replaces the stored one; the name of a stored account with another secret makes
 * the user choose "keep both" or "replace" (never decided for them). When exactly one account was added,
 * its code is filled into the page to finish the enrollment.
 */
export function ScanConfirm(props: ScanConfirmProps) {
  const { send } = useServices();
  const [cards, setCards] = useState<ConfirmCard[]>(() =>
    props.accounts.map(({ data, origin }) => ({
      data,
      origin,
      issuer: data.issuer,
      account: data.account,
      include: true,
      sitesText: props.sitesFor(origin, data.issuer).join('\n'),
      siteChoice: props.siteChoiceFor?.(origin) ?? null,
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
        const next: ConfirmCard = { ...card, ...patch };
        // why: the profile sites follow the issuer until the user edits the sites themselves.
        if (patch.issuer !== undefined && !next.sitesEdited) {
          next.sitesText = props.sitesFor(card.origin, patch.issuer).join('\n');
        }
        // why: a choice was about the account shown; after an edit the background is asked again.
        if (patch.issuer !== undefined || patch.account !== undefined || patch.sitesText !== undefined)
          delete next.clash;
        return next;
      }),
    );
  }

  /** Adds every included card not added yet; `decision` answers the name clash of card `decided`. */
  async function addAll(decided?: { index: number; decision: ClashDecision }) {
    if (busy) return;
    setBusy(true);
    const results = cards.map((card) => ({ ...card }));
    for (const [index, card] of results.entries()) {
      if (!card.include || card.status === 'added') continue;
      const decision = decided?.index === index ? decided.decision : undefined;
      // why: only a clash the user just answered is acted on; any other is asked (again), never assumed.
      if (card.clash && !decision) continue;
      try {
        const { id, replaced } = await send('addAccount', {
          data: { ...card.data, issuer: card.issuer, account: card.account },
          allowedSites: sitesFromText(card.sitesText),
          // why: bound to the frame that showed the QR code, which may not be the page's own origin.
          enrolledOrigin: card.origin ?? '',
          onNameClash: decision ?? 'ask',
          ...(decision === 'replace' && card.clash ? { replaceId: card.clash.existing.id } : {}),
        });
        Object.assign(card, {
          status: 'added',
          id,
          error: '',
          clash: undefined,
          replaced: replaced === true,
        });
      } catch (error) {
        const failure = toFailure(error);
        if (failure.code === 'name-clash' && failure.clash) {
          Object.assign(card, { status: 'pending', error: '', clash: failure.clash });
          continue;
        }
        const status = failure.code === 'duplicate' ? 'duplicate' : 'error';
        Object.assign(card, { status, error: failure.message, clash: undefined });
      }
    }
    setCards(results);
    // A refusal the user can fix (a bad site, a name) or a choice to make keeps the screen.
    if (results.some((card) => card.include && (card.status === 'error' || card.clash))) {
      setBusy(false);
      return;
    }
    const added = results.filter((card) => card.status === 'added');
    props.onDone({
      added: added.map((card) => accountDisplayName(card, 'parens')),
      replaced: added.filter((card) => card.replaced).map((card) => accountDisplayName(card, 'parens')),
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
  const chosen = cards.filter((card) => card.include && card.status !== 'added' && !card.clash).length;
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
        <div key={index} class="scan-card-group" data-testid="scan-card-group">
          <FrameWarning origin={card.origin} top={props.site.origin} />
          <ScanAccountCard
            card={card}
            selectable={several}
            disabled={busy}
            onChange={(patch) => update(index, patch)}
          />
          {card.clash && card.include && card.status !== 'added' && (
            <NameClashChoice
              clash={card.clash}
              disabled={busy}
              onChoose={(decision) => void addAll({ index, decision })}
            />
          )}
        </div>
      ))}
      <div class="actions">
        <Button testId="scan-cancel" disabled={busy} onClick={props.onCancel}>
          {t('cancel')}
        </Button>
        <Button
          buttonRef={addRef}
          look="primary"
          testId="scan-add"
          disabled={busy || chosen === 0}
          onClick={() => void addAll()}
        >
          {busy ? t('saving') : several ? t('scanAddMany', String(chosen)) : t('scanAddOne')}
        </Button>
      </div>
    </section>
  );
}
