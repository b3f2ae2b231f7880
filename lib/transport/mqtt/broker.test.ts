import type { Client } from 'aedes';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectTestDevice, createFakeHandler, deviceRequest, inbox, waitFor, type FakeDevice } from '../testing';
import type { DeviceMessage, DeviceRef, DeviceReply } from '../types';
import type { MqttSignMethod } from './auth';
import { createMqttTransport, type MqttTransport, type TransportLogger } from './broker';

// A real aedes broker on an ephemeral port and real `mqtt` clients speaking the EnOS protocol.

const inv1: FakeDevice = {
  ref: { ouId: 1, deviceId: 11, productKey: 'smart-inverter', deviceKey: 'inv-0001' },
  deviceSecret: 'secret-inv-0001',
};
const inv2: FakeDevice = {
  ref: { ouId: 1, deviceId: 12, productKey: 'smart-inverter', deviceKey: 'inv-0002' },
  deviceSecret: 'secret-inv-0002',
};
// Same keys in another OU: only the secret tells them apart.
const inv1OtherOu: FakeDevice = {
  ref: { ouId: 2, deviceId: 21, productKey: 'smart-inverter', deviceKey: 'inv-0001' },
  deviceSecret: 'secret-of-ou-2',
};

const command = {
  messageId: '5:1',
  version: '2.0.0',
  sign: 'ab'.repeat(32),
  signMethod: 'sha256' as const,
  fileUrl: 'http://127.0.0.1/f',
  fileSize: 64,
  description: 'Fixes MPPT drift',
};

let transport: MqttTransport;
let fake: ReturnType<typeof createFakeHandler>;
let replies: (device: DeviceRef, message: DeviceMessage) => DeviceReply;
const clients: MqttClient[] = [];
const logger: TransportLogger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

beforeEach(async () => {
  replies = (_d, m) => ({ code: 200, data: m.kind === 'version_request' ? [] : {} });
  fake = createFakeHandler([inv1, inv2, inv1OtherOu], (d, m) => replies(d, m));
  transport = createMqttTransport({ host: '127.0.0.1', port: 0, logger, now: () => 1_000 });
  await transport.start(fake.handler);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
  await transport.stop();
  vi.clearAllMocks();
});

type ConnectOptions = {
  secret?: string;
  productKey?: string;
  signMethod?: MqttSignMethod;
  clientId?: string;
  timestamp?: string;
  clean?: boolean;
};

async function connect(device: FakeDevice, options: ConnectOptions = {}): Promise<MqttClient> {
  const client = await connectTestDevice(
    `mqtt://127.0.0.1:${transport.port}`,
    {
      productKey: options.productKey ?? device.ref.productKey,
      deviceKey: device.ref.deviceKey,
      deviceSecret: options.secret ?? device.deviceSecret,
    },
    options,
  );
  clients.push(client);
  return client;
}

/** Connects and waits until the broker has reported the device online (CONNACK can arrive a moment earlier). */
async function connectOnline(device: FakeDevice): Promise<MqttClient> {
  const before = fake.of('online', device.ref.deviceId).length;
  const client = await connect(device);
  await waitFor(() => fake.of('online', device.ref.deviceId).length > before);
  return client;
}

const request = deviceRequest;

const informTopic = '/sys/smart-inverter/inv-0001/ota/device/inform';

describe('authentication (secure mode 2)', () => {
  it.each(['hmacsha256', 'hmacmd5', 'hmacsha1'] as const)('accepts a device signing with %s', async (signMethod) => {
    const client = await connect(inv1, { signMethod });
    expect(client.connected).toBe(true);
    await waitFor(() => fake.of('online').length === 1);
    expect(fake.of('online')[0]).toMatchObject({ device: inv1.ref, at: 1_000 });
  });

  it('accepts the known example of SPEC 6.2, sent literally (see auth.test.ts)', async () => {
    const example: FakeDevice = { ref: { ...inv1.ref, ouId: 3, deviceId: 31 }, deviceSecret: 's3cr3t-device-secret' };
    const exampleHandler = createFakeHandler([example]);
    const broker = createMqttTransport({ host: '127.0.0.1', port: 0, logger });
    await broker.start(exampleHandler.handler);
    try {
      const client = await connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
        clientId: 'inv-0001|securemode=2,signmethod=hmacsha256,timestamp=1732681234567.891|',
        username: 'inv-0001&smart-inverter',
        password: 'a5d265fd6b9312472697a76c683c00d24e4ba3cfb96ba54c529b2bfcffe2187f',
        protocolVersion: 4,
        reconnectPeriod: 0,
      });
      clients.push(client);
      expect(client.connected).toBe(true);
      await waitFor(() => exampleHandler.of('online').length === 1);
      expect(exampleHandler.of('online')[0].device).toEqual(example.ref);
    } finally {
      await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
      await broker.stop();
    }
  });

  it('tells devices with the same keys in two OUs apart by their secret', async () => {
    await connect(inv1OtherOu);
    await waitFor(() => fake.of('online').length === 1);
    expect(fake.of('online')[0].device).toEqual(inv1OtherOu.ref);
  });

  it.each([
    ['a wrong secret', inv1, { secret: 'not-the-secret' }, 'Bad username or password'],
    ['a wrong product', inv1, { productKey: 'battery-bms' }, 'Bad username or password'],
    [
      'an unknown device',
      { ...inv1, ref: { ...inv1.ref, deviceKey: 'ghost-01' } },
      {},
      'Bad username or password',
    ],
    ['a malformed client id', inv1, { clientId: 'inv-0001' }, 'Not authorized'],
    [
      'a client id of another device',
      inv1,
      { clientId: 'inv-0002|securemode=2,signmethod=hmacsha256,timestamp=1|' },
      'Bad username or password',
    ],
  ])('refuses %s', async (_name, device, options: ConnectOptions, message) => {
    await expect(connect(device, options)).rejects.toThrow(message);
    expect(fake.of('online')).toHaveLength(0);
  });
});

