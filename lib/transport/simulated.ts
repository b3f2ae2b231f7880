import {
  connectDelay,
  DEFAULT_BEHAVIOUR,
  performUpgrade,
  pickDelay,
  pickOutcome,
  seededRng,
  type FleetBehaviour,
  type UpgradeResult,
} from '@/lib/simulator/behaviour';
import { createSleeper } from '@/lib/simulator/sleeper';
import type {
  DeviceEventHandler,
  DeviceMessage,
  DeviceRef,
  DeviceReply,
  DeviceTransport,
  PushResult,
  UpgradeCommand,
} from './types';

/**
 * The `simulated` transport (SPEC 6.1): an in-process fleet with no network, for tests and quick demos. Devices
 * behave like the MQTT fleet simulator's (same outcome rolls, same progress steps) but trust the offered file
 * instead of downloading it. Deterministic for a seed: each push's outcome depends only on seed, deviceKey and
 * push id.
 */

export type SimulatedDeviceSpec = { ref: DeviceRef; version: string | null };

export type SimulatedTransportOptions = {
  seed: number;
  /** The fleet, read once at start. */
  devices: () => SimulatedDeviceSpec[] | Promise<SimulatedDeviceSpec[]>;
  behaviour?: Partial<FleetBehaviour>;
  now?: () => number;
};

type SimDevice = SimulatedDeviceSpec & { online: boolean; runningPush: string | null };

/** What happened to each push, for tests and demos. */
export type SimulatedPushRecord = { deviceKey: string; messageId: string; result: UpgradeResult };

export class SimulatedTransport implements DeviceTransport {
  readonly kind = 'simulated';
  private handler?: DeviceEventHandler;
  private readonly devices = new Map<number, SimDevice>();
  private readonly behaviour: FleetBehaviour;
  private readonly now: () => number;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly sleeper = createSleeper();
  private stopped = false;
  readonly pushes: SimulatedPushRecord[] = [];

  constructor(private readonly options: SimulatedTransportOptions) {
    this.behaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour };
    this.now = options.now ?? Date.now;
  }

  /** Loads the fleet, brings the devices online (a rolled share later) and has each inform its version. */
  async start(handler: DeviceEventHandler): Promise<void> {
    this.handler = handler;
    this.stopped = false;
    this.sleeper.reset();
    for (const spec of await this.options.devices()) {
      this.devices.set(spec.ref.deviceId, { ...spec, online: false, runningPush: null });
    }
    for (const device of this.devices.values()) {
      const delay = connectDelay(this.options.seed, device.ref.deviceKey, this.behaviour);
      if (delay === 0) {
        await this.connect(device.ref.deviceId);
        continue;
      }
      const later = async () => {
        if (await this.sleeper.sleep(delay)) await this.connect(device.ref.deviceId);
      };
      this.track(later());
    }
  }

  /** Takes every device offline and stops all running upgrades. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeper.cancelAll();
    await this.settle();
    for (const device of this.devices.values()) await this.disconnect(device.ref.deviceId);
  }

  /** Starts the device's upgrade script; 'offline' when the device is not connected. */
  async push(ref: DeviceRef, command: UpgradeCommand): Promise<PushResult> {
    const device = this.devices.get(ref.deviceId);
    if (!device?.online || this.stopped) return 'offline';
    // A resend of the push already running is the same command: the device carries on with it.
    if (device.runningPush !== command.messageId) this.track(this.runUpgrade(device, command));
    return 'sent';
  }

  /** Connects a device (reporting it online) and has it inform its version, as EnOS devices do. */
  async connect(deviceId: number): Promise<void> {
    const device = this.devices.get(deviceId);
    if (!device || device.online || this.stopped) return;
    device.online = true;
    await this.handler!.online(device.ref, this.now());
    if (device.version) await this.send(deviceId, { kind: 'inform', version: device.version });
  }

  /** Disconnects a device; its running upgrade stops at the next step. */
  async disconnect(deviceId: number): Promise<void> {
    const device = this.devices.get(deviceId);
    if (!device?.online) return;
    device.online = false;
    await this.handler!.offline(device.ref, this.now());
  }

  /** Sends a message as the device and returns the engine's reply. */
  async send(deviceId: number, message: DeviceMessage): Promise<DeviceReply> {
    const device = this.devices.get(deviceId);
    if (!device?.online) throw new Error(`simulated device ${deviceId} is offline`);
    return this.handler!.message(device.ref, message, this.now());
  }

  /** The version a device currently runs. */
  versionOf(deviceId: number): string | null {
    return this.devices.get(deviceId)?.version ?? null;
  }

  /** Resolves when no device is doing anything (every started upgrade has finished or stopped). */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private async runUpgrade(device: SimDevice, command: UpgradeCommand): Promise<void> {
    device.runningPush = command.messageId;
    const rng = seededRng(this.options.seed, device.ref.deviceKey, command.messageId);
    const outcome = pickOutcome(rng, device.ref.deviceKey, this.behaviour);
    const result = await performUpgrade(command, outcome, {
      progress: async (step, desc) => {
        if (device.online) await this.send(device.ref.deviceId, { kind: 'progress', step, desc });
      },
      inform: async (version) => {
        device.version = version;
        if (device.online) await this.send(device.ref.deviceId, { kind: 'inform', version });
      },
      pause: async () => (await this.sleeper.sleep(pickDelay(rng, this.behaviour.stepDelayMs))) && device.online,
      fetch: async () => 'ok',
    });
    if (device.runningPush === command.messageId) device.runningPush = null;
    this.pushes.push({ deviceKey: device.ref.deviceKey, messageId: command.messageId, result });
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => console.error('[simulated] device script failed', error));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}

/** Creates the in-process transport. */
export function createSimulatedTransport(options: SimulatedTransportOptions): SimulatedTransport {
  return new SimulatedTransport(options);
}
