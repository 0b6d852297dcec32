import { useEffect, useState } from 'preact/hooks';

/** The current time, re-read every `intervalMs` by one timer for the whole list (not one per row). */
export function useNow(now: () => number, intervalMs = 1000): number {
  const [current, setCurrent] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setCurrent(now()), intervalMs);
    return () => clearInterval(timer);
  }, [now, intervalMs]);
  return current;
}
