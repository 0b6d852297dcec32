import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../../../lib/ui/error-messages';
import { t } from '../../../lib/ui/i18n';
import { scanTabForAccounts, screenshotOf, type ScanPhase } from '../../../lib/ui/scan-flow';
import type { FoundAccount, FractionRect, ScanKit, ScanRejection } from '../../../lib/ui/scan-kit';
import { ScanAreaSelect } from './ScanAreaSelect';
import { ScanConfirm, type TabSite } from './ScanConfirm';
import { ScanDone, type EnrollSummary } from './ScanDone';
import { useServices } from '../services';

type ScanState =
  | { step: 'scanning'; phase: ScanPhase | 'area' }
  | { step: 'confirm'; accounts: FoundAccount[]; elapsedMs: number }
  | { step: 'rejected'; rejections: ScanRejection[] }
  | { step: 'none'; inArea: boolean }
  | { step: 'area'; screenshot: string }
  | { step: 'failed'; message: string }
  | { step: 'done'; summary: EnrollSummary };

export interface ManualPrefill {
  /** Where the user is enrolling, so the account is bound to it like a scanned one. */
  origin: string | null;
  tabId: number | undefined;
}

interface ScanPageProps {
  /** The tab to scan; undefined when the popup has no page to act on. */
  tabId: number | undefined;
  onManual: (prefill: ManualPrefill) => void;
  onFinish: () => void;
}

const NO_SITE: TabSite = { origin: null, suggestedSites: [] };

function rejectionText(rejection: ScanRejection): string {
  return rejection.key ? t(rejection.key) : rejection.message;
}

/**
 * "Scan QR on this page": scan (DOM, then screenshot) → confirm the accounts found → add and fill the
 * page's code field → outcome. When nothing usable is found: the reasons, select-an-area, or manual entry.
 */
