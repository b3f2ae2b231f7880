import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDb } from '@/db/client';
import { listFleetDevices } from '@/db/queries/simulator';
import { insertOu, insertTestDevice, insertTestProduct } from '@/db/testing/ota-fixtures';
import { createMqttTransport, type MqttTransport } from '@/lib/transport/mqtt/broker';
import { createFakeHandler, waitFor } from '@/lib/transport/testing';

// `npm run simulate` as a user runs it: devices read from DATA_DIR's database, the broker from MQTT_HOST/MQTT_PORT,
// stopped with Ctrl-C.

let transport: MqttTransport | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await transport?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  transport = dataDir = undefined;
});

it('on Ctrl-C disconnects every device, prints a last summary and exits 0', async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ota-simulate-'));
  const db = openDb(path.join(dataDir, 'ota.sqlite'));
  const { ou } = insertOu(db, 'Sim OU');
  const product = insertTestProduct(db, ou.id, 'smart-meter');
  for (const key of ['mtr-1', 'mtr-2', 'mtr-3']) insertTestDevice(db, { ouId: ou.id, productId: product.id, deviceKey: key });
  const rows = listFleetDevices(db);
  db.$client.close();
  const fake = createFakeHandler(rows.map(({ deviceSecret, ...ref }) => ({ ref, deviceSecret })));
  transport = createMqttTransport({ host: '127.0.0.1', port: 0, logger: { info() {}, warn() {}, error() {} } });
  await transport.start(fake.handler);

  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/simulate.ts', '--devices', '10'], {
    env: { ...process.env, DATA_DIR: dataDir, MQTT_HOST: '127.0.0.1', MQTT_PORT: String(transport.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a failing test can kill tsx and the node process it runs.
    detached: true,
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  let running = true;
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    }),
  );

  try {
    await waitFor(() => /^online 3\/3 · /m.test(out), 8000);
    await waitFor(() => fake.of('online').length === 3);
    expect(out).toContain('Simulating 3 devices against mqtt://127.0.0.1:');
    const before = out.length;
    child.kill('SIGINT');
    expect(await exited).toEqual({ code: 0, signal: null });

    await waitFor(() => fake.of('offline').length === 3);
    expect(fake.of('offline').map((c) => c.device.deviceKey).sort()).toEqual(['mtr-1', 'mtr-2', 'mtr-3']);
    expect(transport.connectedDevices).toBe(0);
    const after = out.slice(before).trim().split('\n');
    expect(after).toEqual([expect.stringMatching(/^online 0\/3 · upgrading 0 · succeeded 0 · failed 0 · messages \d+/), 'All devices disconnected.']);
    expect(err).toBe('');
  } finally {
    if (running) process.kill(-child.pid!, 'SIGKILL');
  }
});
