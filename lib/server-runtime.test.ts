import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { setDb } from '@/db/client';
import { devices } from '@/db/schema';
import { insertOu, insertTestDevice, insertTestProduct } from '@/db/testing/ota-fixtures';
import { createTempDb } from '@/db/testing/temp-db';
import { waitFor } from '@/lib/transport/testing';
import { startServerRuntime } from './server-runtime';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ota-runtime-'));
Object.assign(process.env, {
  DATA_DIR: dataDir,
  NEXTAUTH_SECRET: 'runtime-secret-runtime-secret',
  TRANSPORT: 'simulated',
  SCHEDULER_ENABLED: 'false',
});
const temp = createTempDb();
setDb(temp.db);
const signalsBefore = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

afterAll(() => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!signalsBefore[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
  setDb(undefined);
  temp.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the server runtime', () => {
  it('starts once per process, and stopping it reports every device offline', async () => {
    const { ou } = insertOu(temp.db, 'Runtime');
    const product = insertTestProduct(temp.db, ou.id, 'meter');
    for (const deviceKey of ['m-1', 'm-2']) insertTestDevice(temp.db, { ouId: ou.id, productId: product.id, deviceKey });
    const online = () => temp.db.select().from(devices).all().map((d) => d.online);

    const [first, second] = await Promise.all([startServerRuntime(), startServerRuntime()]);
    expect(second).toBe(first);
    expect(await startServerRuntime()).toBe(first);
    expect(first.transport.kind).toBe('simulated');
    expect(first.scheduler).toBeNull();
    // One signal handler each, not one per call.
    expect(process.listenerCount('SIGINT')).toBe(signalsBefore.SIGINT.length + 1);
    expect(process.listenerCount('SIGTERM')).toBe(signalsBefore.SIGTERM.length + 1);
    await waitFor(() => online().every(Boolean));

    await first.stop();
    expect(online()).toEqual([false, false]);
  });
});
