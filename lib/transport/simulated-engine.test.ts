import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { listFleetDevices } from '@/db/queries/simulator';
import { otaJobs, otaTasks, devices } from '@/db/schema';
import { insertTestDevice, insertTestFirmware, insertTestProduct, OFFER_URL, setupOtaTest } from '@/db/testing/ota-fixtures';
import { startScheduler } from '@/lib/scheduler/scheduler';
import { createDeviceGateway } from '@/lib/services/device-gateway';
import { createOtaJob } from '@/lib/services/ota-jobs';
import { createTransport } from './registry';
import { waitFor } from './testing';

// The `simulated` transport as the server builds it from configuration, behind the real device gateway and
// scheduler on a temporary database: a job's tasks end as the configured fates say, the same way on every run.

const clock = { now: () => Date.now() };
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function runJob(seed: number) {
  const t = setupOtaTest();
  const product = insertTestProduct(t.db, t.ou.id, 'meter');
  const fw = insertTestFirmware(t.db, { ouId: t.ou.id, productId: product.id, version: '3.0' });
  const keys = Array.from({ length: 8 }, (_, i) => `sim-${String(i).padStart(4, '0')}`);
  for (const deviceKey of keys) insertTestDevice(t.db, { ouId: t.ou.id, productId: product.id, deviceKey, version: '2.0' });
  const transport = createTransport(
    {
      TRANSPORT: 'simulated',
      MQTT_HOST: '127.0.0.1',
      MQTT_PORT: 1883,
      SIMULATED_SEED: seed,
      SIMULATED_FAILURES: 'sim-0001=flash,sim-0002=reject,sim-0003=download,sim-0004=verify',
      SIMULATED_STEP_MS: 2,
    },
    {
      simulatedDevices: async () =>
        listFleetDevices(t.db).map((d) => ({
          ref: { ouId: d.ouId, deviceId: d.deviceId, productKey: d.productKey, deviceKey: d.deviceKey },
          version: d.firmwareVersion,
        })),
    },
  );
  await transport.start(createDeviceGateway({ transport, clock, offerUrl: OFFER_URL, db: t.db }));
  const scheduler = startScheduler({ db: t.db, transport, clock, offerUrl: OFFER_URL, autoTick: false });
  stops.push(async () => {
    await scheduler.stop();
    await transport.stop();
    t.cleanup();
  });
  await waitFor(() => t.db.select().from(devices).all().every((d) => d.online));
  const job = createOtaJob({
    actor: t.actor,
    input: { name: 'Simulated rollout', firmwareId: fw.id, scope: { type: 'all' }, startOnCreate: true },
    now: clock.now(),
  });
  await scheduler.tickOnce();
  await waitFor(() => t.db.select().from(otaJobs).where(eq(otaJobs.id, job.id)).get()!.status === 'completed', 10_000);
  const rows = t.db
    .select({ deviceKey: devices.deviceKey, version: devices.firmwareVersion, state: otaTasks.state, reason: otaTasks.failureReason })
    .from(otaTasks)
    .innerJoin(devices, eq(devices.id, otaTasks.deviceId))
    .where(eq(otaTasks.jobId, job.id))
    .orderBy(devices.deviceKey)
    .all();
  return rows.map((r) => `${r.deviceKey} ${r.state} ${r.reason ?? '-'} ${r.version}`);
}

describe('the simulated transport behind the engine', () => {
  it('runs a job to Succeeded and Failed tasks as configured, the same way for a seed', async () => {
    const first = await runJob(42);
    expect(first).toEqual([
      'sim-0000 succeeded - 3.0',
      'sim-0001 failed Flash write failed 2.0',
      'sim-0002 failed Rejected by device 2.0',
      'sim-0003 failed Download failed 2.0',
      'sim-0004 failed Verification failed 2.0',
      'sim-0005 succeeded - 3.0',
      'sim-0006 succeeded - 3.0',
      'sim-0007 succeeded - 3.0',
    ]);
    expect(await runJob(42)).toEqual(first);
  });
});
