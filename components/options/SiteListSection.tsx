import { useEffect, useState } from 'preact/hooks';
import { sitesFromText } from '../../lib/ui/sites-text';
import { useAction } from '../hooks/use-action';
import { ErrorText, SubmitButton, TextAreaField } from '../shared/form';
import { OptionsCard } from './OptionsCard';
import { useOptionsServices } from './services';

/** The per-site lists of the settings table, each edited the same way on the options page. */
export type SiteListSetting = 'autoSubmitSites' | 'appendCodeSites';

export interface SiteListSectionProps {
  setting: SiteListSetting;
  /** Card name, and the prefix of the test ids (`<name>-sites`, `-error`, `-saved`, `-save`). */
  name: string;
  /** Thunks, so each caller names its own locale keys literally. */
  text: { title(): string; intro(): string; label(): string; saved(): string; save(): string };
}

/** A list of sites, one per line, saved through setSettings; the background normalises and checks it. */
export function SiteListSection({ setting, name, text }: SiteListSectionProps) {
  const { send } = useOptionsServices();
  const [value, setValue] = useState('');
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    send('getSettings', {}).then(
      (settings) => setValue((settings[setting] ?? []).join('\n')),
      () => {
        // why: the list stays empty; saving still reports what the background thinks of it.
      },
    );
  }, [send, setting]);

  function save(event: Event) {
    event.preventDefault();
    setSaved(false);
    void run('busy', async () => {
      const settings = await send('setSettings', { [setting]: sitesFromText(value) });
      setValue((settings[setting] ?? []).join('\n'));
      setSaved(true);
    });
  }

  return (
    <OptionsCard name={name} title={text.title()} intro={text.intro()}>
      <form class="form" onSubmit={save} aria-busy={busy}>
        <TextAreaField
          label={text.label}
          testId={`${name}-sites`}
          rows={4}
          readOnly={busy}
          value={value}
          onValue={setValue}
        />
        <ErrorText error={error} testId={`${name}-error`} />
        {saved && (
          <p class="hint" role="status" data-testid={`${name}-saved`}>
            {text.saved()}
          </p>
        )}
        <SubmitButton look="primary" testId={`${name}-save`} disabled={busy}>
          {text.save()}
        </SubmitButton>
      </form>
    </OptionsCard>
  );
}
