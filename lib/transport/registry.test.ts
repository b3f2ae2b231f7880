import { describe, expect, it } from 'vitest';
import { MqttTransport } from './mqtt/broker';
import { createTransport } from './registry';
import { SimulatedTransport } from './simulated';

const settings = { MQTT_HOST: '127.0.0.1', MQTT_PORT: 1883, SIMULATED_SEED: 1, SIMULATED_FAILURES: '' };
const deps = { simulatedDevices: async () => [] };

describe('createTransport', () => {
  it('builds the embedded MQTT broker by default setting', () => {
    const transport = createTransport({ ...settings, TRANSPORT: 'mqtt' }, deps);
    expect(transport).toBeInstanceOf(MqttTransport);
    expect(transport.kind).toBe('mqtt');
  });

  it('builds the in-process fleet for `simulated`', () => {
    const transport = createTransport({ ...settings, TRANSPORT: 'simulated' }, deps);
    expect(transport).toBeInstanceOf(SimulatedTransport);
    expect(transport.kind).toBe('simulated');
  });
});
