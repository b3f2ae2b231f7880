import crypto from 'node:crypto';

/**
 * EnOS "secure mode 2" device authentication (SPEC 6.2). The same code signs on the device side (the fleet
 * simulator) and verifies on the broker side, so both always agree on the string that is hashed.
 */

export const MQTT_SIGN_METHODS = ['hmacsha256', 'hmacmd5', 'hmacsha1'] as const;
export type MqttSignMethod = (typeof MQTT_SIGN_METHODS)[number];

// Despite their names these are plain digests of content + secret, as the EnOS SDKs compute them.
const DIGEST: Record<MqttSignMethod, { algorithm: string; upper: boolean }> = {
  hmacsha256: { algorithm: 'sha256', upper: false },
  hmacmd5: { algorithm: 'md5', upper: false },
  hmacsha1: { algorithm: 'sha1', upper: true },
};

export type ClientIdParts = { deviceKey: string; signMethod: MqttSignMethod; timestamp: string };

/** Parses `{deviceKey}|securemode=2,signmethod=…,timestamp=…|`; null when malformed or not secure mode 2. */
export function parseClientId(clientId: string): ClientIdParts | null {
  const match = /^([^|]+)\|([^|]*)\|$/.exec(clientId);
  if (!match) return null;
  const params = new Map<string, string>();
  for (const pair of match[2].split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return null;
    params.set(pair.slice(0, eq).trim().toLowerCase(), pair.slice(eq + 1).trim());
  }
  const signMethod = params.get('signmethod')?.toLowerCase();
  const timestamp = params.get('timestamp');
  if (params.get('securemode') !== '2' || !timestamp) return null;
  if (!MQTT_SIGN_METHODS.includes(signMethod as MqttSignMethod)) return null;
  return { deviceKey: match[1], signMethod: signMethod as MqttSignMethod, timestamp };
}

/** Splits the username `{deviceKey}&{productKey}`, given the deviceKey already read from the client id. */
export function parseUsername(username: string, deviceKey: string): { productKey: string } | null {
  const prefix = `${deviceKey}&`;
  if (!username.startsWith(prefix) || username.length === prefix.length) return null;
  return { productKey: username.slice(prefix.length) };
}

export type SignInput = {
  productKey: string;
  deviceKey: string;
  deviceSecret: string;
  timestamp: string;
  signMethod: MqttSignMethod;
};

/** The password a device sends: digest of the sorted key/value pairs (clientId = bare deviceKey) + the secret. */
export function signDevicePassword(input: SignInput): string {
  const content =
    `clientId${input.deviceKey}deviceKey${input.deviceKey}productKey${input.productKey}` +
    `timestamp${input.timestamp}${input.deviceSecret}`;
  const { algorithm, upper } = DIGEST[input.signMethod];
  const hex = crypto.createHash(algorithm).update(content, 'utf8').digest('hex');
  return upper ? hex.toUpperCase() : hex;
}

/** Compares a received password with the expected one in constant time; hex case does not matter. */
export function passwordMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given.toLowerCase());
  const b = Buffer.from(expected.toLowerCase());
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export type DeviceCredentials = { clientId: string; username: string; password: string };

/** What an EnOS device puts in its CONNECT packet; used by the fleet simulator and tests. */
export function buildDeviceCredentials(input: {
  productKey: string;
  deviceKey: string;
  deviceSecret: string;
  signMethod?: MqttSignMethod;
  timestamp?: string;
}): DeviceCredentials {
  const signMethod = input.signMethod ?? 'hmacsha256';
  const timestamp = input.timestamp ?? String(Date.now());
  return {
    clientId: `${input.deviceKey}|securemode=2,signmethod=${signMethod},timestamp=${timestamp}|`,
    username: `${input.deviceKey}&${input.productKey}`,
    password: signDevicePassword({ ...input, signMethod, timestamp }),
  };
}
