import { useRef, useState } from 'preact/hooks';
import { MAX_IMPORT_CHARS } from '../../lib/backup/types';
import type { ImportPreview, ImportRequest, ResponseOf } from '../../lib/messaging';
import { t } from '../../lib/ui/i18n';
import { isLocked, toFailure, type Failure } from './failure';
import { ImportPreviewList } from './ImportPreviewList';
import { useOptionsServices } from './services';

interface ImportSectionProps {
  onLocked: () => void;
  /** Called after accounts were added, so the other sections read the vault again. */
  onVaultChanged: () => void;
}

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
export function ImportSection({ onLocked, onVaultChanged }: ImportSectionProps) {
  const { send } = useOptionsServices();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [pasted, setPasted] = useState('');
  const [password, setPassword] = useState('');
  const [preview, setPreview] = useState<{ request: ImportRequest; result: ImportPreview } | null>(null);
  const [busy, setBusy] = useState<'read' | 'preview' | 'commit' | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const [done, setDone] = useState<ResponseOf<'commitImport'> | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  /** Any change to the input makes the shown preview stale. */
  function resetOutcome() {
    setPreview(null);
    setError(null);
    setDone(null);
  }

  async function chooseFile(input: HTMLInputElement) {
    resetOutcome();
    const chosen = input.files?.[0];
    if (!chosen) {
      setFile(null);
      return;
    }
    if (chosen.size > MAX_IMPORT_CHARS) {
      setFile(null);
      input.value = '';
      setError({ code: 'too-large', message: t('importTooLarge') });
      return;
    }
    setBusy('read');
    try {
      setFile({ name: chosen.name, text: await chosen.text() });
      setPasted('');
    } catch (failure) {
      setFile(null);
      setError(toFailure(failure));
    } finally {
      setBusy(null);
    }
  }

  function paste(text: string) {
    resetOutcome();
    setPasted(text);
    if (file) {
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  function fail(failure: unknown) {
    const info = toFailure(failure);
    if (isLocked(info)) onLocked();
    setError(info);
    if (info.code === 'password-required' || info.code === 'wrong-password') {
      passwordInput.current?.focus();
    }
  }

  async function runPreview(event: Event) {
    event.preventDefault();
    if (busy) return;
    const text = file?.text ?? pasted;
    if (!text.trim()) {
      setError({ code: 'empty', message: t('importEmpty') });
      return;
    }
    const request: ImportRequest = password ? { text, password } : { text };
    resetOutcome();
    setBusy('preview');
    try {
      setPreview({ request, result: await send('previewImport', request) });
    } catch (failure) {
      fail(failure);
    } finally {
      setBusy(null);
    }
  }

  async function commit() {
    if (busy || !preview || preview.result.add.length === 0) return;
    setBusy('commit');
    setError(null);
    try {
      const result = await send('commitImport', preview.request);
      setDone(result);
      setPreview(null);
      // why: the file may hold plain secrets; do not keep it (or its password) once it is imported.
      setFile(null);
      setPasted('');
      setPassword('');
      if (fileInput.current) fileInput.current.value = '';
      if (result.added > 0) onVaultChanged();
    } catch (failure) {
      fail(failure);
    } finally {
      setBusy(null);
    }
  }

  const addCount = preview?.result.add.length ?? 0;

  return (
    <section class="options-card" data-testid="import-section" aria-labelledby="import-title">
      <h2 class="subtitle" id="import-title">
        {t('importTitle')}
      </h2>
      <p class="muted">{t('importIntro')}</p>
      <form class="form" onSubmit={runPreview} aria-busy={busy !== null}>
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
        {error && (
          <p class="error" role="alert" data-testid="import-error" data-code={error.code}>
            {error.message}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="button" data-testid="import-preview" disabled={busy !== null}>
            {busy === 'preview' || busy === 'read' ? t('importReading') : t('importPreviewButton')}
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
              disabled={busy !== null}
              onClick={() => setPreview(null)}
            >
              {t('cancel')}
            </button>
            <button
              type="button"
              class="button primary"
              data-testid="import-commit"
              disabled={busy !== null || addCount === 0}
              onClick={() => void commit()}
            >
              {busy === 'commit' ? t('importCommitBusy') : t('importCommit', String(addCount))}
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
