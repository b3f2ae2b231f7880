import { performance } from 'node:perf_hooks';
import { setDb } from '@/db/client';
import { devices } from '@/db/schema';
import {
  countTasksByState,
  createFakeClock,
  createMemoryTransport,
  insertBulkAssetTree,
  insertBulkDevices,
  insertOu,
  insertTestFirmware,
  insertTestProduct,
  OFFER_URL,
} from '@/db/testing/ota-fixtures';
import { createTempDb } from '@/db/testing/temp-db';
import { startScheduler } from '@/lib/scheduler/scheduler';
import { createDeviceGateway } from '@/lib/services/device-gateway';
import { createOtaJob, deleteOtaJob, stopOtaJob } from '@/lib/services/ota-jobs';
import type { BenchSection } from './report';

/**
 * The engine benchmarks of issue 4: creating a Snapshot job over a large fleet, push throughput through an in-memory
 * transport, and how a scheduler tick's time depends on the size of the job (it should not).
 */

const START = Date.parse('2030-01-01T00:00:00Z');

function fleet(devices: number) {
  const temp = createTempDb();
  setDb(temp.db);
  const { actor, ou } = insertOu(temp.db, 'Bench');
  const product = insertTestProduct(temp.db, ou.id, 'bench');
  const fw = insertTestFirmware(temp.db, { ouId: ou.id, productId: product.id, version: '2.0' });
  insertBulkDevices(temp.db, { ouId: ou.id, productId: product.id, count: devices, prefix: 'bench', version: '1.0', now: START });
  return { ...temp, actor, fw };
}

const seconds = (fromMs: number) => (performance.now() - fromMs) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Creates a Snapshot job over `devices` devices; returns the seconds createOtaJob took. */
function benchSnapshotCreate(f: ReturnType<typeof fleet>) {
  const t = performance.now();
  const job = createOtaJob({ actor: f.actor, input: { name: 'Snapshot', firmwareId: f.fw.id, scope: { type: 'all' } }, now: START });
  return { seconds: seconds(t), job };
}

const TREE_GROUPS = 10;

/**
 * Creates a By Asset Tree Snapshot job over every device of the fleet, placed in one tree (a root, TREE_GROUPS sites
 * under it, the devices under those), with the root chosen; returns the seconds createOtaJob took.
 */
function benchTreeSnapshotCreate(f: ReturnType<typeof fleet>) {
  const deviceIds = f.db.select({ id: devices.id }).from(devices).all().map((d) => d.id);
  const { tree, root } = insertBulkAssetTree(f.db, { ouId: f.actor.ouId, name: 'Sites', deviceIds, groups: TREE_GROUPS, now: START });
  const t = performance.now();
  const job = createOtaJob({
    actor: f.actor,
    input: { name: 'Tree', firmwareId: f.fw.id, scope: { type: 'asset_tree', trees: [{ treeId: tree.id, nodeIds: [root.id] }] } },
    now: START,
  });
  const elapsed = seconds(t);
  if (job.totalTasks !== deviceIds.length) throw new Error(`Expected ${deviceIds.length} tasks in the tree job, found ${job.totalTasks}`);
  return { seconds: elapsed, job };
}

/**
 * One tick admits and pushes a whole job at concurrency 100,000; returns pushes per second, the median of `runs`
 * runs (each on a fresh job over the same devices), since a shared 2-core machine's disk makes single runs noisy.
 */
async function benchPushThroughput(f: ReturnType<typeof fleet>, runs: number) {
  const clock = createFakeClock(START);
  const transport = createMemoryTransport({ record: false });
  const scheduler = startScheduler({ db: f.db, transport, clock, offerUrl: OFFER_URL, autoTick: false });
  const rates: number[] = [];
  let pushed = 0;
  for (let i = 0; i < runs; i++) {
    const job = createOtaJob({
      actor: f.actor,
      input: { name: 'Throughput', firmwareId: f.fw.id, scope: { type: 'all' }, maxConcurrency: 100_000, startOnCreate: true },
      now: clock.now(),
    });
    const t = performance.now();
    await scheduler.tickOnce();
    const elapsed = seconds(t);
    pushed = countTasksByState(f.db, job.id).pushed;
    rates.push(pushed / elapsed);
    stopOtaJob({ actor: f.actor, jobId: job.id, now: clock.now() });
    deleteOtaJob({ actor: f.actor, jobId: job.id, now: clock.now() });
    clock.advance(1000);
  }
  await scheduler.stop();
  return { pushed, rate: median(rates), runs: rates };
}