export function ScanPage({ tabId, onManual, onFinish }: ScanPageProps) {
  const { send, loadScanKit, sleep, now } = useServices();
  const [state, setState] = useState<ScanState>({ step: 'scanning', phase: 'page' });
  const [site, setSite] = useState<TabSite>(NO_SITE);
  const kit = useRef<ScanKit | null>(null);
  const screenshot = useRef<string | null>(null);
  // why: a newer run (scan again) or an unmount makes the answers of an older one stale.
  const run = useRef(0);

  const fail = useCallback(
    (failure: unknown) => setState({ step: 'failed', message: errorText(failure) }),
    [],
  );

  const showFound = useCallback(
    (accounts: FoundAccount[], rejections: ScanRejection[], startedAt: number, inArea: boolean) => {
      if (accounts.length > 0) setState({ step: 'confirm', accounts, elapsedMs: now() - startedAt });
      else if (rejections.length > 0) setState({ step: 'rejected', rejections });
      else setState({ step: 'none', inArea });
    },
    [now],
  );

  const scan = useCallback(async () => {
    const current = ++run.current;
    const startedAt = now();
    setState({ step: 'scanning', phase: 'page' });
    if (tabId === undefined) {
      setState({ step: 'failed', message: t('scanNoTab') });
      return;
    }
    try {
      const sitePromise = send('tabSite', { tabId }).catch(() => NO_SITE);
      kit.current ??= await loadScanKit();
      const result = await scanTabForAccounts(tabId, {
        send,
        kit: kit.current,
        sleep,
        onPhase: (phase) => {
          if (run.current === current) setState({ step: 'scanning', phase });
        },
      });
      const tabSite = await sitePromise;
      if (run.current !== current) return;
      screenshot.current = result.screenshot;
      setSite(tabSite);
      showFound(result.accounts, result.rejections, startedAt, false);
    } catch (failure) {
      if (run.current === current) fail(failure);
    }
  }, [tabId, send, loadScanKit, sleep, now, fail, showFound]);

  useEffect(() => {
    void scan();
    return () => {
      run.current += 1;
    };
  }, [scan]);

  async function selectArea() {
    if (tabId === undefined) return;
    const current = ++run.current;
    if (screenshot.current) {
      setState({ step: 'area', screenshot: screenshot.current });
      return;
    }
    setState({ step: 'scanning', phase: 'screenshot' });
    try {
      const shot = screenshotOf(await send('scanTab', { tabId, screenshot: true }));
      if (run.current !== current) return;
      if (shot === null) setState({ step: 'failed', message: t('scanNoScreenshot') });
      else {
        screenshot.current = shot;
        setState({ step: 'area', screenshot: shot });
      }
    } catch (failure) {
      if (run.current === current) fail(failure);
    }
  }

  async function readArea(image: string, area: FractionRect) {
    const current = ++run.current;
    const startedAt = now();
    setState({ step: 'scanning', phase: 'area' });
    try {
      kit.current ??= await loadScanKit();
      const texts = await kit.current.readArea(image, area);
      if (run.current !== current) return;
      // why: a screenshot cannot tell which frame painted the area; it binds to the top page, as the scan does.
      const found = kit.current.accountsFromTexts(texts.map((text) => ({ text, origin: site.origin })));
      showFound(found.accounts, found.rejections, startedAt, true);
    } catch (failure) {
      if (run.current === current) fail(failure);
    }
  }

  const fallbacks = (
    <div class="scan-fallbacks">
      <button type="button" class="button" data-testid="scan-retry" onClick={() => void scan()}>
        {t('scanAgain')}
      </button>
      {tabId !== undefined && (
        <button type="button" class="button" data-testid="scan-select-area" onClick={() => void selectArea()}>
          {t('scanSelectArea')}
        </button>
      )}
      <button
        type="button"
        class="button primary"
        data-testid="scan-manual"
        onClick={() => onManual({ origin: site.origin, tabId })}
      >
        {t('scanManual')}
      </button>
    </div>
  );

  switch (state.step) {
    case 'scanning':
      return (
        <section class="screen screen-center" aria-busy="true">
          <div class="spinner" aria-hidden="true" />
          <p class="muted" role="status" data-testid="scan-status" data-phase={state.phase}>
            {state.phase === 'page'
              ? t('scanLookingPage')
              : state.phase === 'screenshot'
                ? t('scanLookingScreenshot')
                : t('scanLookingArea')}
          </p>
        </section>
      );
    case 'confirm':
      return (
        <ScanConfirm
          accounts={state.accounts}
          site={site}
          tabId={tabId}
          siteChoiceFor={(origin) => kit.current?.siteChoiceFor(origin) ?? null}
          sitesFor={(origin, issuer) =>
            // why: a QR code from a frame binds that frame's origin; the tab's suggestions are the top page's.
            kit.current?.sitesFor(origin, origin === site.origin ? site.suggestedSites : [], issuer) ?? []
          }
          elapsedMs={state.elapsedMs}
          onCancel={onFinish}
          onDone={(summary) => setState({ step: 'done', summary })}
        />
      );
    case 'done':
      return <ScanDone summary={state.summary} onFinish={onFinish} />;
    case 'area':
      return (
        <ScanAreaSelect
          screenshot={state.screenshot}
          onArea={(area) => void readArea(state.screenshot, area)}
          onCancel={() => setState({ step: 'none', inArea: false })}
        />
      );
    case 'rejected':
      return (
        <section class="screen">
          <div class="error" role="alert" data-testid="scan-error" data-reason="rejected">
            <ul class="reasons">
              {state.rejections.map((rejection) => (
                <li key={rejection.key ?? rejection.message}>{rejectionText(rejection)}</li>
              ))}
            </ul>
            <p>{t('scanNothingAdded')}</p>
          </div>
          {fallbacks}
        </section>
      );
    case 'failed':
      return (
        <section class="screen">
          <p class="error" role="alert" data-testid="scan-error" data-reason="failed">
            {state.message}
          </p>
          {fallbacks}
        </section>
      );
    case 'none':
      return (
        <section class="screen">
          <div class="warning" role="alert" data-testid="scan-empty">
            <p class="strong">{state.inArea ? t('scanNoneInArea') : t('scanNone')}</p>
            <p>{t('scanNoneHint')}</p>
          </div>
          {fallbacks}
        </section>
      );
  }
}
