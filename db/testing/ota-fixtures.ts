import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../lib/auth/actor';
import { ROLE_PERMISSIONS, type Role } from '../../lib/auth/permissions';
import type { FirmwareStatus, TaskState } from '../../lib/ota/states';
import { TASK_STATES } from '../../lib/ota/states';
import type { DeviceRef, DeviceTransport, PushResult, UpgradeCommand } from '../../lib/transport/types';
import type { Db } from '../client';
import { setDb } from '../client';
import { insertDeviceWithDetails, type AttributeValue } from '../queries/devices';
import { insertAssetNode, insertAssetTree, insertProduct } from '../queries/fleet';
import { insertMembership, insertUser } from '../queries/users';
import { devices, firmware, otaJobs, otaTasks, ous, storedFiles } from '../schema';
import { startScheduler } from '../../lib/scheduler/scheduler';
import { createDeviceGateway } from '../../lib/services/device-gateway';
import { createOtaJob } from '../../lib/services/ota-jobs';
import { createTempDb } from './temp-db';

/**
 * Fixtures for engine tests and the bench: an OU with a user, products, firmware rows (inserted directly, with
 * their stored file rows), devices, a fake clock and an in-memory transport.
 */

export const OFFER_URL = { baseUrl: 'http://console.test', secret: 'offer-secret-offer-secret', ttlSeconds: 3600 };

export function makeActor(ou: { id: number; name: string }, userId: number | null, role: Role = 'developer'): Actor {
  return {
    kind: 'user',
    userId,
    apiKeyId: null,
    displayName: 'Test User',
    ouId: ou.id,
    ouName: ou.name,
    role,
    permissions: ROLE_PERMISSIONS[role],
  };
}

export function insertOu(db: Db, name: string, now = 0) {
  const ou = db.insert(ous).values({ name, createdAt: now }).returning().get();
  const user = insertUser(db, { email: `dev@${name.toLowerCase().replace(/\W+/g, '-')}.test`, name: 'Dev', passwordHash: 'x', createdAt: now });
  insertMembership(db, ou.id, user.id, 'developer', now);
  return { ou, user, actor: makeActor(ou, user.id) };
}

export function insertTestProduct(db: Db, ouId: number, productKey: string, now = 0) {
  return insertProduct(db, { ouId, productKey, name: productKey, createdAt: now });
}

let fileCounter = 0;

export function insertTestFirmware(
  db: Db,
  f: { ouId: number; productId: number | null; version: string; status?: FirmwareStatus; maxVerifyDevices?: number; minVerifySuccesses?: number },
) {
  const sha = (++fileCounter).toString(16).padStart(64, '0');
  const file = db.insert(storedFiles).values({ ouId: f.ouId, sha256: sha, md5: sha.slice(0, 32), size: 1024, createdAt: 0 }).returning().get();
  const status = f.status ?? 'no_need';
  return db
    .insert(firmware)
    .values({
      ouId: f.ouId,
      productId: f.productId,
      name: `Firmware ${f.version}`,
      version: f.version,
      signMethod: 'sha256',
      sign: sha,
      fileId: file.id,
      fileName: `fw-${f.version}.bin`,
      fileSize: 1024,
      status,
      verificationRequired: status !== 'no_need',
      maxVerifyDevices: f.maxVerifyDevices ?? 5,
      minVerifySuccesses: f.minVerifySuccesses ?? 1,
      createdAt: 0,
      updatedAt: 0,
    })
    .returning()
    .get();
}

export function insertTestDevice(
  db: Db,
  d: {
    ouId: number;
    productId: number;
    deviceKey: string;
    version?: string | null;
    attributes?: Record<string, AttributeValue>;
    tags?: Record<string, string>;
    online?: boolean;
    now?: number;
  },
) {
  const device = insertDeviceWithDetails(db, {
    ouId: d.ouId,
    productId: d.productId,
    deviceKey: d.deviceKey,
    name: d.deviceKey,
    deviceSecret: 'secret',
    firmwareVersion: d.version === undefined ? '1.0.0' : d.version,
    attributes: d.attributes,
    tags: d.tags,
    now: d.now ?? 0,
  });
  if (d.online) db.update(devices).set({ online: true }).where(eq(devices.id, device.id)).run();
  return device;
}

