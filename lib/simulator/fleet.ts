import { connectDelay, type FleetBehaviour } from './behaviour';
import {
  SimulatorDevice,
  type DeviceContext,
  type DeviceRequestMode,
  type FleetStats,
  type SimulatorDeviceSpec,
} from './device';
import { downloadAndVerify } from './download';
import { createSleeper } from './sleeper';

/**
 * The fleet simulator (SPEC 6.4): N devices as real MQTT clients against the console's broker. Used by
 * `npm run simulate`, the end-to-end benchmark and the integration tests.
 */

export type FleetOptions = {
  brokerUrl: string;
  devices: SimulatorDeviceSpec[];
  seed: number;
  behaviour: FleetBehaviour;
  /** Devices that also ask for upgrades themselves. */
  requests?: DeviceRequestMode;
  log?: (message: string) => void;
  /** Logins in flight at once; pacing them keeps the broker's accept queue from overflowing. */
  connectConcurrency?: number;
  /** Downloads in flight at once: one host simulating thousands of devices has only so many sockets. */
  downloadConcurrency?: number;
};

export type Fleet = {
  stats: FleetStats;
  devices: SimulatorDevice[];
  /** Resolves when every device that starts online has had its first login answered. */
  ready: Promise<void>;
  /** Adds devices (created after the start) and connects them at once. */
  add(specs: SimulatorDeviceSpec[]): SimulatorDevice[];
  /** Stops every upgrade and disconnects every device cleanly. */
  stop(): Promise<void>;
};

// A login that gets no answer (broker down) does not hold the others back for longer than this.
const LOGIN_WAIT_MS = 10_000;

/** Connects the fleet: most devices at once (paced), the rolled offline share later. */
export function startFleet(options: FleetOptions): Fleet {
  const stats: FleetStats = {
    devices: options.devices.length,
    online: 0,
    upgrading: 0,
    succeeded: 0,
    failed: 0,
    silent: 0,
    refused: 0,
    dropped: 0,
    requests: 0,
    messagesIn: 0,
    messagesOut: 0,
  };
  const sleeper = createSleeper();
  let stopped = false;
  const downloads = createLimiter(options.downloadConcurrency ?? 200);
  const ctx: DeviceContext = {
    brokerUrl: options.brokerUrl,
    requests: options.requests,
    seed: options.seed,
    behaviour: options.behaviour,
    stats,
    log: options.log ?? (() => {}),
    sleep: sleeper.sleep,
    download: (offer) => downloads(() => downloadAndVerify(offer)),
  };
  const devices = options.devices.map((spec) => new SimulatorDevice(spec, ctx));
  const timers = new Set<NodeJS.Timeout>();
  const now: SimulatorDevice[] = [];
  for (const device of devices) {
    const delay = connectDelay(options.seed, device.spec.deviceKey, options.behaviour);
    if (delay === 0) now.push(device);
    else timers.add(setTimeout(() => void device.connect(), delay));
  }

  const login = (device: SimulatorDevice) =>
    Promise.race([device.connect(), new Promise<void>((r) => setTimeout(r, LOGIN_WAIT_MS).unref())]);
  const ready = (async () => {
    let next = 0;
    const worker = async () => {
      while (next < now.length && !stopped) await login(now[next++]);
    };
    await Promise.all(Array.from({ length: options.connectConcurrency ?? 100 }, worker));
  })();

  return {
    stats,
    devices,
    ready,
    add(specs) {
      if (stopped) return [];
      const added = specs.map((spec) => new SimulatorDevice(spec, ctx));
      devices.push(...added);
      stats.devices += added.length;
      for (const device of added) void login(device);
      return added;
    },
    async stop() {
      stopped = true;
      sleeper.cancelAll();
      for (const timer of timers) clearTimeout(timer);
      await ready;
      await Promise.all(devices.map((d) => d.disconnect()));
    },
  };
}

/** Runs at most `max` of the given tasks at once, the others in arrival order. */
function createLimiter(max: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next waiter.
    if (running < max) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** Returns a function that prints the live summary line, with the message rate since its previous call. */
export function createSummary(stats: FleetStats, clock: () => number = Date.now): () => string {
  let last = { at: clock(), messages: 0 };
  return () => {
    const at = clock();
    const messages = stats.messagesIn + stats.messagesOut;
    const rate = at > last.at ? Math.round(((messages - last.messages) * 1000) / (at - last.at)) : 0;
    last = { at, messages };
    const parts = [
      `online ${stats.online}/${stats.devices}`,
      `upgrading ${stats.upgrading}`,
      `succeeded ${stats.succeeded}`,
      `failed ${stats.failed}`,
    ];
    if (stats.silent) parts.push(`silent ${stats.silent}`);
    if (stats.refused) parts.push(`refused ${stats.refused}`);
    if (stats.dropped) parts.push(`dropped ${stats.dropped}`);
    if (stats.requests) parts.push(`requests ${stats.requests}`);
    parts.push(`messages ${messages} (${rate}/s)`);
    return parts.join(' · ');
  };
}
