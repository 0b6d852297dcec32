import { useRef, useState } from 'preact/hooks';
import { MAX_IMPORT_CHARS } from '../../lib/backup/types';
import type { ImportPreview, ImportRequest, ResponseOf } from '../../lib/messaging';
import { t } from '../../lib/ui/i18n';
import { useAction } from '../hooks/use-action';
import { ErrorText } from '../shared/form';
import { ImportPreviewList } from './ImportPreviewList';
import { useOptionsServices } from './services';

/** The chosen file, read as text; it replaces anything pasted (one source at a time). */
interface ChosenFile {
  name: string;
  text: string;
}

/**
 * Restore a backup or import another app's export: read → preview (add / duplicate / invalid) → commit.
 * The commit sends exactly the previewed request; the background reads and plans it again, in one
 * transaction, so an error or a changed vault never half-imports.
 */
export function ImportSection({ onVaultChanged }: { onVaultChanged: () => void }) {
  const { send } = useOptionsServices();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [pasted, setPasted] = useState('');
  const [password, setPassword] = useState('');
  const [preview, setPreview] = useState<{ request: ImportRequest; result: ImportPreview } | null>(null);
  const { busy, running, error, setError, refuse, run } = useAction<'read' | 'preview' | 'commit'>();
  const [done, setDone] = useState<ResponseOf<'commitImport'> | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  /** Any change to the input makes the shown preview stale. */
  function resetOutcome() {
    setPreview(null);
    setError(null);
    setDone(null);
  }

  function clearFile() {
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
  }

  function chooseFile(input: HTMLInputElement) {
    resetOutcome();
    const chosen = input.files?.[0];
    if (!chosen) return setFile(null);
    if (chosen.size > MAX_IMPORT_CHARS) {
      clearFile();
      return refuse(t('importTooLarge'), 'too-large');
    }
    void run('read', async () => {
      try {
        setFile({ name: chosen.name, text: await chosen.text() });
        setPasted('');
      } catch (failure) {
        setFile(null);
        throw failure;
      }
    });
  }

  function paste(text: string) {
    resetOutcome();
    setPasted(text);
    if (file) clearFile();
  }

  /** Runs a request; a password problem sends the user back to the password field. */
  async function request(step: 'preview' | 'commit', action: () => Promise<void>) {
    const failure = await run(step, action);
    if (failure?.code === 'password-required' || failure?.code === 'wrong-password') {
      passwordInput.current?.focus();
    }
  }

  function runPreview(event: Event) {
    event.preventDefault();
    if (busy) return;
    const text = file?.text ?? pasted;
    if (!text.trim()) return refuse(t('importEmpty'), 'empty');
    const ask: ImportRequest = password ? { text, password } : { text };
    resetOutcome();
    void request('preview', async () =>
      setPreview({ request: ask, result: await send('previewImport', ask) }),
    );
  }

  function commit() {
    if (busy || !preview || preview.result.add.length === 0) return;
    void request('commit', async () => {
      const result = await send('commitImport', preview.request);
      setDone(result);
      setPreview(null);
      // why: the file may hold plain secrets; do not keep it (or its password) once it is imported.
      clearFile();
      setPasted('');
      setPassword('');
      if (result.added > 0) onVaultChanged();
    });
  }

  const addCount = preview?.result.add.length ?? 0;

  return (
    <section class="options-card" data-testid="import-section" aria-labelledby="import-title">
      <h2 class="subtitle" id="import-title">
        {t('importTitle')}
      </h2>
      <p class="muted">{t('importIntro')}</p>
      <form class="form" onSubmit={runPreview} aria-busy={busy}>
        <label class="field">
          <span>{t('importFileLabel')}</span>
          <input
            ref={fileInput}
            type="file"
            data-testid="import-file"
            // why: a hint for the picker only; its "All files" choice still takes any export.
            accept=".json,.txt,.2fas,application/json,text/plain"
            onChange={(event) => void chooseFile(event.currentTarget)}
          />
        </label>
        {file && (
          <p class="hint" data-testid="import-file-name" dir="auto">
            {t('importFileChosen', file.name)}
          </p>
        )}
        <label class="field">
          <span>{t('importTextLabel')}</span>
          <textarea
            data-testid="import-text"
            rows={5}
            spellcheck={false}
            autocomplete="off"
            value={pasted}
            onInput={(event) => paste(event.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>{t('importPasswordLabel')}</span>
          <input
            ref={passwordInput}
            type="password"
            data-testid="import-password"
            autocomplete="off"
            value={password}
            aria-describedby="import-password-hint"
            aria-invalid={
              error?.code === 'password-required' || error?.code === 'wrong-password' ? true : undefined
            }
            onInput={(event) => {
              resetOutcome();
              setPassword(event.currentTarget.value);
            }}
          />
          <span class="hint" id="import-password-hint">
            {t('importPasswordHint')}
          </span>
        </label>
        <ErrorText error={error} testId="import-error" />
        <div class="actions">
          <button type="submit" class="button" data-testid="import-preview" disabled={busy}>
            {running === 'preview' || running === 'read' ? t('importReading') : t('importPreviewButton')}
          </button>
        </div>
      </form>
      {preview && (
        <div class="stack" aria-live="polite">
          <ImportPreviewList preview={preview.result} />
          <div class="actions">
            <button
              type="button"
              class="button"
              data-testid="import-cancel"
              disabled={busy}
              onClick={() => setPreview(null)}
            >
              {t('cancel')}
            </button>
            <button
              type="button"
              class="button primary"
              data-testid="import-commit"
              disabled={busy || addCount === 0}
              onClick={commit}
            >
              {running === 'commit' ? t('importCommitBusy') : t('importCommit', String(addCount))}
            </button>
          </div>
        </div>
      )}
      {done && (
        <p
          class="success"
          role="status"
          data-testid="import-done"
          data-added={done.added}
          data-duplicates={done.duplicates}
          data-invalid={done.invalid}
        >
          {t('importDone', [String(done.added), String(done.duplicates), String(done.invalid)])}
        </p>
      )}
    </section>
  );
}
