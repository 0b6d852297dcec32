import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SyncStatus, SyncView } from '../../lib/messaging';
import { t } from '../../lib/ui/i18n';
import { useAction } from '../hooks/use-action';
import { Button, ErrorText, SubmitButton } from '../shared/form';
import { MasterPasswordStep } from './MasterPasswordStep';
import { OptionsCard } from './OptionsCard';
import { useOptionsServices } from './services';

const SYNC_IDS = { password: 'sync-password', error: 'sync-error' };

/** How the last run went; problems with the remote are worded by reportLine. */
function resultLine(status: SyncStatus): { text: string; tone: 'success' | 'warning' } | null {
  switch (status.result) {
    case 'ok':
      return { text: t('syncResultOk'), tone: 'success' };
    case 'quota':
      // why: omitted 0 means the browser itself refused the write for size (its accounting differs).
      return status.omitted > 0
        ? { text: t('syncResultQuota', String(status.omitted)), tone: 'warning' }
        : { text: t('syncResultQuotaRefused', status.error ?? ''), tone: 'warning' };
    case 'unavailable':
      return { text: t('syncResultUnavailable', status.error ?? ''), tone: 'warning' };
    default:
      return null;
  }
}

/** The last problem found with the remote (kept until the next one): nothing of it was applied here. */
function reportLine(problems: readonly string[]): string {
  if (problems.includes('empty')) return t('syncResultEmpty');
  if (problems.includes('other-vault') || problems.includes('newer-format')) return t('syncResultOtherVault');
  return t('syncResultProblem');
}

/**
 * Sync between the user's browsers over the browser's own sync (storage.sync), end-to-end encrypted.
 * Off by default and per browser; turning it on asks the master password (of the synced vault, when
 * another browser started it).
 */
export function SyncSection({ onVaultChanged }: { onVaultChanged: () => void }) {
  const { send, formatDate } = useOptionsServices();
  const [view, setView] = useState<SyncView | null>(null);
  const [password, setPassword] = useState('');
  const action = useAction();
  const { busy, run } = action;

  const read = useCallback(async () => {
    try {
      setView(await send('syncStatus', {}));
    } catch {
      // why: the status is a hint; the buttons still work (and say why if they cannot).
    }
  }, [send]);

  useEffect(() => {
    void read();
  }, [read]);

  const apply = (next: SyncView) => {
    setView(next);
    if ((next.status?.applied ?? 0) > 0 || next.joined) onVaultChanged();
  };

  function enable(event: Event) {
    event.preventDefault();
    if (busy || !password) return;
    void run('busy', async () => {
      apply(await send('syncEnable', { password }));
      setPassword('');
    });
  }

  const status = view?.status ?? null;
  const result = status && resultLine(status);
  return (
    <OptionsCard name="sync" title={t('syncTitle')} intro={t('syncIntro')}>
      <div
        data-testid="sync-state"
        data-enabled={view ? (view.enabled ? 'on' : 'off') : ''}
        data-result={status?.result ?? ''}
      >
        {view && !view.enabled && (
          <form class="form" onSubmit={enable} aria-busy={busy}>
            <p class="hint">{t('syncOff')}</p>
            <p class="hint">{t('syncPasswordHint')}</p>
            <MasterPasswordStep ids={SYNC_IDS} action={action} password={[password, setPassword]}>
              <div class="actions">
                <SubmitButton look="primary" testId="sync-enable" disabled={busy || !password}>
                  {busy ? t('syncBusy') : t('syncEnable')}
                </SubmitButton>
              </div>
            </MasterPasswordStep>
          </form>
        )}
        {view?.enabled && status && (
          <div class="stack">
            {view.joined && <p class="success">{t('syncJoined')}</p>}
            <p class="hint" data-testid="sync-last" data-last-sync={status.lastSyncAt ?? ''}>
              {status.lastSyncAt === null ? t('syncNever') : t('syncLast', formatDate(status.lastSyncAt))}
            </p>
            <p class="hint" data-testid="sync-usage" data-items={status.items} data-bytes={status.bytes}>
              {t('syncUsage', [
                String(status.accounts),
                String(status.items),
                String(status.bytes),
                String(status.quotaBytes),
              ])}
            </p>
            <p class="hint" data-testid="sync-conflicts" data-conflicts={status.conflictsResolved}>
              {t('syncConflicts', String(status.conflictsResolved))}
            </p>
            {result && (
              <p class={result.tone} role="status" data-testid="sync-result">
                {result.text}
              </p>
            )}
            {status.reported && (
              <p
                class="warning"
                role="alert"
                data-testid="sync-reported"
                data-problems={status.reported.problems.join(' ')}
              >
                {t('syncReportedAt', formatDate(status.reported.at))} {reportLine(status.reported.problems)}
              </p>
            )}
            <ErrorText error={action.error} testId="sync-error" />
            <div class="actions">
              <Button
                testId="sync-now"
                disabled={busy}
                onClick={() => void run('busy', async () => apply(await send('syncNow', {})))}
              >
                {busy ? t('syncBusy') : t('syncNow')}
              </Button>
              <Button
                testId="sync-disable"
                disabled={busy}
                onClick={() => void run('busy', async () => setView(await send('syncDisable', {})))}
              >
                {t('syncDisable')}
              </Button>
            </div>
          </div>
        )}
      </div>
    </OptionsCard>
  );
}
