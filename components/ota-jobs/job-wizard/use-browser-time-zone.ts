import { useSyncExternalStore } from 'react';

const noSubscription = () => () => undefined;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The browser's IANA time zone ("UTC" while the page is only server HTML). */
export function useBrowserTimeZone(): string {
  return useSyncExternalStore(noSubscription, browserZone, () => 'UTC');
}

/** Every IANA zone the browser knows, with `current` included even if the list lacks it. */
export function timeZoneOptions(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}
