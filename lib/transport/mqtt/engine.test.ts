import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertDeviceWithDetails } from '@/db/queries/devices';
import { listFleetDevices } from '@/db/queries/simulator';
import { devices, otaJobs, otaTaskEvents, otaTasks } from '@/db/schema';
import { insertFirmwareWithFile, startDeviceStack, type DeviceStack } from '@/db/testing/device-stack';
import { createFakeClock, insertTestProduct, setupOtaTest, type FakeClock } from '@/db/testing/ota-fixtures';
import { DEFAULT_BEHAVIOUR, type UpgradeOutcome } from '@/lib/simulator/behaviour';
import type { DeviceRequestMode } from '@/lib/simulator/device';
import { startFleet, type Fleet } from '@/lib/simulator/fleet';
import { watchNewDevices } from '@/lib/simulator/watch';
import { createOtaJob, startOtaJob, stopOtaJob } from '@/lib/services/ota-jobs';
import { connectTestDevice, deviceRequest, inbox, waitFor } from '../testing';
import { otaTopic } from './codec';

// The whole device path against the real engine: real MQTT clients (raw, and the fleet simulator), the embedded
// broker, the device gateway, the scheduler on a fake clock, and the signed firmware download over HTTP.

const START = Date.parse('2030-03-01T08:00:00Z');
const firmwareBytes = crypto.randomBytes(64 * 1024);
const firmwareSha = crypto.createHash('sha256').update(firmwareBytes).digest('hex');

let t: ReturnType<typeof setupOtaTest>;
let clock: FakeClock;
let stack: DeviceStack;
let productId: number;
let firmwareId: number;
let dataDir: string;
const clients: MqttClient[] = [];
let fleet: Fleet | undefined;
let stopWatching: (() => void) | undefined;

beforeEach(async () => {
  t = setupOtaTest();
  dataDir = path.join(t.dir, 'data');
  clock = createFakeClock(START);
  productId = insertTestProduct(t.db, t.ou.id, 'inverter').id;
  firmwareId = insertFirmwareWithFile(t.db, { ouId: t.ou.id, productId, version: '2.0.0', bytes: firmwareBytes, dataDir })
    .firmware.id;
  stack = await startDeviceStack({ db: t.db, clock, dataDir });
});

afterEach(async () => {
  stopWatching?.();
  stopWatching = undefined;
  await fleet?.stop();
  fleet = undefined;
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
  await stack.stop();
  t.cleanup();
});

function addDevice(deviceKey: string, version: string | null = '1.0.0') {
  const row = insertDeviceWithDetails(t.db, {
    ouId: t.ou.id,
    productId,
    deviceKey,
    name: deviceKey,
    deviceSecret: `secret-${deviceKey}`,
    firmwareVersion: version,
    now: START,
  });
  return { id: row.id, productKey: 'inverter', deviceKey, deviceSecret: `secret-${deviceKey}`, version };
}
type TestDevice = ReturnType<typeof addDevice>;

async function connect(device: TestDevice): Promise<MqttClient> {
  const client = await connectTestDevice(stack.brokerUrl, device);
  clients.push(client);
  await waitFor(() => deviceRow(device).online);
  return client;
}

const deviceRow = (device: TestDevice) => t.db.select().from(devices).where(eq(devices.id, device.id)).get()!;
const taskOf = (device: TestDevice) => t.db.select().from(otaTasks).where(eq(otaTasks.deviceId, device.id)).get();
const jobRow = (jobId: number) => t.db.select().from(otaJobs).where(eq(otaJobs.id, jobId)).get()!;

function createJob(deviceKeys: string[], input: Partial<Parameters<typeof createOtaJob>[0]['input']> = {}) {
  return createOtaJob({
    actor: t.actor,
    input: { name: 'Rollout', firmwareId, scope: { type: 'devices', deviceKeys }, startOnCreate: true, ...input },
    now: clock.now(),
  });
}

function simulate(fleetDevices: TestDevice[], requests?: DeviceRequestMode) {
  fleet = startFleet({
    brokerUrl: stack.brokerUrl,
    devices: fleetDevices,
    seed: 1,
    behaviour: { ...DEFAULT_BEHAVIOUR, stepDelayMs: { min: 1, max: 3 } },
    requests,
  });
  return fleet;
}

