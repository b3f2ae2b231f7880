import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createMqttTransport, type MqttTransport } from '@/lib/transport/mqtt/broker';
import { createFakeHandler, waitFor, type FakeDevice } from '@/lib/transport/testing';
import type { DeviceMessage, DeviceRef, DeviceReply } from '@/lib/transport/types';
import { DEFAULT_BEHAVIOUR, type FleetBehaviour } from './behaviour';
import type { DeviceRequestMode } from './device';
import { createSummary, startFleet, type Fleet } from './fleet';

// The fleet simulator against the real embedded broker (with a recording handler in place of the engine) and a
// plain HTTP file server.

const firmware = crypto.randomBytes(64 * 1024);
const sha256 = crypto.createHash('sha256').update(firmware).digest('hex');
let fileServer: http.Server;
let fileUrl: string;
let downloads = 0;

beforeAll(async () => {
  fileServer = http.createServer((_req, res) => {
    downloads++;
    res.writeHead(200, { 'Content-Length': firmware.length }).end(firmware);
  });
  await new Promise<void>((r) => fileServer.listen(0, '127.0.0.1', r));
  fileUrl = `http://127.0.0.1:${(fileServer.address() as AddressInfo).port}/fw.bin`;
});
afterAll(() => new Promise<void>((r) => fileServer.close(() => r())));

const devices: FakeDevice[] = Array.from({ length: 3 }, (_, i) => ({
  ref: { ouId: 1, deviceId: i + 1, productKey: 'battery-bms', deviceKey: `bms-${i + 1}` },
  deviceSecret: `secret-${i + 1}`,
}));
const specs = devices.map((d) => ({ ...d.ref, deviceSecret: d.deviceSecret, version: '2.3.1' }));

let transport: MqttTransport | undefined;
let fleet: Fleet | undefined;

afterEach(async () => {
  await fleet?.stop();
  await transport?.stop();
  fleet = transport = undefined;
  downloads = 0;
});

type Respond = (device: DeviceRef, message: DeviceMessage) => DeviceReply;

async function run(
  behaviour: Partial<FleetBehaviour>,
  fleetSpecs = specs,
  more: { respond?: Respond; requests?: DeviceRequestMode } = {},
) {
  const fake = createFakeHandler(devices, more.respond);
  transport = createMqttTransport({ host: '127.0.0.1', port: 0, logger: { info() {}, warn() {}, error() {} } });
  await transport.start(fake.handler);
  fleet = startFleet({
    brokerUrl: `mqtt://127.0.0.1:${transport.port}`,
    devices: fleetSpecs,
    seed: 1,
    behaviour: { ...DEFAULT_BEHAVIOUR, stepDelayMs: { min: 1, max: 5 }, ...behaviour },
    requests: more.requests,
  });
  await fleet.ready;
  return fake;
}

/** A handler answering getversion with what `offers` says for the device at that moment. */
const offering =
  (offers: (device: DeviceRef) => object[]): Respond =>
  (device, message) => ({ code: 200, data: message.kind === 'version_request' ? offers(device) : {} });

const offer = (version = '2.4.0', sign = sha256) => ({ version, sign, signMethod: 'sha256' as const, fileUrl, fileSize: firmware.length, description: '' });
const upgrade = (sign = sha256) => ({ ...offer('2.4.0', sign), messageId: '77:1' });

const sentBy = (fake: ReturnType<typeof createFakeHandler>, deviceId: number): DeviceMessage[] =>
  fake.of('message', deviceId).flatMap((c) => (c.type === 'message' ? [c.message] : []));

const UPGRADE_STEPS: DeviceMessage[] = [
  { kind: 'progress', step: 10, desc: 'Downloading firmware' },
  { kind: 'progress', step: 35, desc: 'Verifying firmware' },
  { kind: 'progress', step: 70, desc: 'Writing flash' },
  { kind: 'progress', step: 100, desc: 'Upgrade complete, rebooting' },
  { kind: 'inform', version: '2.4.0' },
];
const asks = (fake: ReturnType<typeof createFakeHandler>, deviceId: number) =>
  sentBy(fake, deviceId).filter((m) => m.kind === 'version_request').length;

