import { createRng, type Rng } from '@/lib/random';
import type { FirmwareOffer } from '@/lib/transport/types';

/**
 * How a simulated device behaves during an upgrade, shared by the in-process `simulated` transport and the MQTT
 * fleet simulator. Every random choice comes from a generator seeded by (seed, deviceKey, push id), so a device's
 * fate for a given push is the same on every run, whatever order the devices happen to run in.
 */

export const FAILURE_KINDS = ['download', 'verify', 'flash', 'reject', 'silent'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];
export type UpgradeOutcome = 'success' | FailureKind;
export type FailureRates = Partial<Record<FailureKind, number>>;

/**
 * The negative progress step and the device's own text for each failure kind (SPEC 6.3). The console names the
 * failure from the step; like a real device's, the text is not the console's wording.
 */
export const FAILURE_STEPS = {
  download: { step: -2, desc: 'dl err 7: connection reset' },
  verify: { step: -3, desc: 'sign mismatch' },
  flash: { step: -4, desc: 'flash err 0x2f at bank 1' },
  reject: { step: -5, desc: 'battery below 20%, upgrade refused' },
} as const satisfies Record<Exclude<FailureKind, 'silent'>, { step: number; desc: string }>;

export type Range = { min: number; max: number };

export type FleetBehaviour = {
  /** Chance per push of each failure kind; the rest succeed. */
  failureRates: FailureRates;
  /** Time between two progress reports. */
  stepDelayMs: Range;
  /** Share of devices that start offline and connect later. */
  offlineShare: number;
  /** When those devices connect, counted from the start; also how long a device that drops stays away. */
  reconnectAfterMs: Range;
  /**
   * Share of upgrades in which the device loses its connection right after writing flash (a reboot without a clean
   * disconnect): it boots the new firmware and informs it once reconnected.
   */
  dropShare: number;
  /**
   * Devices with a fixed fate on every push, whatever the rates say (deterministic demos and tests), by device key
   * or key pattern (see `matchesDeviceKey`).
   */
  fixedOutcomes: Record<string, UpgradeOutcome>;
};

/** Defaults for a pleasant demo: every upgrade succeeds after a few seconds of progress. */
export const DEFAULT_BEHAVIOUR: FleetBehaviour = {
  failureRates: {},
  stepDelayMs: { min: 700, max: 2000 },
  offlineShare: 0,
  reconnectAfterMs: { min: 5000, max: 20_000 },
  dropShare: 0,
  fixedOutcomes: {},
};

/** A generator for one decision of one device: FNV-1a of the parts, mixed with the seed. */
export function seededRng(seed: number, ...parts: string[]): Rng {
  let hash = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return createRng((hash ^ Math.imul(seed, 0x9e3779b1)) >>> 0);
}

/** Picks the outcome of one push from the failure rates (their sum must not exceed 1). */
export function rollOutcome(rng: Rng, rates: FailureRates): UpgradeOutcome {
  let r = rng.next();
  for (const kind of FAILURE_KINDS) {
    r -= rates[kind] ?? 0;
    if (r < 0) return kind;
  }
  return 'success';
}

/**
 * Whether a device key matches a pattern as written on the command line: the key itself, or a prefix ending in "*"
 * ("ask-*"), so devices created later (imported while a test or demo runs) can be given a behaviour up front.
 */
export function matchesDeviceKey(pattern: string, deviceKey: string): boolean {
  return pattern.endsWith('*') ? deviceKey.startsWith(pattern.slice(0, -1)) : pattern === deviceKey;
}

/** A device's fixed fate: by its own key, else by the longest matching pattern. */
function fixedOutcomeOf(deviceKey: string, fixed: Record<string, UpgradeOutcome>): UpgradeOutcome | undefined {
  if (fixed[deviceKey]) return fixed[deviceKey];
  let best: string | undefined;
  for (const pattern of Object.keys(fixed)) {
    if (pattern.endsWith('*') && matchesDeviceKey(pattern, deviceKey) && pattern.length > (best?.length ?? 0)) best = pattern;
  }
  return best === undefined ? undefined : fixed[best];
}