describe('start', () => {
  it('fails when the port is taken, and can be started again elsewhere', async () => {
    const second = createMqttTransport({ host: '127.0.0.1', port: transport.port, logger });
    await expect(second.start(fake.handler)).rejects.toThrow('EADDRINUSE');
    const third = createMqttTransport({ host: '127.0.0.1', port: 0, logger });
    await third.start(fake.handler);
    expect(third.port).not.toBe(transport.port);
    await third.stop();
  });
});

describe('topic authorization', () => {
  it('refuses a subscription outside the device namespace', async () => {
    const client = await connect(inv1);
    // The broker grants QoS 128 (failure), which the client reports as a subscribe error.
    await expect(client.subscribeAsync('/sys/smart-inverter/inv-0002/ota/device/upgrade', { qos: 1 })).rejects.toThrow(
      'Subscribe error',
    );
    await expect(client.subscribeAsync('/sys/smart-inverter/+/ota/device/upgrade', { qos: 1 })).rejects.toThrow(
      'Subscribe error',
    );
    await expect(client.subscribeAsync('#', { qos: 1 })).rejects.toThrow('Subscribe error');
    const [own] = await client.subscribeAsync('/sys/smart-inverter/inv-0001/#', { qos: 1 });
    expect(own.qos).toBe(1);
  });

  it('disconnects a device that publishes outside its namespace, and nothing reaches the engine', async () => {
    const victim = await connect(inv2);
    const victimInbox = inbox(victim);
    await victim.subscribeAsync('/sys/smart-inverter/inv-0002/#', { qos: 0 });
    const client = await connect(inv1);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(
      '/sys/smart-inverter/inv-0002/ota/device/inform',
      JSON.stringify({ id: '1', method: 'ota.device.inform', params: { version: '6.6.6' } }),
      { qos: 1 },
    );
    await closed;
    await waitFor(() => fake.of('offline', inv1.ref.deviceId).length === 1);
    expect(fake.of('message')).toHaveLength(0);
    expect(victimInbox).toHaveLength(0);
  });
});

