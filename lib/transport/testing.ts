import { connectAsync, type MqttClient } from 'mqtt';
import { buildDeviceCredentials, type MqttSignMethod } from './mqtt/auth';
import type { DeviceEventHandler, DeviceMessage, DeviceRef, DeviceReply } from './types';

/** Test support: an in-memory DeviceEventHandler that records every call (no engine, no database). */

export type FakeDevice = { ref: DeviceRef; deviceSecret: string };

export type FakeHandlerCall =
  | { type: 'online' | 'offline'; device: DeviceRef; at: number }
  | { type: 'message'; device: DeviceRef; message: DeviceMessage; at: number };

/** A recording handler; `respond` decides message replies (default: 200 with `{}`, or `[]` for version requests). */
export function createFakeHandler(
  devices: FakeDevice[],
  respond: (device: DeviceRef, message: DeviceMessage) => DeviceReply | Promise<DeviceReply> = (_d, m) => ({
    code: 200,
    data: m.kind === 'version_request' ? [] : {},
  }),
) {
  const calls: FakeHandlerCall[] = [];
  const handler: DeviceEventHandler = {
    findDevices: async (productKey, deviceKey) =>
      devices.filter((d) => d.ref.productKey === productKey && d.ref.deviceKey === deviceKey),
    online: async (device, at) => {
      calls.push({ type: 'online', device, at });
    },
    offline: async (device, at) => {
      calls.push({ type: 'offline', device, at });
    },
    message: async (device, message, at) => {
      calls.push({ type: 'message', device, message, at });
      return respond(device, message);
    },
  };
  return {
    handler,
    calls,
    /** Calls of one kind for one device row. */
    of: (type: FakeHandlerCall['type'], deviceId?: number) =>
      calls.filter((c) => c.type === type && (deviceId === undefined || c.device.deviceId === deviceId)),
  };
}

/** Resolves once `check` passes, polling every 5 ms; fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('waitFor: condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Connects a real MQTT client as a device would (secure mode 2), without reconnecting; for tests. */
export async function connectTestDevice(
  brokerUrl: string,
  device: { productKey: string; deviceKey: string; deviceSecret: string },
  options: { signMethod?: MqttSignMethod; clientId?: string; timestamp?: string; clean?: boolean } = {},
): Promise<MqttClient> {
  const credentials = buildDeviceCredentials({
    ...device,
    signMethod: options.signMethod,
    timestamp: options.timestamp ?? `${Date.now()}.${Math.floor(Math.random() * 1000)}`,
  });
  return connectAsync(brokerUrl, {
    ...credentials,
    clientId: options.clientId ?? credentials.clientId,
    clean: options.clean ?? true,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 3000,
  });
}

/** Like an EnOS SDK: subscribes to the reply topic, publishes, and resolves with the reply carrying the same id. */
export async function deviceRequest(
  client: MqttClient,
  topic: string,
  payload: string | Record<string, unknown>,
): Promise<Record<string, unknown>> {
  await client.subscribeAsync(`${topic}_reply`, { qos: 1 });
  const id = typeof payload === 'object' && 'id' in payload ? payload.id : null;
  const reply = new Promise<Record<string, unknown>>((resolve) => {
    const onMessage = (t: string, p: Buffer) => {
      const body = JSON.parse(p.toString());
      if (t === `${topic}_reply` && body.id === id) {
        client.off('message', onMessage);
        resolve(body);
      }
    };
    client.on('message', onMessage);
  });
  await client.publishAsync(topic, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 });
  return reply;
}

/** Everything a client receives from now on, as [topic, parsed payload]. */
export function inbox(client: MqttClient): Array<[string, Record<string, unknown>]> {
  const received: Array<[string, Record<string, unknown>]> = [];
  client.on('message', (topic, payload) => received.push([topic, JSON.parse(payload.toString())]));
  return received;
}
