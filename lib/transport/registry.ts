import type { Env } from '@/lib/env';
import { createMqttTransport, type TransportLogger } from './mqtt/broker';
import { delayAround, parseFixedOutcomes } from '@/lib/simulator/behaviour';
import { createSimulatedTransport, type SimulatedDeviceSpec } from './simulated';
import type { DeviceTransport } from './types';

/**
 * Picks the DeviceTransport named by TRANSPORT (SPEC 6.1). A new transport is one module plus one entry here;
 * the scheduler and the engine only ever see the DeviceTransport interface.
 */

export type TransportSettings = Pick<
  Env,
  'TRANSPORT' | 'MQTT_HOST' | 'MQTT_PORT' | 'SIMULATED_SEED' | 'SIMULATED_FAILURES' | 'SIMULATED_STEP_MS'
>;

export type TransportDeps = {
  /** The in-process fleet of the `simulated` transport (all devices, read once at start). */
  simulatedDevices: () => Promise<SimulatedDeviceSpec[]>;
  logger?: TransportLogger;
};

const FACTORIES: Record<Env['TRANSPORT'], (settings: TransportSettings, deps: TransportDeps) => DeviceTransport> = {
  mqtt: (s, deps) => createMqttTransport({ host: s.MQTT_HOST, port: s.MQTT_PORT, logger: deps.logger }),
  simulated: (s, deps) =>
    createSimulatedTransport({
      seed: s.SIMULATED_SEED,
      devices: deps.simulatedDevices,
      behaviour: {
        ...(s.SIMULATED_STEP_MS === undefined ? {} : { stepDelayMs: delayAround(s.SIMULATED_STEP_MS) }),
        fixedOutcomes: parseFixedOutcomes(s.SIMULATED_FAILURES),
      },
    }),
};

/** Creates the configured transport (not started). */
export function createTransport(settings: TransportSettings, deps: TransportDeps): DeviceTransport {
  return FACTORIES[settings.TRANSPORT](settings, deps);
}