/** Median time of a busy tick (300 admitted and pushed) in a job of `devices` queued tasks at concurrency 300. */
async function benchTick(devices: number, ticks: number) {
  const f = fleet(devices);
  try {
    const clock = createFakeClock(START);
    const transport = createMemoryTransport({ record: false });
    const pushed: { ouId: number; deviceId: number; productKey: string; deviceKey: string }[] = [];
    transport.onPush = (device) => pushed.push(device);
    const gateway = createDeviceGateway({ transport, clock, offerUrl: OFFER_URL, db: f.db });
    const scheduler = startScheduler({ db: f.db, transport, clock, offerUrl: OFFER_URL, autoTick: false });
    const created = performance.now();
    const job = createOtaJob({
      actor: f.actor,
      input: { name: 'Tick', firmwareId: f.fw.id, scope: { type: 'all' }, maxConcurrency: 300, startOnCreate: true },
      now: START,
    });
    const createSeconds = seconds(created);
    const times: number[] = [];
    for (let i = 0; i <= ticks; i++) {
      // The devices pushed last tick start upgrading, which frees their slots (not timed).
      for (const device of pushed.splice(0)) await gateway.message(device, { kind: 'progress', step: 1, desc: '' }, clock.now());
      clock.advance(1000);
      const t = performance.now();
      await scheduler.tickOnce();
      if (i > 0) times.push(seconds(t));
    }
    await scheduler.stop();
    const counts = countTasksByState(f.db, job.id);
    if (counts.pushed !== 300) throw new Error(`Expected 300 pushed tasks after a tick, found ${counts.pushed}`);
    return { tick: median(times), createSeconds };
  } finally {
    setDb(undefined);
    f.cleanup();
  }
}

export async function runEngineBench(): Promise<BenchSection> {
  const FLEET = 100_000;
  const f = fleet(FLEET);
  let create: ReturnType<typeof benchSnapshotCreate>;
  let treeCreate: ReturnType<typeof benchTreeSnapshotCreate>;
  let push: Awaited<ReturnType<typeof benchPushThroughput>>;
  try {
    create = benchSnapshotCreate(f);
    deleteOtaJob({ actor: f.actor, jobId: create.job.id, now: START });
    treeCreate = benchTreeSnapshotCreate(f);
    deleteOtaJob({ actor: f.actor, jobId: treeCreate.job.id, now: START });
    push = await benchPushThroughput(f, 3);
  } finally {
    setDb(undefined);
    f.cleanup();
  }
  const small = await benchTick(10_000, 20);
  const large = await benchTick(1_000_000, 20);
  const ratio = large.tick / small.tick;
  return {
    title: 'OTA engine',
    description:
      'In-process, on a temporary SQLite file (WAL), with an in-memory transport and a fake clock. Job creation goes through ' +
      'the createOtaJob service (validation, scope resolution, one INSERT…SELECT of every task, counters). A busy tick times ' +
      'out nothing, admits 300 queued tasks and pushes them; its time is the median of 20 such ticks.',
    results: [
      { name: `Create a Snapshot job over ${FLEET.toLocaleString('en-US')} devices`, value: create.seconds, unit: 's', target: '< 1 s', met: create.seconds < 1 },
      {
        name: `Create a By Asset Tree Snapshot job over ${FLEET.toLocaleString('en-US')} devices (the root of a tree of ${TREE_GROUPS} sites)`,
        value: treeCreate.seconds,
        unit: 's',
        target: '< 1 s',
        met: treeCreate.seconds < 1,
      },
      {
        name: `Push throughput, ${push.pushed.toLocaleString('en-US')} devices at concurrency 100,000 (median of ${push.runs.length} runs)`,
        value: push.rate,
        unit: 'pushes/s',
        target: '≥ 20,000/s',
        met: push.rate >= 20_000,
      },
      { name: 'Busy tick (concurrency 300), job of 10,000 queued tasks', value: small.tick * 1000, unit: 'ms' },
      { name: 'Busy tick (concurrency 300), job of 1,000,000 queued tasks', value: large.tick * 1000, unit: 'ms' },
      { name: 'Tick time ratio, 1,000,000 vs 10,000 tasks', value: ratio, unit: '×', target: '≤ 2', met: ratio <= 2 },
      { name: 'Create a Snapshot job over 1,000,000 devices (for reference)', value: large.createSeconds, unit: 's' },
    ],
    notes: [
      `Push throughput runs: ${push.runs.map((r) => Math.round(r).toLocaleString('en-US')).join(', ')} pushes/s. One push is two ` +
        'guarded task updates (queued → pending_push with its message id, recorded before sending; pending_push → pushed after ' +
        'the transport accepts it), two timeline events, counter updates and a signed download URL (an HMAC); they are batched ' +
        '10,000 to a transaction. Runs vary with the disk (WAL checkpoints), hence the median.',
      'The tick reads index ranges for what it changes — (job, state, next_attempt_at) for due tasks, (job, state, deadline_at) ' +
        'for timeouts — and the per-state counters on the job row; no query reads every task of the job or every device, so the ' +
        'tick costs the same with 1,000,000 queued tasks as with 10,000.',
      'A By Asset Tree scope checks each device of the product with one lookup per chosen node on asset_nodes (device_id, ' +
        'tree_id, path range); it never reads the chosen subtree once per device.',
    ],
  };
}
