import type { Ref } from 'preact';
import { t } from '../../../lib/ui/i18n';
import type { CountdownState } from '../../../lib/ui/countdown';

const RADIUS = 9;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** A ring that empties over the period, with the seconds left in its middle. */
export function CodeCountdown({ state, rootRef }: { state: CountdownState; rootRef?: Ref<HTMLSpanElement> }) {
  const urgent = state.secondsLeft <= 5;
  return (
    <span
      ref={rootRef}
      class={`countdown${urgent ? ' urgent' : ''}`}
      data-testid="countdown"
      data-seconds={state.secondsLeft}
      role="img"
      aria-label={t('countdownLabel', String(state.secondsLeft))}
    >
      <svg width="26" height="26" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle class="countdown-track" cx="12" cy="12" r={RADIUS} />
        <circle
          class="countdown-fill"
          cx="12"
          cy="12"
          r={RADIUS}
          stroke-dasharray={CIRCUMFERENCE}
          stroke-dashoffset={CIRCUMFERENCE * (1 - state.fraction)}
          transform="rotate(-90 12 12)"
        />
      </svg>
      <span class="countdown-seconds" aria-hidden="true">
        {state.secondsLeft}
      </span>
    </span>
  );
}