export function insertTestTree(db: Db, ouId: number, name: string) {
  return insertAssetTree(db, ouId, name, 0);
}
export { insertAssetNode };

export type FakeClock = { now(): number; advance(ms: number): number; set(ms: number): void };

export function createFakeClock(start: number): FakeClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => (t += ms),
    set: (ms) => {
      t = ms;
    },
  };
}

export type MemoryTransport = DeviceTransport & {
  /** Every push delivered, in order. */
  pushes: { device: DeviceRef; command: UpgradeCommand }[];
  setOnline(deviceId: number, online: boolean): void;
  /** While set, pushes wait for it before they are delivered (a slow network the test releases). */
  gate: Promise<void> | null;
  /** Called for each delivered push (a simulated device reacting). */
  onPush?: (device: DeviceRef, command: UpgradeCommand) => void;
};

/** An in-memory transport: devices are online when told so (default: every device); pushes are recorded. */
export function createMemoryTransport(options: { allOnline?: boolean; record?: boolean } = {}): MemoryTransport {
  const online = new Map<number, boolean>();
  const transport: MemoryTransport = {
    kind: 'memory',
    pushes: [],
    gate: null,
    async start() {},
    async stop() {},
    setOnline(deviceId, value) {
      online.set(deviceId, value);
    },
    async push(device, command): Promise<PushResult> {
      if (transport.gate) await transport.gate;
      if (!(online.get(device.deviceId) ?? options.allOnline ?? true)) return 'offline';
      if (options.record !== false) transport.pushes.push({ device, command });
      transport.onPush?.(device, command);
      return 'sent';
    },
  };
  return transport;
}

export function countTasksByState(db: Db, jobId: number): Record<TaskState, number> {
  const out = Object.fromEntries(TASK_STATES.map((s) => [s, 0])) as Record<TaskState, number>;
  const rows = db.all<{ state: TaskState; n: number }>(
    sql`select state, count(*) as n from ${otaTasks} where job_id = ${jobId} group by state`,
  );
  for (const r of rows) out[r.state] = r.n;
  return out;
}

/** The job's counters as the per-state record countTasksByState returns, plus the total. */
export function jobCounters(db: Db, jobId: number) {
  const j = db.select().from(otaJobs).where(eq(otaJobs.id, jobId)).get()!;
  return {
    counts: {
      queued: j.queuedCount,
      pending_push: j.pendingPushCount,
      pushed: j.pushedCount,
      upgrading: j.upgradingCount,
      succeeded: j.succeededCount,
      failed: j.failedCount,
      canceled: j.canceledCount,
    } as Record<TaskState, number>,
    total: j.totalTasks,
  };
}

/** A migrated temporary database set as the process-wide one, with one OU ready. */
export function setupOtaTest() {
  const temp = createTempDb();
  setDb(temp.db);
  const { ou, user, actor } = insertOu(temp.db, 'Acme');
  return {
    ...temp,
    ou,
    user,
    actor,
    cleanup: () => {
      setDb(undefined);
      temp.cleanup();
    },
  };
}

/**
 * An engine under test: one OU with product "P", firmware 2.0 for it, devices on 1.0, the device gateway and a
 * scheduler driven by hand (tickOnce) on a fake clock and an in-memory transport.
 */
