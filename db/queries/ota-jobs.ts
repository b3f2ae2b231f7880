import { and, asc, count, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { FirmwareStatus, JobStatus, JobType } from '../../lib/ota/states';
import { canTransitionJob } from '../../lib/ota/transitions';
import type { DbOrTx } from '../client';
import { firmware, otaJobSamples, otaJobs, products, storedFiles, users, type NewOtaJob, type OtaJob } from '../schema';

export function insertOtaJob(tx: DbOrTx, values: NewOtaJob): OtaJob {
  return tx.insert(otaJobs).values(values).returning().get();
}

/** A job of this OU, or undefined (a foreign id looks exactly like a missing one). */
export function getOtaJobInOu(db: DbOrTx, ouId: number, jobId: number): OtaJob | undefined {
  return db
    .select()
    .from(otaJobs)
    .where(and(eq(otaJobs.ouId, ouId), eq(otaJobs.id, jobId)))
    .get();
}

export function getOtaJob(db: DbOrTx, jobId: number): OtaJob | undefined {
  return db.select().from(otaJobs).where(eq(otaJobs.id, jobId)).get();
}

/** Guarded status change; returns whether the job was in `from` (and so moved). */
export function updateOtaJobStatus(
  tx: DbOrTx,
  jobId: number,
  from: JobStatus,
  to: JobStatus,
  set: Partial<Pick<OtaJob, 'startedAt' | 'stoppedAt' | 'completedAt'>> & { updatedAt: number },
): boolean {
  if (!canTransitionJob(from, to)) throw new Error(`Invalid job transition ${from} → ${to}`);
  return (
    tx
      .update(otaJobs)
      .set({ status: to, ...set })
      .where(and(eq(otaJobs.id, jobId), eq(otaJobs.status, from)))
      .run().changes === 1
  );
}

export function deleteOtaJobRow(tx: DbOrTx, jobId: number, status: JobStatus): boolean {
  return (
    tx
      .delete(otaJobs)
      .where(and(eq(otaJobs.id, jobId), eq(otaJobs.status, status)))
      .run().changes === 1
  );
}

/** A running verification job of this firmware other than `exceptJobId`, or undefined. */
export function getRunningVerificationJob(db: DbOrTx, firmwareId: number, exceptJobId: number): Pick<OtaJob, 'id' | 'name'> | undefined {
  return db
    .select({ id: otaJobs.id, name: otaJobs.name })
    .from(otaJobs)
    .where(
      and(eq(otaJobs.firmwareId, firmwareId), eq(otaJobs.type, 'verification'), eq(otaJobs.status, 'running'), ne(otaJobs.id, exceptJobId)),
    )
    .get();
}

/** Jobs the scheduler looks at: running ones, and stopped ones whose pushed devices may still time out. */
export function listSchedulableJobs(db: DbOrTx): OtaJob[] {
  return db
    .select()
    .from(otaJobs)
    .where(
      sql`${otaJobs.status} = 'running' or (${otaJobs.status} = 'stopped' and ${otaJobs.pushedCount} + ${otaJobs.upgradingCount} > 0)`,
    )
    .orderBy(asc(otaJobs.id))
    .all();
}

/** Jobs with tasks in Pending Push, whatever their status (a restart makes their pushes due again). */
export function listJobIdsWithPendingPushes(db: DbOrTx): number[] {
  return db
    .select({ id: otaJobs.id })
    .from(otaJobs)
    .where(sql`${otaJobs.pendingPushCount} > 0`)
    .all()
    .map((r) => r.id);
}

export function setScopeScanCursor(tx: DbOrTx, jobId: number, cursor: { at: number; deviceId: number }) {
  tx.update(otaJobs)
    .set({ lastScopeScanAt: cursor.at, lastScopeScanDeviceId: cursor.deviceId })
    .where(eq(otaJobs.id, jobId))
    .run();
}

// ─── Firmware as jobs see it ─────────────────────────────────────────────────────────────────────

/** The firmware fields a job and its pushes need, for a firmware of this OU. */
export function getJobFirmware(db: DbOrTx, ouId: number, firmwareId: number) {
  return db
    .select({
      id: firmware.id,
      ouId: firmware.ouId,
      name: firmware.name,
      version: firmware.version,
      productId: firmware.productId,
      status: firmware.status,
      sign: firmware.sign,
      signMethod: firmware.signMethod,
      fileSize: firmware.fileSize,
      description: firmware.description,
      maxVerifyDevices: firmware.maxVerifyDevices,
      minVerifySuccesses: firmware.minVerifySuccesses,
      sha256: storedFiles.sha256,
    })
    .from(firmware)
    .innerJoin(storedFiles, eq(storedFiles.id, firmware.fileId))
    .where(and(eq(firmware.ouId, ouId), eq(firmware.id, firmwareId)))
    .get();
}
export type JobFirmware = NonNullable<ReturnType<typeof getJobFirmware>>;

/** Guarded firmware status change (verification outcomes). */
export function updateFirmwareStatus(tx: DbOrTx, firmwareId: number, from: FirmwareStatus, to: FirmwareStatus, now: number): boolean {
  return (
    tx
      .update(firmware)
      .set({ status: to, updatedAt: now })
      .where(and(eq(firmware.id, firmwareId), eq(firmware.status, from)))
      .run().changes === 1
  );
}

// ─── Lists and details for the console ───────────────────────────────────────────────────────────

export type OtaJobFilter = {
  firmwareId?: number;
  type?: JobType;
  productId?: number;
  status?: JobStatus;
  /** Search by job name (substring). */
  q?: string;
};

/** A LIKE pattern matching `q` anywhere, with LIKE's own characters escaped (use with `escape '\\'`). */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function jobWhere(ouId: number, f: OtaJobFilter): SQL {
  const conds: SQL[] = [eq(otaJobs.ouId, ouId)];
  if (f.firmwareId) conds.push(eq(otaJobs.firmwareId, f.firmwareId));
  if (f.type) conds.push(eq(otaJobs.type, f.type));
  if (f.productId) conds.push(eq(otaJobs.productId, f.productId));
  if (f.status) conds.push(eq(otaJobs.status, f.status));
  if (f.q) conds.push(sql`${otaJobs.name} like ${likePattern(f.q)} escape '\\'`);
  return and(...conds)!;
}

const jobListColumns = {
  id: otaJobs.id,
  name: otaJobs.name,
  type: otaJobs.type,
  method: otaJobs.method,
  status: otaJobs.status,
  firmwareId: otaJobs.firmwareId,
  firmwareName: firmware.name,
  firmwareVersion: firmware.version,
  productId: otaJobs.productId,
  productName: products.name,
  totalTasks: otaJobs.totalTasks,
  succeededCount: otaJobs.succeededCount,
  createdAt: otaJobs.createdAt,
  // The schedule, so a list can say "Waiting for window".
  scheduleStart: otaJobs.scheduleStart,
  scheduleEnd: otaJobs.scheduleEnd,
  timeZone: otaJobs.timeZone,
  repeatDaily: otaJobs.repeatDaily,
};

export function listOtaJobRows(db: DbOrTx, ouId: number, filter: OtaJobFilter, page: { limit: number; offset: number }) {
  const where = jobWhere(ouId, filter);
  const rows = db
    .select(jobListColumns)
    .from(otaJobs)
    .innerJoin(firmware, eq(firmware.id, otaJobs.firmwareId))
    .leftJoin(products, eq(products.id, otaJobs.productId))
    .where(where)
    .orderBy(desc(otaJobs.createdAt), desc(otaJobs.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.select({ n: count() }).from(otaJobs).where(where).get()?.n ?? 0;
  return { rows, total };
}

/** The firmware that has jobs in this OU (the OTA Jobs list's "Firmware" filter), by name and version. */
export function listFirmwareWithJobs(db: DbOrTx, ouId: number) {
  return db
    .selectDistinct({ id: firmware.id, name: firmware.name, version: firmware.version })
    .from(otaJobs)
    .innerJoin(firmware, eq(firmware.id, otaJobs.firmwareId))
    .where(eq(otaJobs.ouId, ouId))
    .orderBy(asc(firmware.name), asc(firmware.version))
    .all();
}

/** A job with its firmware, product and creator, for the details page. */
export function getOtaJobWithRelations(db: DbOrTx, ouId: number, jobId: number) {
  return db
    .select({
      job: otaJobs,
      firmware: { id: firmware.id, name: firmware.name, version: firmware.version, status: firmware.status },
      product: { id: products.id, name: products.name, productKey: products.productKey },
      creator: { id: users.id, name: users.name, email: users.email },
    })
    .from(otaJobs)
    .innerJoin(firmware, eq(firmware.id, otaJobs.firmwareId))
    .leftJoin(products, eq(products.id, otaJobs.productId))
    .leftJoin(users, eq(users.id, otaJobs.createdBy))
    .where(and(eq(otaJobs.ouId, ouId), eq(otaJobs.id, jobId)))
    .get();
}

// ─── Rollout samples ─────────────────────────────────────────────────────────────────────────────

export type JobCounts = Pick<
  OtaJob,
  'queuedCount' | 'pendingPushCount' | 'pushedCount' | 'upgradingCount' | 'succeededCount' | 'failedCount' | 'canceledCount'
>;

export function getLastJobSample(db: DbOrTx, jobId: number) {
  return db.select().from(otaJobSamples).where(eq(otaJobSamples.jobId, jobId)).orderBy(desc(otaJobSamples.at)).limit(1).get();
}

export function insertJobSample(tx: DbOrTx, jobId: number, at: number, c: JobCounts) {
  tx.insert(otaJobSamples)
    .values({
      jobId,
      at,
      queued: c.queuedCount,
      pendingPush: c.pendingPushCount,
      pushed: c.pushedCount,
      upgrading: c.upgradingCount,
      succeeded: c.succeededCount,
      failed: c.failedCount,
      canceled: c.canceledCount,
    })
    .onConflictDoNothing()
    .run();
}

export function listJobSamples(db: DbOrTx, jobId: number, limit: number) {
  // The newest `limit` samples, oldest first for the chart.
  return db
    .select()
    .from(otaJobSamples)
    .where(eq(otaJobSamples.jobId, jobId))
    .orderBy(desc(otaJobSamples.at))
    .limit(limit)
    .all()
    .reverse();
}
