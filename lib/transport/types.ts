import type { SignMethod } from '@/lib/ota/states';

/**
 * The contract between the OTA engine and whatever carries messages to devices (SPEC 6.1). A transport knows the
 * wire protocol; the engine knows tasks. Adding a transport (external broker, HTTP polling) means one new module
 * implementing DeviceTransport, with no change to the scheduler.
 */

/** A device as both sides name it. Keys are unique per OU, so the OU and row id travel with them. */
export type DeviceRef = { ouId: number; deviceId: number; productKey: string; deviceKey: string };

/**
 * What the console offers a device: the `upgrade` push params and each entry of a getversion/request reply. The
 * firmware's description ("devices can read it", SPEC 3.1) travels as one extra field next to EnOS's five.
 */
export type FirmwareOffer = {
  version: string;
  sign: string;
  signMethod: SignMethod;
  fileUrl: string;
  fileSize: number;
  description: string;
};

/** An upgrade push; `messageId` ("{taskId}:{attempt}") is the MQTT request id, reused verbatim on a resend. */
export type UpgradeCommand = FirmwareOffer & { messageId: string };

/** A device message after the transport decoded and validated it (SPEC 6.3). */
export type DeviceMessage =
  | { kind: 'inform'; version: string }
  | { kind: 'progress'; step: number; desc: string }
  /** `getversion` or `request`: the device asks whether an upgrade is available. */
  | { kind: 'version_request' };

/** The engine's answer, which the transport sends back on the request topic + `_reply`. */
export type DeviceReply = { code: 200; data: unknown } | { code: number; message: string };

/** Implemented by the engine side (lib/services/device-gateway.ts); called by transports. */
export interface DeviceEventHandler {
  /** Candidates for a connecting device's credentials; the transport checks the password against each. */
  findDevices(productKey: string, deviceKey: string): Promise<Array<{ ref: DeviceRef; deviceSecret: string }>>;
  online(device: DeviceRef, at: number): Promise<void>;
  offline(device: DeviceRef, at: number): Promise<void>;
  message(device: DeviceRef, message: DeviceMessage, at: number): Promise<DeviceReply>;
}

export type PushResult = 'sent' | 'offline';

export interface DeviceTransport {
  readonly kind: 'mqtt' | 'simulated' | (string & {});
  start(handler: DeviceEventHandler): Promise<void>;
  stop(): Promise<void>;
  /** Delivers an upgrade command to a connected device, or reports it offline (the task then waits for reconnect). */
  push(device: DeviceRef, command: UpgradeCommand): Promise<PushResult>;
}