export function setupEngineTest(options: { start: number; devices?: number; online?: boolean }) {
  const base = setupOtaTest();
  const clock = createFakeClock(options.start);
  const transport = createMemoryTransport({ allOnline: options.online ?? true });
  const product = insertTestProduct(base.db, base.ou.id, 'P');
  const fw = insertTestFirmware(base.db, { ouId: base.ou.id, productId: product.id, version: '2.0' });
  const refs: DeviceRef[] = [];
  for (let i = 0; i < (options.devices ?? 0); i++) {
    const deviceKey = `dev-${String(i).padStart(4, '0')}`;
    const d = insertTestDevice(base.db, { ouId: base.ou.id, productId: product.id, deviceKey, now: options.start });
    refs.push({ ouId: base.ou.id, deviceId: d.id, productKey: 'P', deviceKey });
  }
  const gateway = createDeviceGateway({ transport, clock, offerUrl: OFFER_URL });
  const scheduler = startScheduler({ db: base.db, transport, clock, offerUrl: OFFER_URL, autoTick: false });
  type JobInput = Parameters<typeof createOtaJob>[0]['input'];
  return {
    ...base,
    clock,
    transport,
    product,
    fw,
    refs,
    gateway,
    scheduler,
    tick: () => scheduler.tickOnce(),
    createJob: (input: Partial<JobInput> = {}) =>
      createOtaJob({
        actor: base.actor,
        input: { name: 'Job', firmwareId: fw.id, scope: { type: 'all' }, startOnCreate: true, ...input },
        now: clock.now(),
      }),
    /** The device reports progress (or a failure step). */
    progress: (ref: DeviceRef, step: number, desc = '') => gateway.message(ref, { kind: 'progress', step, desc }, clock.now()),
    inform: (ref: DeviceRef, version: string) => gateway.message(ref, { kind: 'inform', version }, clock.now()),
    request: (ref: DeviceRef) => gateway.message(ref, { kind: 'version_request' }, clock.now()),
    tasks: (jobId: number) => base.db.select().from(otaTasks).where(eq(otaTasks.jobId, jobId)).orderBy(otaTasks.id).all(),
    job: (jobId: number) => base.db.select().from(otaJobs).where(eq(otaJobs.id, jobId)).get()!,
    /** Counters must always equal the real task counts per state. */
    counts: (jobId: number) => {
      const real = countTasksByState(base.db, jobId);
      const kept = jobCounters(base.db, jobId);
      if (JSON.stringify(real) !== JSON.stringify(kept.counts)) {
        throw new Error(`Job ${jobId} counters ${JSON.stringify(kept.counts)} differ from tasks ${JSON.stringify(real)}`);
      }
      const total = Object.values(real).reduce((a, b) => a + b, 0);
      if (kept.total !== total) throw new Error(`Job ${jobId} total ${kept.total} differs from ${total} tasks`);
      return real;
    },
  };
}
export type EngineTest = ReturnType<typeof setupEngineTest>;

/** Inserts many devices of one product fast (one prepared statement in one transaction), for the bench. */
export function insertBulkDevices(db: Db, d: { ouId: number; productId: number; count: number; prefix: string; version: string; now: number }) {
  const insert = db.$client.prepare(
    `insert into devices (ou_id, product_id, device_key, name, device_secret, firmware_version, version_reported_at, online, scope_changed_at, created_at)
     values (?, ?, ?, ?, 'secret', ?, ?, 1, ?, ?)`,
  );
  db.$client.transaction(() => {
    for (let i = 0; i < d.count; i++) {
      const key = `${d.prefix}-${String(i).padStart(7, '0')}`;
      insert.run(d.ouId, d.productId, key, key, d.version, d.now, d.now, d.now);
    }
  })();
}

/**
 * An asset tree over many devices, fast (prepared statements in one transaction), for the bench: a root, `groups`
 * asset nodes under it and the devices spread evenly over them. Returns the tree and its root node.
 */
export function insertBulkAssetTree(db: Db, d: { ouId: number; name: string; deviceIds: readonly number[]; groups: number; now: number }) {
  const tree = insertAssetTree(db, d.ouId, d.name, d.now);
  const insert = db.$client.prepare(
    `insert into asset_nodes (ou_id, tree_id, parent_id, name, kind, device_id, path, depth, sort_order) values (?, ?, ?, ?, ?, ?, '', ?, 0)`,
  );
  const setPath = db.$client.prepare(`update asset_nodes set path = ? where id = ?`);
  const node = (parent: { id: number; path: string; depth: number } | null, name: string, deviceId: number | null) => {
    const depth = parent ? parent.depth + 1 : 0;
    const id = Number(insert.run(d.ouId, tree.id, parent?.id ?? null, name, deviceId === null ? 'asset' : 'device', deviceId, depth).lastInsertRowid);
    const path = `${parent?.path ?? '/'}${id}/`;
    setPath.run(path, id);
    return { id, path, depth };
  };
  return db.$client.transaction(() => {
    const root = node(null, d.name, null);
    const perGroup = Math.ceil(d.deviceIds.length / d.groups);
    for (let g = 0; g < d.groups; g++) {
      const group = node(root, `${d.name} ${g + 1}`, null);
      for (const deviceId of d.deviceIds.slice(g * perGroup, (g + 1) * perGroup)) node(group, `device ${deviceId}`, deviceId);
    }
    return { tree, root };
  })();
}