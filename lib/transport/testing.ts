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
