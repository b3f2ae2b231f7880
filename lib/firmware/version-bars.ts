/** The bar of devices that have never reported a version. */
export const NOT_REPORTED_LABEL = 'Not reported';

export type VersionBar = { version: string; devices: number };

/**
 * Bars of the version-distribution chart: versions in natural order (1.9 before 1.10), "Not reported" last, and
 * the firmware's own version always present (with 0 devices if none runs it yet) so its place shows.
 */
export function versionBars(rows: { version: string | null; devices: number }[], ownVersion: string): VersionBar[] {
  const bars: VersionBar[] = [];
  let unreported = 0;
  for (const r of rows) {
    if (r.version === null) unreported += r.devices;
    else bars.push({ version: r.version, devices: r.devices });
  }
  if (!bars.some((b) => b.version === ownVersion)) bars.push({ version: ownVersion, devices: 0 });
  bars.sort((a, b) => a.version.localeCompare(b.version, 'en', { numeric: true }));
  if (unreported > 0) bars.push({ version: NOT_REPORTED_LABEL, devices: unreported });
  return bars;
}