describe('devices with the same keys in two OUs', () => {
  const upgradeTopic = '/sys/smart-inverter/inv-0001/ota/device/upgrade';
  const forged = JSON.stringify({
    id: 'forged',
    version: '1.0',
    method: 'ota.device.upgrade',
    params: { ...command, messageId: undefined, fileUrl: 'http://evil.example/f.bin' },
  });

  it('never get each other’s publishes, and the real push still arrives', async () => {
    const victim = await connectOnline(inv1);
    const received = inbox(victim);
    await victim.subscribeAsync(upgradeTopic, { qos: 1 });
    await victim.subscribeAsync('/sys/smart-inverter/inv-0001/#', { qos: 1 });
    const twin = await connectOnline(inv1OtherOu);
    await twin.publishAsync(upgradeTopic, forged, { qos: 1 });
    await twin.publishAsync(`${informTopic}_reply`, JSON.stringify({ id: 'x', code: 200, data: {} }), { qos: 0 });
    await twin.publishAsync(upgradeTopic, forged, { qos: 0 });
    expect(await transport.push(inv1.ref, command)).toBe('sent');
    await waitFor(() => received.length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toEqual([[upgradeTopic, expect.objectContaining({ id: '5:1' })]]);
  });

  it('never get a retained publish of the other, nor one queued for an offline persistent session', async () => {
    const persistent = await connect(inv1, { timestamp: '2', clean: false });
    await persistent.subscribeAsync(upgradeTopic, { qos: 1 });
    await persistent.endAsync();
    const twin = await connect(inv1OtherOu, { timestamp: '1' });
    await twin.publishAsync(upgradeTopic, forged, { qos: 1, retain: true });
    const back = await connect(inv1, { timestamp: '2', clean: false });
    const received = inbox(back);
    await back.subscribeAsync(upgradeTopic, { qos: 1 });
    await new Promise((r) => setTimeout(r, 150));
    expect(received).toHaveLength(0);
  });

  it('can connect with the very same client id without knocking each other off', async () => {
    // Both send `inv-0001|securemode=2,signmethod=hmacsha256,timestamp=1732681234567|`.
    const first = await connect(inv1, { timestamp: '1732681234567' });
    const second = await connect(inv1OtherOu, { timestamp: '1732681234567' });
    await waitFor(() => fake.of('online').length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(first.connected && second.connected).toBe(true);
    expect(fake.of('offline')).toHaveLength(0);
    expect(await transport.push(inv1.ref, command)).toBe('sent');
    expect(await transport.push(inv1OtherOu.ref, command)).toBe('sent');
  });
});

describe('presence', () => {
  it('reports online on connect and offline on disconnect', async () => {
    const client = await connect(inv1);
    await waitFor(() => fake.of('online').length === 1);
    await client.endAsync();
    await waitFor(() => fake.of('offline').length === 1);
    expect(fake.calls.map((c) => c.type)).toEqual(['online', 'offline']);
  });

  it('keeps one session per device: a new login replaces the old without reporting the device offline', async () => {
    const first = await connect(inv1);
    const firstClosed = new Promise<void>((resolve) => first.once('close', () => resolve()));
    const second = await connectOnline(inv1);
    await firstClosed;
    await waitFor(() => fake.of('online').length === 2);
    expect(fake.of('offline')).toHaveLength(0);
    expect(await transport.push(inv1.ref, command)).toBe('sent');
    await second.endAsync();
    await waitFor(() => fake.of('offline').length === 1);
  });

  it('reports every connected device offline when the transport stops', async () => {
    await connect(inv1);
    await connect(inv2);
    await waitFor(() => fake.of('online').length === 2);
    await transport.stop();
    expect(fake.of('offline').map((c) => c.device.deviceId).sort()).toEqual([11, 12]);
  });
});

describe('OTA requests', () => {
  it('passes an inform to the engine and answers on inform_reply with the same id', async () => {
    const client = await connect(inv1);
    const reply = await request(client, informTopic, {
      id: 'abc',
      version: '1.0',
      method: 'ota.device.inform',
      params: { version: '1.0.0' },
    });
    expect(reply).toEqual({ id: 'abc', code: 200, data: {} });
    expect(transport.messageCounts).toEqual({ received: 1, sent: 1 });
    expect(fake.of('message')).toEqual([
      { type: 'message', device: inv1.ref, message: { kind: 'inform', version: '1.0.0' }, at: 1_000 },
    ]);
  });

  it('passes progress and getversion, and returns the engine reply data', async () => {
    const offer = { ...command, messageId: undefined };
    replies = (_d, m) => (m.kind === 'version_request' ? { code: 200, data: [offer] } : { code: 200, data: {} });
    const client = await connect(inv1);
    const progress = await request(client, '/sys/smart-inverter/inv-0001/ota/device/progress', {
      id: 1,
      method: 'ota.progress',
      params: { step: '-2', desc: 'no route to host' },
    });
    const version = await request(client, '/sys/smart-inverter/inv-0001/ota/device/getversion', {
      id: 2,
      method: 'ota.device.getVersion',
      params: {},
    });
    expect(progress).toEqual({ id: 1, code: 200, data: {} });
    expect(version).toEqual({ id: 2, code: 200, data: [JSON.parse(JSON.stringify(offer))] });
    expect(fake.of('message').map((c) => c.type === 'message' && c.message)).toEqual([
      { kind: 'progress', step: -2, desc: 'no route to host' },
      { kind: 'version_request' },
    ]);
  });

  it('answers malformed JSON, missing fields and unknown methods with an error code, logs them, and changes nothing', async () => {
    const client = await connect(inv1);
    expect(await request(client, informTopic, '{"id": "x", ')).toEqual({
      id: null,
      code: 400,
      message: 'Payload is not valid JSON',
    });
    expect(await request(client, informTopic, { id: 'm', method: 'ota.inform', params: {} })).toMatchObject({
      id: 'm',
      code: 400,
    });
    expect(await request(client, informTopic, { id: 'u', method: 'ota.device.upgrade', params: {} })).toMatchObject({
      id: 'u',
      code: 404,
    });
    expect(fake.of('message')).toHaveLength(0);
    expect(logger.warn).toHaveBeenCalledTimes(3);
  });

  it('forwards an engine refusal and logs it', async () => {
    replies = () => ({ code: 409, message: 'No active upgrade task for this device' });
    const client = await connect(inv1);
    const reply = await request(client, '/sys/smart-inverter/inv-0001/ota/device/progress', {
      id: 'p',
      method: 'ota.device.progress',
      params: { step: 50 },
    });
    expect(reply).toEqual({ id: 'p', code: 409, message: 'No active upgrade task for this device' });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('No active upgrade task'));
  });

  it('answers 500 when the engine throws', async () => {
    replies = () => {
      throw new Error('database is locked');
    };
    const client = await connect(inv1);
    expect(await request(client, informTopic, { id: 'e', method: 'ota.inform', params: { version: '1' } })).toEqual({
      id: 'e',
      code: 500,
      message: 'Internal error',
    });
    expect(logger.error).toHaveBeenCalled();
  });

  it('hands messages of one device to the engine in the order they were sent', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    replies = (_d, m) => {
      if (m.kind === 'progress' && m.step === 10) return gate.then(() => ({ code: 200, data: {} })) as never;
      return { code: 200, data: {} };
    };
    const client = await connect(inv1);
    const base = '/sys/smart-inverter/inv-0001/ota/device/';
    client.publish(`${base}progress`, JSON.stringify({ id: 'a', method: 'ota.progress', params: { step: 10 } }));
    client.publish(`${base}progress`, JSON.stringify({ id: 'b', method: 'ota.progress', params: { step: 100 } }));
    client.publish(`${base}inform`, JSON.stringify({ id: 'c', method: 'ota.inform', params: { version: '2.0.0' } }));
    await waitFor(() => fake.of('message').length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.of('message')).toHaveLength(1);
    release();
    await waitFor(() => fake.of('message').length === 3);
    expect(fake.of('message').map((c) => c.type === 'message' && c.message.kind)).toEqual([
      'progress',
      'progress',
      'inform',
    ]);
  });
});

