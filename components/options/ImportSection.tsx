import { useRef, useState } from 'preact/hooks';
import { importTextOfFile } from '../../lib/backup/importers/binary';
import { MAX_IMPORT_CHARS } from '../../lib/backup/types';
import type { ImportPreview, ImportRequest, ResponseOf } from '../../lib/messaging';
import { WordedError } from '../../lib/ui/error-messages';
import { t } from '../../lib/ui/i18n';
import { importRefusalText } from '../../lib/ui/import-refusals';
import { useAction } from '../hooks/use-action';
import { Button, ErrorText, Field, PasswordField, SubmitButton, TextAreaField } from '../shared/form';
import { ImportPreviewList } from './ImportPreviewList';
import { OptionsCard } from './OptionsCard';
import { useOptionsServices } from './services';

const PASTED = { label: () => t('importTextLabel'), testId: 'import-text', rows: 5 };
const FILE_PASSWORD = {
  label: () => t('importPasswordLabel'),
  testId: 'import-password',
  autocomplete: 'off',
} as const;

/** The chosen file, read as text; it replaces anything pasted (one source at a time). */
interface ChosenFile {
  name: string;
  text: string;
}

/**
 * Reads a file here, in the page (the readers load on first use): its password never leaves the page, and
 * the background gets only the accounts, which it checks as it checks any input.
 */
async function readRequest(text: string, password: string): Promise<ImportRequest> {
  const { readImportRequest } = await import('../../lib/backup/import-request');
  const read = await readImportRequest(text, { password: password || undefined, crypto: globalThis.crypto });
  // why: the reader's code stays on the error (data-code, the password field); its reason words the text.
  if (!read.ok) throw new WordedError(read.error.code, importRefusalText(read.error));
  return read.request;
}

/**
 * Restore a backup or import another app's export: read → preview (add / duplicate / invalid) → commit.
 * The file is read (and decrypted: scrypt, PBKDF2) once, for the preview; the commit sends the same
 * accounts, kept in this component's memory only until the input changes, the import ends or the page
 * closes. The background checks and plans them again and commits in one transaction, so an error or a
 * changed vault never half-imports.
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
        // why: binary exports (andOTP .json.aes, Authenticator Pro) would be mangled by text decoding.
        setFile({ name: chosen.name, text: await importTextOfFile(chosen) });
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
    resetOutcome();
    void request('preview', async () => {
      const ask = await readRequest(text, password);
      setPreview({ request: ask, result: await send('previewImport', ask) });
    });
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
    <OptionsCard name="import" title={t('importTitle')} intro={t('importIntro')}>
      <form class="form" onSubmit={runPreview} aria-busy={busy}>
        <Field label={t('importFileLabel')}>
          <input
            ref={fileInput}
            type="file"
            data-testid="import-file"
            // why: a hint for the picker only; its "All files" choice still takes any export.
            accept=".json,.txt,.2fas,.csv,application/json,text/plain,text/csv"
            onChange={(event) => chooseFile(event.currentTarget)}
          />
        </Field>
        {file && (
          <p class="hint" data-testid="import-file-name" dir="auto">
            {t('importFileChosen', file.name)}
          </p>
        )}
        <TextAreaField {...PASTED} value={pasted} onValue={paste} />
        <PasswordField
          {...FILE_PASSWORD}
          inputRef={passwordInput}
          describedBy="import-password-hint"
          invalid={error?.code === 'password-required' || error?.code === 'wrong-password'}
          hint={
            <span class="hint" id="import-password-hint">
              {t('importPasswordHint')}
            </span>
          }
          value={password}
          onValue={(value) => {
            resetOutcome();
            setPassword(value);
          }}
        />
        <ErrorText error={error} testId="import-error" />
        <div class="actions">
          <SubmitButton testId="import-preview" disabled={busy}>
            {running === 'preview' || running === 'read' ? t('importReading') : t('importPreviewButton')}
          </SubmitButton>
        </div>
      </form>
      {preview && (
        <div class="stack" aria-live="polite">
          <ImportPreviewList preview={preview.result} />
          <div class="actions">
            <Button testId="import-cancel" disabled={busy} onClick={resetOutcome}>
              {t('cancel')}
            </Button>
            <Button look="primary" testId="import-commit" disabled={busy || addCount === 0} onClick={commit}>
              {running === 'commit' ? t('importCommitBusy') : t('importCommit', String(addCount))}
            </Button>
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
    </OptionsCard>
  );
}
