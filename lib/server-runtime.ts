import { getDb } from '@/db/client';
import { markAllDevicesOffline } from '@/db/queries/devices';
import { listFleetDevices } from '@/db/queries/simulator';
import { getStoredFileBySha } from '@/db/queries/firmware';
import { getEnv, type Env } from '@/lib/env';
import { sweepFileStore } from '@/lib/firmware/file-store';
import { offerUrlConfig } from '@/lib/firmware/offer-url';
import { startScheduler, systemClock, type Scheduler } from '@/lib/scheduler/scheduler';
import { createDeviceGateway } from '@/lib/services/device-gateway';
import { createTransport } from '@/lib/transport/registry';
import type { DeviceTransport } from '@/lib/transport/types';

// Files left by a crash are at least this old; younger ones may belong to an upload still being finished.
const FILE_SWEEP_GRACE_MS = 10 * 60 * 1000;

type Runtime = { transport: DeviceTransport; scheduler: Scheduler | null; stop(): Promise<void> };
const cache = globalThis as unknown as { __otaRuntime?: Promise<Runtime> };

function readEnv(): Env {
  try {
    return getEnv();
  } catch (e) {
    // Fail the process at start, naming every bad variable, instead of failing on the first request.
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}

/**
 * Starts what lives beside the web server in one process (called once from instrumentation.ts): the database
 * (migrated on open), the device transport with the engine's gateway behind it, and the OTA scheduler.
 */
export function startServerRuntime(): Promise<Runtime> {
  cache.__otaRuntime ??= start();
  return cache.__otaRuntime;
}

async function start(): Promise<Runtime> {
  const env = readEnv();
  const db = getDb();
  markAllDevicesOffline(db);
  const swept = sweepFileStore({
    dataDir: env.dataDir,
    isReferenced: (ouId, sha256) => Boolean(getStoredFileBySha(db, ouId, sha256)),
    graceMs: FILE_SWEEP_GRACE_MS,
  });
  if (swept.tempFiles + swept.unreferencedFiles > 0) {
    console.log(`[ota] removed ${swept.tempFiles} unfinished upload(s) and ${swept.unreferencedFiles} unreferenced firmware file(s)`);
  }
  const offerUrl = offerUrlConfig(env);
  const transport = createTransport(env, {
    simulatedDevices: async () =>
      listFleetDevices(db).map((d) => ({
        ref: { ouId: d.ouId, deviceId: d.deviceId, productKey: d.productKey, deviceKey: d.deviceKey },
        version: d.firmwareVersion,
      })),
  });
  await transport.start(createDeviceGateway({ transport, clock: systemClock, offerUrl, db }));
  const scheduler = env.SCHEDULER_ENABLED ? startScheduler({ db, transport, tickMs: env.SCHEDULER_TICK_MS, offerUrl }) : null;
  console.log(
    `[ota] database ${env.databaseFile}; transport ${transport.kind}` +
      (transport.kind === 'mqtt' ? ` on mqtt://${env.MQTT_HOST}:${env.MQTT_PORT}` : '') +
      `; scheduler ${scheduler ? `every ${env.SCHEDULER_TICK_MS} ms` : 'off'}`,
  );

  // The scheduler first, then the transport (which reports every connected device offline); once, however often asked.
  let stopping: Promise<void> | undefined;
  const stopAll = async () => {
    await scheduler?.stop();
    await transport.stop();
  };
  const stop = () => (stopping ??= stopAll());
  // Next's own signal handler would exit while the broker is closing: the scripts that run `next start` set
  // NEXT_MANUAL_SIG_HANDLE=true, so this handler is the only one and exits once everything is stopped.
  const onSignal = (signal: NodeJS.Signals) => {
    console.log(`[ota] ${signal}: stopping the scheduler and the device transport`);
    void stop().then(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { transport, scheduler, stop };
}