const reasonsOf = (device: TestDevice) =>
  t.db.select().from(otaTaskEvents).where(eq(otaTaskEvents.taskId, taskOf(device)!.id)).all().map((e) => `${e.toState}: ${e.reason}`);

const msg = (method: string, params: object, id: string = crypto.randomUUID()) => ({ id, version: '1.0', method, params });

describe('a real MQTT device against the engine', () => {
  it('goes through a whole upgrade: inform, upgrade push, signed download, progress, inform → Succeeded', async () => {
    const device = addDevice('inv-0001', null);
    const client = await connect(device);
    const received = inbox(client);

    // After connecting, the device informs the version it runs.
    const informed = await deviceRequest(client, otaTopic(device, 'inform'), msg('ota.device.inform', { version: '1.0.0' }));
    expect(informed).toMatchObject({ code: 200 });
    expect(deviceRow(device)).toMatchObject({ online: true, firmwareVersion: '1.0.0' });

    // The job pushes: the command arrives although the device never subscribed to the command topic.
    const job = createJob(['inv-0001']);
    await stack.scheduler.tickOnce();
    await waitFor(() => received.some(([topic]) => topic.endsWith('/ota/device/upgrade')));
    const [topic, command] = received.find(([tp]) => tp.endsWith('/ota/device/upgrade'))!;
    expect(topic).toBe('/sys/inverter/inv-0001/ota/device/upgrade');
    const params = command.params as Record<string, unknown>;
    expect(command).toMatchObject({ version: '1.0', method: 'ota.device.upgrade' });
    expect(params).toMatchObject({ version: '2.0.0', sign: firmwareSha, signMethod: 'sha256', fileSize: firmwareBytes.length });
    expect(taskOf(device)?.state).toBe('pushed');
    await client.publishAsync(`${topic}_reply`, JSON.stringify({ id: command.id, code: 200, data: {} }), { qos: 1 });

    // The signed URL serves exactly the firmware bytes, whose digest is the offered sign.
    const download = await fetch(String(params.fileUrl));
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(download.status).toBe(200);
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(params.sign);
    expect(bytes.equals(firmwareBytes)).toBe(true);

    const progress = await deviceRequest(client, otaTopic(device, 'progress'), msg('ota.device.progress', { step: '50', desc: 'flashing' }));
    expect(progress).toMatchObject({ code: 200 });
    expect(taskOf(device)).toMatchObject({ state: 'upgrading', progress: 50, progressDesc: 'flashing' });

    await deviceRequest(client, otaTopic(device, 'progress'), msg('ota.progress', { step: 100, desc: 'rebooting' }));
    await deviceRequest(client, otaTopic(device, 'inform'), msg('ota.inform', { version: '2.0.0' }));
    expect(taskOf(device)?.state).toBe('succeeded');
    expect(deviceRow(device).firmwareVersion).toBe('2.0.0');
    expect(jobRow(job.id).status).toBe('completed');
  });

  it('fails each task with the reason of its negative step, and a silent device with Timeout', async () => {
    const fates: Record<string, UpgradeOutcome> = {
      'inv-0002': 'download',
      'inv-0003': 'flash',
      'inv-0004': 'reject',
      'inv-0005': 'silent',
      'inv-0006': 'success',
    };
    const fleetDevices = Object.keys(fates).map((key) => addDevice(key));
    fleet = startFleet({
      brokerUrl: stack.brokerUrl,
      devices: fleetDevices,
      seed: 1,
      behaviour: { ...DEFAULT_BEHAVIOUR, stepDelayMs: { min: 1, max: 3 }, fixedOutcomes: fates },
    });
    await fleet.ready;
    await waitFor(() => fleetDevices.every((d) => deviceRow(d).online));
    const job = createJob(Object.keys(fates));
    await stack.scheduler.tickOnce();
    await waitFor(() => fleet!.stats.failed === 3 && fleet!.stats.succeeded === 1 && fleet!.stats.silent === 1);

    const byKey = (key: string) => taskOf(fleetDevices.find((d) => d.deviceKey === key)!);
    expect(byKey('inv-0002')).toMatchObject({ state: 'failed', failureReason: 'Download failed' });
    expect(byKey('inv-0003')).toMatchObject({ state: 'failed', failureReason: 'Flash write failed' });
    expect(byKey('inv-0004')).toMatchObject({ state: 'failed', failureReason: 'Rejected by device' });
    expect(byKey('inv-0006')).toMatchObject({ state: 'succeeded' });
    expect(byKey('inv-0005')?.state).toBe('pushed');
    expect(deviceRow(fleetDevices[1]).firmwareVersion).toBe('1.0.0');
    expect(deviceRow(fleetDevices[4]).firmwareVersion).toBe('2.0.0');

    // The default "Upgrade Timeout" is 2 hours from the push.
    clock.advance(2 * 3600_000 + 1000);
    await stack.scheduler.tickOnce();
    expect(byKey('inv-0005')).toMatchObject({ state: 'failed', failureReason: 'Timeout' });
    expect(jobRow(job.id)).toMatchObject({ status: 'completed', succeededCount: 1, failedCount: 4 });
  });

  it('names a failure from its step (-1 to -5) and takes the device\'s text only below -5', async () => {
    const raw = ['inv-0020', 'inv-0021', 'inv-0022'].map((key) => addDevice(key));
    const rawClients = await Promise.all(raw.map((d) => connect(d)));
    createJob(raw.map((d) => d.deviceKey));
    await stack.scheduler.tickOnce();
    await waitFor(() => raw.every((d) => taskOf(d)?.state === 'pushed'));
    const steps: [number, string][] = [[-2, 'x'], [-3, 'Download failed'], [-7, 'Battery too low']];
    for (const [i, [step, desc]] of steps.entries()) {
      const reply = await deviceRequest(rawClients[i], otaTopic(raw[i], 'progress'), msg('ota.device.progress', { step, desc }));
      expect(reply).toMatchObject({ code: 200 });
    }
    expect(raw.map((d) => taskOf(d)?.failureReason)).toEqual(['Download failed', 'Verification failed', 'Battery too low']);
  });

  it('fails with "Verification failed" when the downloaded file does not match the sign', async () => {
    const stored = insertFirmwareWithFile(t.db, {
      ouId: t.ou.id,
      productId,
      version: '2.0.1',
      bytes: crypto.randomBytes(4096),
      dataDir,
    });
    // The stored bytes change behind the console's back: the device must notice.
    fs.writeFileSync(stored.path, crypto.randomBytes(4096));
    firmwareId = stored.firmware.id;
    const device = addDevice('inv-0007');
    fleet = startFleet({
      brokerUrl: stack.brokerUrl,
      devices: [device],
      seed: 1,
      behaviour: { ...DEFAULT_BEHAVIOUR, stepDelayMs: { min: 1, max: 3 } },
    });
    await waitFor(() => deviceRow(device).online);
    createJob(['inv-0007']);
    await stack.scheduler.tickOnce();
    await waitFor(() => fleet!.stats.failed === 1);
    expect(taskOf(device)).toMatchObject({ state: 'failed', failureReason: 'Verification failed' });
  });

  it('pushes a Pending Push task to an offline device as soon as it connects', async () => {
    const device = addDevice('inv-0008');
    createJob(['inv-0008']);
    await stack.scheduler.tickOnce();
    expect(taskOf(device)?.state).toBe('pending_push');

    const client = await connectTestDevice(stack.brokerUrl, device);
    clients.push(client);
    const received = inbox(client);
    await waitFor(() => received.length === 1);
    expect(received[0][0]).toBe('/sys/inverter/inv-0008/ota/device/upgrade');
    expect(received[0][1]).toMatchObject({ id: taskOf(device)?.pushMessageId, method: 'ota.device.upgrade' });
    await waitFor(() => taskOf(device)?.state === 'pushed');
  });

  it('answers getversion and request per the Device Request rules', async () => {
    const asker = addDevice('inv-0009');
    const bystander = addDevice('inv-0010');
    const outsider = addDevice('inv-0011');
    const client = await connect(asker);
    const otherClient = await connect(bystander);
    const outsiderClient = await connect(outsider);
    createJob(['inv-0009'], { deviceRequestEnabled: true });
    createJob(['inv-0010'], { deviceRequestEnabled: false });

    // In scope, job running with the toggle on, under the limit: the firmware, and the task becomes Pushed.
    const reply = await deviceRequest(client, otaTopic(asker, 'getversion'), msg('ota.device.getversion', {}, 'g1'));
    expect(reply).toMatchObject({ id: 'g1', code: 200 });
    const offers = reply.data as Array<Record<string, unknown>>;
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ version: '2.0.0', sign: firmwareSha, signMethod: 'sha256', fileSize: firmwareBytes.length });
    expect(taskOf(asker)).toMatchObject({ state: 'pushed', origin: 'request' });
    const download = await fetch(String(offers[0].fileUrl));
    expect(crypto.createHash('sha256').update(Buffer.from(await download.arrayBuffer())).digest('hex')).toBe(firmwareSha);

    // The `request` spelling works the same; a device already pushed is offered the firmware again.
    const again = await deviceRequest(client, otaTopic(asker, 'request'), msg('ota.request', {}, 'r1'));
    expect((again.data as unknown[]).length).toBe(1);

    // Toggle off, or no task at all: an empty list, and nothing moves.
    const off = await deviceRequest(otherClient, otaTopic(bystander, 'getversion'), msg('ota.device.getVersion', {}, 'g2'));
    expect(off).toEqual({ id: 'g2', code: 200, data: [] });
    expect(taskOf(bystander)?.state).toBe('queued');
    const none = await deviceRequest(outsiderClient, otaTopic(outsider, 'getversion'), msg('ota.device.getversion', {}, 'g3'));
    expect(none).toEqual({ id: 'g3', code: 200, data: [] });
  });

  it('answers getversion with nothing at the concurrency limit, outside the window, and while the job does not run', async () => {
    const keys = ['inv-0030', 'inv-0031', 'inv-0032', 'inv-0033', 'inv-0034'];
    const [first, full, windowed, windowedLate, idle] = keys.map((k) => addDevice(k));
    const [firstClient, fullClient, windowedClient, lateClient, idleClient] = await Promise.all(
      [first, full, windowed, windowedLate, idle].map((d) => connect(d)),
    );
    const ask = async (client: MqttClient, device: TestDevice) =>
      (await deviceRequest(client, otaTopic(device, 'getversion'), msg('ota.device.getversion', {}))).data as unknown[];
    // Concurrency 1: the first asker takes the slot, the second gets nothing.
    createJob(['inv-0030', 'inv-0031'], { deviceRequestEnabled: true, maxConcurrency: 1 });
    expect(await ask(firstClient, first)).toHaveLength(1);
    expect(await ask(fullClient, full)).toEqual([]);
    expect(taskOf(full)?.state).toBe('queued');
    // A window from 09:00 to 10:00 UTC (the clock is at 08:00): before, inside, after.
    createJob(['inv-0032', 'inv-0033'], {
      deviceRequestEnabled: true,
      schedule: { start: '2030-03-01T09:00', end: '2030-03-01T10:00', timeZone: 'UTC' },
    });
    expect(await ask(windowedClient, windowed)).toEqual([]);
    clock.set(Date.parse('2030-03-01T09:30:00Z'));
    expect(await ask(windowedClient, windowed)).toHaveLength(1);
    clock.set(Date.parse('2030-03-01T10:30:00Z'));
    expect(await ask(lateClient, windowedLate)).toEqual([]);
    expect(taskOf(windowedLate)?.state).toBe('queued');
    // Not started, then stopped.
    const job = createJob(['inv-0034'], { deviceRequestEnabled: true, startOnCreate: false });
    expect(await ask(idleClient, idle)).toEqual([]);
    startOtaJob({ actor: t.actor, jobId: job.id, now: clock.now() });
    stopOtaJob({ actor: t.actor, jobId: job.id, now: clock.now() });
    expect(await ask(idleClient, idle)).toEqual([]);
    expect(taskOf(idle)?.state).toBe('queued');
  });

  it('changes nothing on malformed JSON, unknown methods, or reports for a task that is not active', async () => {
    const device = addDevice('inv-0012');
    const client = await connect(device);
    createJob(['inv-0012']);
    await stack.scheduler.tickOnce();
    await waitFor(() => taskOf(device)?.state === 'pushed');
    const snapshot = () => ({
      task: taskOf(device),
      device: { ...deviceRow(device), lastSeenAt: null },
      events: t.db.select().from(otaTaskEvents).all().length,
    });
    const before = snapshot();

    expect(await deviceRequest(client, otaTopic(device, 'progress'), '{"id":"x","method":"ota.progress","params":{"step":')).toMatchObject({ code: 400 });
    expect(await deviceRequest(client, otaTopic(device, 'progress'), msg('ota.device.progress', { desc: 'no step' }))).toMatchObject({ code: 400 });
    expect(await deviceRequest(client, otaTopic(device, 'progress'), msg('ota.device.reboot', { step: 10 }))).toMatchObject({ code: 404 });
    expect(await deviceRequest(client, otaTopic(device, 'reboot'), msg('ota.device.reboot', {}))).toMatchObject({ code: 404 });
    expect(snapshot()).toEqual(before);

    // Once the task is over, a late failure report is refused and changes nothing.
    await deviceRequest(client, otaTopic(device, 'inform'), msg('ota.inform', { version: '2.0.0' }));
    expect(taskOf(device)?.state).toBe('succeeded');
    const done = snapshot();
    const late = await deviceRequest(client, otaTopic(device, 'progress'), msg('ota.device.progress', { step: -2, desc: 'late' }));
    expect(late).toMatchObject({ code: 404 });
    expect(snapshot()).toEqual(done);
  });

  it('upgrades simulated devices that ask (getversion) when the job answers requests, and only then', async () => {
    // The devices reject pushed commands and the jobs retry only after 10 minutes of the fake clock, which never
    // passes: whatever these devices install reached them as the answer to their own getversion.
    const [asker, ignored] = [addDevice('inv-0013'), addDevice('inv-0014')];
    await simulate([asker, ignored], { everyMs: 20, devices: ['inv-*'], only: true }).ready;
    await waitFor(() => deviceRow(asker).online && deviceRow(ignored).online);
    const retryLater = { retryEnabled: true, retryIntervalMinutes: 10, maxRetries: 1 } as const;
    const on = createJob(['inv-0013'], { ...retryLater, deviceRequestEnabled: true });
    const off = createJob(['inv-0014'], { ...retryLater, deviceRequestEnabled: false });
    await stack.scheduler.tickOnce();

    await waitFor(() => taskOf(asker)?.state === 'succeeded');
    expect(taskOf(asker)).toMatchObject({ origin: 'request' });
    expect(reasonsOf(asker)).toContain('pushed: Device requested the upgrade');
    expect(deviceRow(asker).firmwareVersion).toBe('2.0.0');
    expect(jobRow(on.id).status).toBe('completed');

    // Toggle off: the push was rejected, and the requests since then got nothing.
    await waitFor(() => taskOf(ignored)?.state === 'queued' && taskOf(ignored)!.attempt === 1);
    const asked = fleet!.stats.requests;
    await waitFor(() => fleet!.stats.requests >= asked + 4);
    expect(taskOf(ignored)).toMatchObject({ state: 'queued', attempt: 1, failureReason: 'Rejected by device' });
    expect(deviceRow(ignored).firmwareVersion).toBe('1.0.0');
    expect(jobRow(off.id).status).toBe('running');
  });

  it('connects a device created while the simulator runs, and an Incremental job upgrades it', async () => {
    await simulate([]).ready;
    const existing = addDevice('inv-0015');
    stopWatching = watchNewDevices({
      everyMs: 20,
      afterId: existing.id,
      list: (afterId) => listFleetDevices(t.db, { afterId, limit: 10 }),
      onDevices: (rows) => fleet!.add(rows.map((r) => ({ ...r, version: r.firmwareVersion }))),
    }).stop;
    const job = createJob([], { method: 'incremental', scope: { type: 'all' } });
    // inv-0015 existed before the watch: it stays offline, its task waits for it.
    await stack.scheduler.tickOnce();
    const newcomer = addDevice('inv-0016');
    await waitFor(() => deviceRow(newcomer).online);
    expect(deviceRow(existing).online).toBe(false);

    // The Incremental scan takes changes once they are a few seconds old.
    clock.advance(6000);
    await stack.scheduler.tickOnce();
    await waitFor(() => taskOf(newcomer)?.state === 'succeeded');
    expect(deviceRow(newcomer).firmwareVersion).toBe('2.0.0');
    expect(jobRow(job.id)).toMatchObject({ status: 'running', totalTasks: 2, succeededCount: 1, pendingPushCount: 1 });
  });
});
