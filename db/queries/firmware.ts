import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { FirmwareStatus, TaskState } from '@/lib/ota/states';
import type { DbOrTx } from '../client';
import {
  devices,
  firmware,
  firmwareTags,
  otaJobs,
  otaTasks,
  products,
  storedFiles,
  users,
  type NewFirmware,
} from '../schema';

type Paging = { limit: number; offset: number };

export type FirmwareQueryFilter = { q?: string; productId?: number; status?: FirmwareStatus };
export type FirmwareSort = 'created_desc' | 'created_asc';

function firmwareWhere(ouId: number, f: FirmwareQueryFilter): SQL {
  const conds: SQL[] = [eq(firmware.ouId, ouId)];
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`${firmware.name} like ${pattern} escape '\\'`);
  }
  if (f.productId) conds.push(eq(firmware.productId, f.productId));
  if (f.status) conds.push(eq(firmware.status, f.status));
  return and(...conds)!;
}

/** One page of the OU's firmware, newest (or oldest) first, with the product name. */
export function listFirmware(db: DbOrTx, ouId: number, filter: FirmwareQueryFilter, sort: FirmwareSort, page: Paging) {
  const where = firmwareWhere(ouId, filter);
  const order = sort === 'created_asc' ? [asc(firmware.createdAt), asc(firmware.id)] : [desc(firmware.createdAt), desc(firmware.id)];
  const rows = db
    .select({
      id: firmware.id,
      name: firmware.name,
      version: firmware.version,
      status: firmware.status,
      signMethod: firmware.signMethod,
      fileSize: firmware.fileSize,
      createdAt: firmware.createdAt,
      productId: firmware.productId,
      productName: products.name,
    })
    .from(firmware)
    .leftJoin(products, eq(products.id, firmware.productId))
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.select({ n: count() }).from(firmware).where(where).get()?.n ?? 0;
  return { rows, total };
}

/** A firmware of this OU with its product, stored file and creator, or undefined. */
export function getFirmwareInOu(db: DbOrTx, ouId: number, firmwareId: number) {
  return db
    .select({ firmware, product: products, file: storedFiles, createdByName: users.name })
    .from(firmware)
    .innerJoin(storedFiles, eq(storedFiles.id, firmware.fileId))
    .leftJoin(products, eq(products.id, firmware.productId))
    .leftJoin(users, eq(users.id, firmware.createdBy))
    .where(and(eq(firmware.ouId, ouId), eq(firmware.id, firmwareId)))
    .get();
}

/** The firmware holding `version` for a product (null: among product-less firmware), as the unique index sees it. */
export function getFirmwareByVersion(db: DbOrTx, ouId: number, productId: number | null, version: string) {
  return db
    .select({ id: firmware.id })
    .from(firmware)
    .where(
      and(
        eq(firmware.ouId, ouId),
        productId === null ? isNull(firmware.productId) : eq(firmware.productId, productId),
        eq(firmware.version, version),
      ),
    )
    .get();
}

export function listFirmwareTags(db: DbOrTx, firmwareId: number) {
  return db.select().from(firmwareTags).where(eq(firmwareTags.firmwareId, firmwareId)).orderBy(asc(firmwareTags.key)).all();
}

export function getStoredFileBySha(db: DbOrTx, ouId: number, sha256: string) {
  return db
    .select()
    .from(storedFiles)
    .where(and(eq(storedFiles.ouId, ouId), eq(storedFiles.sha256, sha256)))
    .get();
}

export function insertStoredFile(db: DbOrTx, values: typeof storedFiles.$inferInsert) {
  return db.insert(storedFiles).values(values).returning().get();
}

/** Inserts a firmware and its tags; call inside a transaction. */
export function insertFirmwareWithTags(tx: DbOrTx, values: NewFirmware, tags: { key: string; value: string }[]) {
  const row = tx.insert(firmware).values(values).returning().get();
  if (tags.length) {
    tx.insert(firmwareTags)
      .values(tags.map((t) => ({ firmwareId: row.id, key: t.key, value: t.value })))
      .run();
  }
  return row;
}

const BUSY_TASK_STATES = ['pending_push', 'pushed', 'upgrading'] as const;

/** True while a job of this firmware runs or one of its tasks is Pending Push, Pushed or Upgrading (SPEC 3.3). */
export function firmwareHasActiveWork(db: DbOrTx, firmwareId: number): boolean {
  const runningJob = db
    .select({ id: otaJobs.id })
    .from(otaJobs)
    .where(and(eq(otaJobs.firmwareId, firmwareId), eq(otaJobs.status, 'running')))
    .limit(1)
    .get();
  if (runningJob) return true;
  const busyTask = db
    .select({ id: otaTasks.id })
    .from(otaTasks)
    .innerJoin(otaJobs, eq(otaJobs.id, otaTasks.jobId))
    .where(and(eq(otaJobs.firmwareId, firmwareId), inArray(otaTasks.state, BUSY_TASK_STATES)))
    .limit(1)
    .get();
  return busyTask !== undefined;
}

/**
 * Deletes a firmware with its jobs (their tasks, task events and samples cascade) and tags. Returns the stored file
 * when no other firmware uses it any more, after deleting its row too; the caller removes it from disk.
 */
export function deleteFirmwareWithJobs(tx: DbOrTx, firmwareId: number, fileId: number) {
  tx.delete(otaJobs).where(eq(otaJobs.firmwareId, firmwareId)).run();
  tx.delete(firmware).where(eq(firmware.id, firmwareId)).run();
  const stillUsed = tx.select({ id: firmware.id }).from(firmware).where(eq(firmware.fileId, fileId)).limit(1).get();
  if (stillUsed) return undefined;
  return tx.delete(storedFiles).where(eq(storedFiles.id, fileId)).returning().get();
}

/**
 * What a device download serves: the firmware's stored file, found only when the device key belongs to a device of
 * the firmware's OU (device keys are unique per OU, not globally); `taskState` is the state of the given task when it
 * is that device's task in a job of this firmware, else null.
 */
export function getFirmwareFileForDevice(db: DbOrTx, firmwareId: number, deviceKey: string, taskId: number) {
  return db
    .select({
      ouId: firmware.ouId,
      fileName: firmware.fileName,
      size: storedFiles.size,
      sha256: storedFiles.sha256,
      updatedAt: firmware.updatedAt,
      taskState: sql<TaskState | null>`case when ${otaJobs.id} is null then null else ${otaTasks.state} end`,
    })
    .from(firmware)
    .innerJoin(storedFiles, eq(storedFiles.id, firmware.fileId))
    .innerJoin(devices, and(eq(devices.ouId, firmware.ouId), eq(devices.deviceKey, deviceKey)))
    .leftJoin(otaTasks, and(eq(otaTasks.id, taskId), eq(otaTasks.deviceId, devices.id)))
    .leftJoin(otaJobs, and(eq(otaJobs.id, otaTasks.jobId), eq(otaJobs.firmwareId, firmware.id)))
    .where(eq(firmware.id, firmwareId))
    .get();
}
