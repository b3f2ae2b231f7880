'use client';

import { useHydrated } from '@/components/firmware/use-hydrated';
import { formatDateTime } from '@/lib/ui/format';

/**
 * A time in the browser's zone, with the zone named. The server and the hydrating browser both render UTC first
 * (so the HTML matches), then the browser switches to its own zone.
 */
export function LocalTime({ ms, stacked, className }: { ms: number | null | undefined; stacked?: boolean; className?: string }) {
  const hydrated = useHydrated();
  if (ms === null || ms === undefined) return <span className={className}>—</span>;
  const text = formatDateTime(ms, hydrated ? undefined : 'UTC');
  // Stacked: the date above the time and zone, for narrow table columns.
  const cut = text.indexOf(' ');
  return (
    <time dateTime={new Date(ms).toISOString()} className={stacked ? `flex flex-col ${className ?? ''}` : className}>
      {stacked ? (
        <>
          <span>{text.slice(0, cut)}</span>
          <span className="text-xs text-slate-500">{text.slice(cut + 1)}</span>
        </>
      ) : (
        text
      )}
    </time>
  );
}

/** "HH:MM" (or "HH:MM:SS") in the browser's zone (UTC until hydrated), e.g. for "Retry at 14:05". */
export function useClockTime(): (ms: number, seconds?: boolean) => string {
  const hydrated = useHydrated();
  return (ms, seconds = false) =>
    new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      second: seconds ? '2-digit' : undefined,
      hourCycle: 'h23',
      timeZone: hydrated ? undefined : 'UTC',
    }).format(ms);
}