/** The outcome of one push to one device: its fixed fate when it has one, otherwise a roll of the rates. */
export function pickOutcome(rng: Rng, deviceKey: string, behaviour: FleetBehaviour): UpgradeOutcome {
  return fixedOutcomeOf(deviceKey, behaviour.fixedOutcomes) ?? rollOutcome(rng, behaviour.failureRates);
}

/**
 * Parses fixed fates written as "deviceKey=kind,deviceKey=kind" (kinds: download, verify, flash, reject, silent); a
 * key may be a pattern ending in "*".
 */
export function parseFixedOutcomes(text: string): Record<string, UpgradeOutcome> {
  const out: Record<string, UpgradeOutcome> = {};
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [deviceKey, kind] = item.split('=').map((s) => s.trim());
    if (!deviceKey || !(FAILURE_KINDS as readonly string[]).includes(kind)) {
      throw new Error(`"${item}" is not deviceKey=${FAILURE_KINDS.join('|')}`);
    }
    out[deviceKey] = kind as FailureKind;
  }
  return out;
}

/** A delay range ±50% around a mean, so devices do not move in lockstep. */
export function delayAround(mean: number): Range {
  return { min: Math.round(mean / 2), max: Math.round((mean * 3) / 2) };
}

/** A whole number of milliseconds in the range. */
export function pickDelay(rng: Rng, range: Range): number {
  return rng.int(Math.round(range.min), Math.round(range.max));
}

/** How long after the start a device connects: 0 for most, later for the rolled offline share. */
export function connectDelay(seed: number, deviceKey: string, behaviour: FleetBehaviour): number {
  const rng = seededRng(seed, deviceKey, 'offline');
  return rng.chance(behaviour.offlineShare) ? pickDelay(rng, behaviour.reconnectAfterMs) : 0;
}

/** How long a device stays away when it drops during this upgrade (see `dropShare`); null when it does not drop. */
export function dropDelay(seed: number, deviceKey: string, pushId: string, behaviour: FleetBehaviour): number | null {
  const rng = seededRng(seed, deviceKey, pushId, 'drop');
  return rng.chance(behaviour.dropShare) ? pickDelay(rng, behaviour.reconnectAfterMs) : null;
}

/** What an upgrade needs from the device it runs on. */
export type UpgradeIo = {
  progress(step: number, desc: string): Promise<void>;
  inform(version: string): Promise<void>;
  /** Waits between two steps; resolves false when the device is shutting down. */
  pause(): Promise<boolean>;
  /** Gets the file and checks its sign (a real download for MQTT devices). */
  fetch(offer: FirmwareOffer): Promise<'ok' | 'download_failed' | 'bad_sign'>;
  /**
   * Called once flash is written: a device that loses its connection here comes back running `version` and answers
   * how the upgrade ended; null when it stays connected.
   */
  drop?(version: string): Promise<UpgradeResult | null>;
};

export type UpgradeResult = 'succeeded' | 'failed' | 'silent' | 'aborted';

/** Runs one upgrade the way a device does: 10 download, 35 verify, 70 flash, 100, then inform the new version. */
export async function performUpgrade(offer: FirmwareOffer, outcome: UpgradeOutcome, io: UpgradeIo): Promise<UpgradeResult> {
  const fail = async (kind: keyof typeof FAILURE_STEPS): Promise<UpgradeResult> => {
    await io.progress(FAILURE_STEPS[kind].step, FAILURE_STEPS[kind].desc);
    return 'failed';
  };
  if (outcome === 'silent') return 'silent';
  if (outcome === 'reject') return fail('reject');

  await io.progress(10, 'Downloading firmware');
  if (!(await io.pause())) return 'aborted';
  const fetched = outcome === 'download' ? 'download_failed' : await io.fetch(offer);
  if (fetched === 'download_failed') return fail('download');

  await io.progress(35, 'Verifying firmware');
  if (!(await io.pause())) return 'aborted';
  if (fetched === 'bad_sign' || outcome === 'verify') return fail('verify');

  await io.progress(70, 'Writing flash');
  if (!(await io.pause())) return 'aborted';
  if (outcome === 'flash') return fail('flash');
  const dropped = await io.drop?.(offer.version);
  if (dropped) return dropped;

  await io.progress(100, 'Upgrade complete, rebooting');
  if (!(await io.pause())) return 'aborted';
  await io.inform(offer.version);
  return 'succeeded';
}