describe('upgrade push', () => {
  it('delivers the command to a device that never subscribed to it', async () => {
    const client = await connectOnline(inv1);
    const received = inbox(client);
    expect(await transport.push(inv1.ref, command)).toBe('sent');
    await waitFor(() => received.length === 1);
    expect(received[0]).toEqual([
      '/sys/smart-inverter/inv-0001/ota/device/upgrade',
      {
        id: '5:1',
        version: '1.0',
        method: 'ota.device.upgrade',
        params: {
          version: '2.0.0',
          sign: command.sign,
          signMethod: 'sha256',
          fileUrl: command.fileUrl,
          fileSize: 64,
          description: 'Fixes MPPT drift',
        },
      },
    ]);
  });

  it('delivers it exactly once to a device that did subscribe to the command topic', async () => {
    const client = await connectOnline(inv1);
    const received = inbox(client);
    await client.subscribeAsync('/sys/smart-inverter/inv-0001/ota/device/upgrade', { qos: 1 });
    await client.subscribeAsync('/sys/smart-inverter/inv-0001/#', { qos: 1 });
    await transport.push(inv1.ref, command);
    await waitFor(() => received.length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(1);
  });

  it('reports a push whose connection dies during the write as not sent', async () => {
    await connectOnline(inv1);
    const session = (transport as unknown as { sessions: Map<number, Client> }).sessions.get(inv1.ref.deviceId)!;
    const publish = session.publish.bind(session);
    // The connection breaks while the command is being written (aedes then closes the session; no error reaches us).
    session.publish = (packet, done) => {
      session.conn.destroy();
      publish(packet, done);
    };
    expect(await transport.push(inv1.ref, command)).toBe('offline');
    await waitFor(() => fake.of('offline', inv1.ref.deviceId).length === 1);
    expect(await transport.push(inv1.ref, command)).toBe('offline');
  });

  it('reports a device without a session as offline, and does not deliver to other devices', async () => {
    const other = await connectOnline(inv2);
    const received = inbox(other);
    expect(await transport.push(inv1.ref, command)).toBe('offline');
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(0);
  });

  it('accepts the device upgrade_reply without answering it', async () => {
    const client = await connectOnline(inv1);
    const received = inbox(client);
    await client.subscribeAsync('/sys/smart-inverter/inv-0001/ota/device/upgrade_reply_reply', { qos: 1 });
    await client.publishAsync(
      '/sys/smart-inverter/inv-0001/ota/device/upgrade_reply',
      JSON.stringify({ id: '5:1', code: 200, data: {} }),
      { qos: 1 },
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(0);
    expect(fake.of('message')).toHaveLength(0);
  });
});
