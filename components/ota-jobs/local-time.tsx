'use client';

import { useHydrated } from '@/components/firmware/use-hydrated';
import { formatDateTime } from '@/lib/ui/format';

/**
 * A time in the browser's zone, with the zone named. The server and the hydrating browser both render UTC first
 * (so the HTML matches), then the browser switches to its own zone.
 */
export function LocalTime({ ms, className }: { ms: number | null | undefined; className?: string }) {
  const hydrated = useHydrated();
  const text = formatDateTime(ms, hydrated ? undefined : 'UTC');
  return ms === null || ms === undefined ? (
    <span className={className}>—</span>
  ) : (
    <time dateTime={new Date(ms).toISOString()} className={className}>
      {text}
    </time>
  );
}

/** "HH:MM" in the browser's zone (UTC until hydrated), e.g. for "Retry at 14:05". */
export function useClockTime(): (ms: number) => string {
  const hydrated = useHydrated();
  return (ms) =>
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: hydrated ? undefined : 'UTC' }).format(ms);
}
