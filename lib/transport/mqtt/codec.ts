import type { DeviceMessage, DeviceRef, DeviceReply, UpgradeCommand } from '../types';

/**
 * The EnOS OTA wire protocol (SPEC 6.3): topic names, request decoding and validation, reply and command encoding.
 * Pure functions: the broker feeds them topics and payloads and sends back what they return.
 */

/** Everything a device may touch lives under this prefix. */
export function deviceTopicPrefix(device: Pick<DeviceRef, 'productKey' | 'deviceKey'>): string {
  return `/sys/${device.productKey}/${device.deviceKey}/`;
}

/** The full topic of an OTA request or command, e.g. `/sys/pk/dk/ota/device/inform`. */
export function otaTopic(device: Pick<DeviceRef, 'productKey' | 'deviceKey'>, suffix: string): string {
  return `${deviceTopicPrefix(device)}ota/device/${suffix}`;
}

/** The topic a reply to a request on `topic` goes to. */
export function replyTopic(topic: string): string {
  return `${topic}_reply`;
}

/** True when a topic (or topic filter) stays inside the device's own namespace. */
export function isOwnTopic(device: Pick<DeviceRef, 'productKey' | 'deviceKey'>, topic: string): boolean {
  return topic.startsWith(deviceTopicPrefix(device));
}

export type RequestId = string | number | null;

/** A decoded device publish: a request for the engine, a protocol error to answer, or a device's own reply. */
export type DecodedPublish =
  | { kind: 'request'; id: RequestId; message: DeviceMessage }
  | { kind: 'error'; id: RequestId; code: number; message: string }
  | { kind: 'device_reply'; id: RequestId; code: unknown };

type Suffix = 'inform' | 'progress' | 'getversion' | 'request';

// Spellings accepted per topic (SPEC 6.3); getversion in any case.
const METHODS: Record<Suffix, (method: string) => boolean> = {
  inform: (m) => m === 'ota.device.inform' || m === 'ota.inform',
  progress: (m) => m === 'ota.device.progress' || m === 'ota.progress',
  getversion: (m) => m.toLowerCase() === 'ota.device.getversion',
  request: (m) => m === 'ota.request',
};

export const PROTOCOL_ERRORS = { badRequest: 400, unknownMethod: 404, internal: 500 } as const;
const MAX_VERSION_LENGTH = 128;
const MAX_DESC_LENGTH = 1000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readId(body: Record<string, unknown>): RequestId {
  const id = body.id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

function readStep(raw: unknown): number | null {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!/^-?\d{1,10}$/.test(text)) return null;
  const step = Number(text);
  return step <= 100 ? step : null;
}

function decodeParams(suffix: Suffix, params: Record<string, unknown>): DeviceMessage | string {
  switch (suffix) {
    case 'inform': {
      const version = params.version;
      if (typeof version !== 'string' || !version.trim()) return 'params.version is required';
      if (version.length > MAX_VERSION_LENGTH) return 'params.version is too long';
      return { kind: 'inform', version: version.trim() };
    }
    case 'progress': {
      const step = readStep(params.step);
      if (step === null) return 'params.step must be an integer of at most 100';
      const desc = params.desc === undefined || params.desc === null ? '' : String(params.desc);
      return { kind: 'progress', step, desc: desc.slice(0, MAX_DESC_LENGTH) };
    }
    case 'getversion':
    case 'request':
      return { kind: 'version_request' };
  }
}

/**
 * Decodes a publish from a device, given the topic relative to the device's prefix (e.g. `ota/device/inform`).
 * Returns null for a publish that needs neither handling nor an answer.
 */
export function decodeDevicePublish(relativeTopic: string, payload: Buffer): DecodedPublish | null {
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    // A reply to us that is not JSON is dropped; a request that is not JSON is answered.
    if (relativeTopic.endsWith('_reply')) return null;
    return { kind: 'error', id: null, code: PROTOCOL_ERRORS.badRequest, message: 'Payload is not valid JSON' };
  }
  if (!isRecord(body)) {
    return { kind: 'error', id: null, code: PROTOCOL_ERRORS.badRequest, message: 'Payload must be a JSON object' };
  }
  const id = readId(body);
  // Replies of the device to console commands (e.g. upgrade_reply).
  if (relativeTopic.endsWith('_reply')) return { kind: 'device_reply', id, code: body.code };

  const error = (code: number, message: string): DecodedPublish => ({ kind: 'error', id, code, message });
  const suffix = relativeTopic.startsWith('ota/device/') ? relativeTopic.slice('ota/device/'.length) : null;
  if (suffix === null || !Object.hasOwn(METHODS, suffix)) {
    return error(PROTOCOL_ERRORS.unknownMethod, `Topic not supported: ${relativeTopic}`);
  }
  if (id === null) return error(PROTOCOL_ERRORS.badRequest, 'id is required');
  const method = body.method;
  if (typeof method !== 'string') return error(PROTOCOL_ERRORS.badRequest, 'method is required');
  if (!METHODS[suffix as Suffix](method)) {
    return error(PROTOCOL_ERRORS.unknownMethod, `Unknown method ${method} on topic ${suffix}`);
  }
  const params = body.params ?? {};
  if (!isRecord(params)) return error(PROTOCOL_ERRORS.badRequest, 'params must be an object');
  const decoded = decodeParams(suffix as Suffix, params);
  if (typeof decoded === 'string') return error(PROTOCOL_ERRORS.badRequest, decoded);
  return { kind: 'request', id, message: decoded };
}

/** Encodes `{id, code, data}` or `{id, code, message}` for the `_reply` topic. */
export function encodeReply(id: RequestId, reply: DeviceReply): Buffer {
  const body = 'data' in reply ? { id, code: reply.code, data: reply.data } : { id, code: reply.code, message: reply.message };
  return Buffer.from(JSON.stringify(body));
}

/** Encodes the console's `ota.device.upgrade` command. */
export function encodeUpgradeCommand(command: UpgradeCommand): Buffer {
  const { messageId, version, sign, signMethod, fileUrl, fileSize, description } = command;
  return Buffer.from(
    JSON.stringify({
      id: messageId,
      version: '1.0',
      method: 'ota.device.upgrade',
      params: { version, sign, signMethod, fileUrl, fileSize, description },
    }),
  );
}