describe('fleet simulator', () => {
  it('logs in with the device secrets and informs each version', async () => {
    const fake = await run({});
    await waitFor(() => fake.of('message').length === 3);
    expect(fleet!.stats.online).toBe(3);
    expect(sentBy(fake, 2)).toEqual([{ kind: 'inform', version: '2.3.1' }]);
  });

  it('upgrades: downloads and checks the file, reports progress, informs the new version', async () => {
    const fake = await run({});
    await waitFor(() => fake.of('message', 1).length === 1);
    expect(await transport!.push(devices[0].ref, upgrade())).toBe('sent');
    await waitFor(() => fleet!.stats.succeeded === 1);
    expect(downloads).toBe(1);
    expect(sentBy(fake, 1)).toEqual([
      { kind: 'inform', version: '2.3.1' },
      { kind: 'progress', step: 10, desc: 'Downloading firmware' },
      { kind: 'progress', step: 35, desc: 'Verifying firmware' },
      { kind: 'progress', step: 70, desc: 'Writing flash' },
      { kind: 'progress', step: 100, desc: 'Upgrade complete, rebooting' },
      { kind: 'inform', version: '2.4.0' },
    ]);
    expect(fleet!.devices[0].version).toBe('2.4.0');
  });

  it('reports -3 when the downloaded file does not match the sign', async () => {
    const fake = await run({});
    await waitFor(() => fake.of('message', 1).length === 1);
    await transport!.push(devices[0].ref, upgrade('0'.repeat(64)));
    await waitFor(() => fleet!.stats.failed === 1);
    expect(sentBy(fake, 1).at(-1)).toEqual({ kind: 'progress', step: -3, desc: 'sign mismatch' });
  });

  it.each([
    ['download', -2],
    ['flash', -4],
    ['reject', -5],
  ] as const)('fails with %s at the configured rate', async (kind, step) => {
    const fake = await run({ failureRates: { [kind]: 1 } });
    await waitFor(() => fake.of('message', 1).length === 1);
    await transport!.push(devices[0].ref, upgrade());
    await waitFor(() => fleet!.stats.failed === 1);
    expect(sentBy(fake, 1).at(-1)).toMatchObject({ kind: 'progress', step });
    expect(fleet!.devices[0].version).toBe('2.3.1');
  });

  it('stays silent when configured so: not even the upgrade_reply reaches the broker', async () => {
    const fake = await run({ fixedOutcomes: { 'bms-1': 'silent' } });
    await waitFor(() => fake.of('message').length === 3);
    // The broker counts every publish of a device, replies to its commands included.
    expect(transport!.messageCounts.received).toBe(3);
    expect(await transport!.push(devices[0].ref, upgrade())).toBe('sent');
    expect(await transport!.push(devices[1].ref, upgrade())).toBe('sent');
    await waitFor(() => fleet!.stats.silent === 1 && fleet!.stats.succeeded === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(sentBy(fake, 1)).toEqual([{ kind: 'inform', version: '2.3.1' }]);
    expect(downloads).toBe(1);
    // bms-2 sent its upgrade_reply, four progress reports and an inform; bms-1 nothing at all.
    expect(transport!.messageCounts.received).toBe(3 + 6);
  });

  it('connects the offline share later', async () => {
    const fake = await run({ offlineShare: 1, reconnectAfterMs: { min: 50, max: 100 } });
    expect(fake.of('online')).toHaveLength(0);
    await waitFor(() => fake.of('online').length === 3);
  });

  it('with a drop share loses the connection after writing flash, reconnects later and informs the new version', async () => {
    const fake = await run({ dropShare: 1, reconnectAfterMs: { min: 300, max: 300 } });
    await waitFor(() => fake.of('message', 1).length === 1);
    expect(await transport!.push(devices[0].ref, upgrade())).toBe('sent');
    await waitFor(() => fake.of('offline', 1).length === 1);
    const droppedAt = Date.now();
    expect(fleet!.stats).toMatchObject({ online: 2, upgrading: 1, dropped: 1, succeeded: 0 });
    await waitFor(() => fake.of('message', 1).length === 5);
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(250);
    // What the console sees: progress up to the flash, the connection lost, back online, the new version informed.
    const seen = fake.calls.filter((c) => c.device.deviceId === 1).map((c) => (c.type === 'message' ? c.message : c.type));
    expect(seen).toEqual([
      'online',
      { kind: 'inform', version: '2.3.1' },
      ...UPGRADE_STEPS.slice(0, 3),
      'offline',
      'online',
      { kind: 'inform', version: '2.4.0' },
    ]);
    expect(fleet!.stats).toMatchObject({ online: 3, upgrading: 0, succeeded: 1, dropped: 1 });
    expect(fleet!.devices[0].version).toBe('2.4.0');
  });

  it('counts devices whose login is refused', async () => {
    await run({}, [...specs.slice(0, 2), { ...specs[2], deviceSecret: 'wrong' }]);
    expect(fleet!.stats).toMatchObject({ online: 2, refused: 1 });
  });

  it('disconnects every device on stop', async () => {
    const fake = await run({});
    await waitFor(() => fake.of('online').length === 3);
    await fleet!.stop();
    await waitFor(() => fake.of('offline').length === 3);
    expect(fleet!.stats.online).toBe(0);
  });

  it('prints a summary line with counts and the message rate', () => {
    let t = 0;
    const stats = { devices: 50, online: 48, upgrading: 5, succeeded: 12, failed: 2, silent: 0, refused: 0, dropped: 0, requests: 0, messagesIn: 0, messagesOut: 0 };
    const line = createSummary(stats, () => t);
    t = 2000;
    stats.messagesIn = 100;
    stats.messagesOut = 60;
    expect(line()).toBe('online 48/50 · upgrading 5 · succeeded 12 · failed 2 · messages 160 (80/s)');
    stats.requests = 7;
    stats.dropped = 3;
    expect(line()).toContain('dropped 3 · requests 7 · messages 160');
  });

  it('adds devices created later and connects them at once', async () => {
    const fake = await run({}, specs.slice(0, 2));
    await waitFor(() => fake.of('online').length === 2);
    expect(fleet!.add([specs[2]])).toHaveLength(1);
    await waitFor(() => fake.of('message', 3).length === 1);
    expect(sentBy(fake, 3)).toEqual([{ kind: 'inform', version: '2.3.1' }]);
    expect(fleet!.stats).toMatchObject({ devices: 3, online: 3 });
  });
});

describe('fleet simulator in request mode', () => {
  it('asks with getversion right after informing, then every period; an offer of its own version is no upgrade', async () => {
    const fake = await run({}, specs, {
      respond: offering(() => [offer('2.3.1')]),
      requests: { everyMs: 50, devices: ['bms-1', 'bms-3'], only: false },
    });
    await waitFor(() => asks(fake, 1) >= 3 && asks(fake, 3) >= 3);
    expect(sentBy(fake, 1).slice(0, 2)).toEqual([{ kind: 'inform', version: '2.3.1' }, { kind: 'version_request' }]);
    // bms-2 does not match the devices that ask.
    expect(sentBy(fake, 2)).toEqual([{ kind: 'inform', version: '2.3.1' }]);
    expect(downloads).toBe(0);
    expect(fleet!.stats.requests).toBeGreaterThanOrEqual(6);
  });

  it('installs an offered firmware exactly as a pushed one, and does not install it again once it runs it', async () => {
    let available = false;
    const fake = await run({}, specs, {
      respond: offering(() => (available ? [offer('2.4.0')] : [])),
      requests: { everyMs: 30, devices: ['bms-1'], only: false },
    });
    await waitFor(() => asks(fake, 1) >= 2);
    available = true;
    await waitFor(() => fleet!.stats.succeeded === 1);
    const asked = asks(fake, 1);
    await waitFor(() => asks(fake, 1) >= asked + 3);
    expect(downloads).toBe(1);
    expect(sentBy(fake, 1).filter((m) => m.kind !== 'version_request')).toEqual([{ kind: 'inform', version: '2.3.1' }, ...UPGRADE_STEPS]);
    expect(fleet!.devices[0].version).toBe('2.4.0');
  });

  it('runs one upgrade when a push and a request offer the same firmware at once', async () => {
    const fake = await run({ stepDelayMs: { min: 40, max: 40 } }, specs, {
      respond: offering(() => [offer('2.4.0')]),
      requests: { everyMs: 20, devices: ['bms-1'], only: false },
    });
    await waitFor(() => fleet!.stats.upgrading === 1);
    expect(await transport!.push(devices[0].ref, upgrade())).toBe('sent');
    await waitFor(() => fleet!.stats.succeeded === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(downloads).toBe(1);
    expect(fleet!.stats.succeeded).toBe(1);
    expect(sentBy(fake, 1).filter((m) => m.kind !== 'version_request')).toEqual([{ kind: 'inform', version: '2.3.1' }, ...UPGRADE_STEPS]);
  });

  it('with --request-only rejects a pushed upgrade (step -5) but installs what it asked for', async () => {
    let available = false;
    const fake = await run({}, specs, {
      respond: offering(() => (available ? [offer('2.4.0')] : [])),
      requests: { everyMs: 30, devices: ['bms-*'], only: true },
    });
    await waitFor(() => asks(fake, 1) >= 1);
    await transport!.push(devices[0].ref, upgrade());
    await waitFor(() => fleet!.stats.failed === 1);
    expect(sentBy(fake, 1).filter((m) => m.kind === 'progress')).toEqual([{ kind: 'progress', step: -5, desc: 'battery below 20%, upgrade refused' }]);
    expect(downloads).toBe(0);

    available = true;
    await waitFor(() => fleet!.stats.succeeded === 3);
    expect(downloads).toBe(3);
    expect(fleet!.devices.map((d) => d.version)).toEqual(['2.4.0', '2.4.0', '2.4.0']);
  });
});
