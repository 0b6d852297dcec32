import { useRef } from 'preact/hooks';
import type { AccountView } from '../../../lib/messaging';
import { countdown, showsNextCode } from '../../../lib/ui/countdown';
import { formatCode, spellCode } from '../../../lib/ui/format-code';
import { t } from '../../../lib/ui/i18n';
import { liveCode } from '../../../lib/ui/live-code';
import { CodeCountdown } from './CodeCountdown';
import { useTickTime } from '../../hooks/use-tick-time';

type CodeFields = Pick<AccountView, 'kind' | 'code' | 'nextCode' | 'validUntil' | 'period'>;

const HIDDEN_CODE = '•••';

/** What the code box shows at `now`; it changes at a period's end and when the next code appears. */
function codeShownAt(account: CodeFields, now: number): string {
  const live = liveCode(account, now);
  const nextShown = showsNextCode(countdown(live.validUntil, account.period, now), live);
  return `${live.code}|${nextShown ? live.nextCode : ''}|${live.stale}`;
}

/** The code (and, in the last seconds, the next one); re-renders on a tick only when they change. */
export function LiveCode({ account, hotpCode }: { account: CodeFields; hotpCode: string | undefined }) {
  const now = useTickTime((at) => (account.kind === 'hotp' ? '' : codeShownAt(account, at)));
  const live = liveCode(account, now);
  const code = account.kind === 'hotp' ? (hotpCode ?? '') : live.code;
  const timer = account.kind === 'hotp' ? null : countdown(live.validUntil, account.period, now);
  return (
    <span class="code-box">
      <span
        class={`code${code ? '' : ' code-hidden'}${live.stale ? ' stale' : ''}`}
        data-testid="account-code"
        data-code={code}
        aria-hidden="true"
      >
        {code ? formatCode(code, account.kind) : HIDDEN_CODE}
      </span>
      {/* why: grouped digits are read as numbers ("one hundred twenty-three"); a code is read digit by digit. */}
      {code && <span class="sr-only">{spellCode(code)}</span>}
      {timer && showsNextCode(timer, live) && (
        <span class="next-code" data-testid="account-next-code" data-code={live.nextCode}>
          {t('nextCodeLabel')} <span aria-hidden="true">{formatCode(live.nextCode, account.kind)}</span>
          <span class="sr-only">{spellCode(live.nextCode)}</span>
        </span>
      )}
    </span>
  );
}

/**
 * The ring and seconds left of a time-based code: the only part of a row that changes every second, and
 * only while it is in view (the code itself stays live everywhere: its `data-code` is read by tests).
 */
export function LiveCountdown({ account }: { account: CodeFields }) {
  const root = useRef<HTMLSpanElement>(null);
  const secondsAt = (at: number) => {
    const live = liveCode(account, at);
    return countdown(live.validUntil, account.period, at).secondsLeft;
  };
  const now = useTickTime(secondsAt, root);
  const live = liveCode(account, now);
  return <CodeCountdown state={countdown(live.validUntil, account.period, now)} rootRef={root} />;
}
