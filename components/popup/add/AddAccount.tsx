import { useRef, useState } from 'preact/hooks';
import type { OtpAccountData } from '../../../lib/otp/types';
import { t } from '../../../lib/ui/i18n';
import { AddFromFields } from './AddFromFields';
import { AddFromUri } from './AddFromUri';
import { ConfirmAdd } from './ConfirmAdd';

/** Ways to add an account; each is a tab. Scan-from-page and import can be added here later. */
const ADD_TABS = [
  { id: 'uri', label: () => t('addTabUri'), Panel: AddFromUri },
  { id: 'fields', label: () => t('addTabFields'), Panel: AddFromFields },
] as const;

type AddTabId = (typeof ADD_TABS)[number]['id'];

/** How the screen opens: "Can't scan? Enter the key" starts on the fields with the page's issuer and site. */
export interface AddOptions {
  initialTab?: AddTabId;
  issuer?: string;
  /** Origin of the page the key came from: the account is bound to it, as a scanned one would be. */
  enrolledOrigin?: string;
  /** The tab to fill once added (the page that showed the key). */
  fillTabId?: number;
}

interface AddAccountProps {
  options?: AddOptions;
  onDone: () => void;
  /** Called instead of `onDone` with the new account's id, when given. */
  onAdded?: (id: string) => void;
}

/** Add screen: pick a way (tab) → preview → save. Nothing is written before the user confirms. */
export function AddAccount({ options = {}, onDone, onAdded }: AddAccountProps) {
  const [tab, setTab] = useState<AddTabId>(options.initialTab ?? 'uri');
  const [pending, setPending] = useState<OtpAccountData | null>(null);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  function onTabKeyDown(event: KeyboardEvent) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = ADD_TABS.findIndex((each) => each.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : -1;
    const next = ADD_TABS[(index + step + ADD_TABS.length) % ADD_TABS.length];
    if (!next) return;
    event.preventDefault();
    setTab(next.id);
    tabRefs.current[next.id]?.focus();
  }

  if (pending) {
    return (
      <ConfirmAdd
        data={pending}
        enrolledOrigin={options.enrolledOrigin ?? ''}
        onBack={() => setPending(null)}
        onSaved={(id) => (onAdded ? onAdded(id) : onDone())}
      />
    );
  }

  const active = ADD_TABS.find((each) => each.id === tab) ?? ADD_TABS[0];
  return (
    <section class="screen add-screen">
      <div class="tabs" role="tablist" aria-label={t('addTitle')} onKeyDown={onTabKeyDown}>
        {ADD_TABS.map((each) => (
          <button
            key={each.id}
            ref={(element) => {
              tabRefs.current[each.id] = element;
            }}
            type="button"
            role="tab"
            id={`add-tab-${each.id}`}
            class="tab"
            data-testid={`add-tab-${each.id}`}
            aria-selected={each.id === tab}
            aria-controls="add-panel"
            tabIndex={each.id === tab ? 0 : -1}
            onClick={() => setTab(each.id)}
          >
            {each.label()}
          </button>
        ))}
      </div>
      <div id="add-panel" role="tabpanel" aria-labelledby={`add-tab-${active.id}`}>
        {active.id === 'fields' ? (
          <AddFromFields key={active.id} onParsed={setPending} initialIssuer={options.issuer} />
        ) : (
          <active.Panel key={active.id} onParsed={setPending} />
        )}
      </div>
    </section>
  );
}
