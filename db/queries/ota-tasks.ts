import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { canTransitionTask, isTerminalTaskState } from '../../lib/ota/transitions';
import { ACTIVE_TASK_STATES, type TaskState } from '../../lib/ota/states';
import { preparedQuery, type DbOrTx } from '../client';
import {
  devices,
  firmware,
  otaJobs,
  otaTaskEvents,
  otaTasks,
  products,
  type NewOtaTask,
  type OtaJob,
  type OtaTask,
} from '../schema';
import { likePattern, type JobCounts } from './ota-jobs';

const json = (value: unknown) => JSON.stringify(value);
const idIn = (ids: readonly number[]) => sql`${otaTasks.id} in (select value from json_each(${json(ids)}))`;

/**
 * Tasks by id, guarded by job and state. The unary `+` keeps SQLite from driving the statement through the
 * (job, state) index, which would read every task of the job in that state; the id list drives it instead.
 */
function byIds(ids: readonly number[], jobId: number | null, state: TaskState | null): SQL {
  return and(
    idIn(ids),
    jobId === null ? undefined : sql`+${otaTasks.jobId} = ${jobId}`,
    state === null ? undefined : sql`+${otaTasks.state} = ${state}`,
  )!;
}

/** The job column counting the tasks in each state. */
export const TASK_COUNTER_KEYS = {
  queued: 'queuedCount',
  pending_push: 'pendingPushCount',
  pushed: 'pushedCount',
  upgrading: 'upgradingCount',
  succeeded: 'succeededCount',
  failed: 'failedCount',
  canceled: 'canceledCount',
} as const satisfies Record<TaskState, keyof JobCounts>;

/** Adds to a job's per-state counters (and its total) in one statement; call in the transaction of the change. */
export function adjustJobCounters(
  tx: DbOrTx,
  jobId: number,
  deltas: Partial<Record<TaskState, number>>,
  now: number,
  addedTasks = 0,
): void {
  const set: Partial<Record<keyof JobCounts | 'totalTasks' | 'updatedAt', SQL | number>> = { updatedAt: now };
  for (const [state, delta] of Object.entries(deltas) as [TaskState, number][]) {
    if (!delta) continue;
    const key = TASK_COUNTER_KEYS[state];
    set[key] = sql`${otaJobs[key]} + ${delta}`;
  }
  if (addedTasks) set.totalTasks = sql`${otaJobs.totalTasks} + ${addedTasks}`;
  tx.update(otaJobs).set(set).where(eq(otaJobs.id, jobId)).run();
}

type TaskSet = Partial<{ [K in keyof NewOtaTask]: NewOtaTask[K] | SQL }>;

export type TaskMove = {
  jobId: number;
  /** The state the tasks must be in now: the guard of the update. */
  from: TaskState;
  to: TaskState;
  at: number;
  reason?: string | null;
  /** Record an intermediate state in the timeline (e.g. failed, then queued again for a retry). */
  via?: { state: TaskState; reason: string | null };
  /** Other columns to set on the moved rows: values, or SQL over the row. */
  set?: TaskSet;
  /** A further guard (e.g. the push message id still being the one sent). */
  where?: SQL;
};

export type MovedTask = { id: number; deviceId: number; attempt: number; progress: number | null };

/**
 * Moves tasks of one job from an expected state to another with one guarded UPDATE, and in the same transaction
 * records a timeline event per moved task and adjusts the job's counters. Tasks no longer in `from` (a late or
 * duplicate message, a concurrent cancel) are left alone and not returned.
 */
export function moveTasks(tx: DbOrTx, ids: readonly number[], move: TaskMove): MovedTask[] {
  const path: [TaskState, TaskState, string | null][] = move.via
    ? [
        [move.from, move.via.state, move.via.reason],
        [move.via.state, move.to, move.reason ?? null],
      ]
    : [[move.from, move.to, move.reason ?? null]];
  for (const [from, to] of path) {
    if (!canTransitionTask(from, to)) throw new Error(`Invalid task transition ${from} → ${to}`);
  }
  if (!ids.length) return [];
  const moved = tx
    .update(otaTasks)
    .set({
      ...move.set,
      state: move.to,
      updatedAt: move.at,
      finishedAt: isTerminalTaskState(move.to) ? move.at : null,
    })
    .where(and(byIds(ids, move.jobId, move.from), move.where))
    .returning({ id: otaTasks.id, deviceId: otaTasks.deviceId, attempt: otaTasks.attempt, progress: otaTasks.progress })
    .all();
  if (!moved.length) return moved;
  const rows = json(moved.map((t) => [t.id, t.attempt, t.progress]));
  for (const [from, to, reason] of path) {
    // Events of the steps of one move share the instant; their ids keep the order.
    tx.run(sql`insert into ${otaTaskEvents} (task_id, job_id, at, from_state, to_state, attempt, reason, progress)
      select value ->> 0, ${move.jobId}, ${move.at}, ${from}, ${to}, value ->> 1, ${reason}, value ->> 2
      from json_each(${rows})`);
  }
  adjustJobCounters(tx, move.jobId, { [move.from]: -moved.length, [move.to]: moved.length }, move.at);
  if (isTerminalTaskState(move.to)) {
    // The device is free again: Incremental jobs that skipped it as busy find it on their next scan.
    tx.run(sql`update ${devices} set scope_changed_at = ${move.at}
      where id in (select value from json_each(${json(moved.map((t) => t.deviceId))}))`);
  }
  return moved;
}

/** Marks the devices of a job's active tasks as changed, so Incremental jobs that skipped them as busy look again. */
export function markActiveTaskDevicesChanged(tx: DbOrTx, jobId: number, at: number): void {
  const active = tx
    .select({ deviceId: otaTasks.deviceId })
    .from(otaTasks)
    .where(and(eq(otaTasks.jobId, jobId), inArray(otaTasks.state, ACTIVE_TASK_STATES)));
  tx.update(devices).set({ scopeChangedAt: at }).where(inArray(devices.id, active)).run();
}

/**
 * Columns that start a task's next attempt: its number and its push message id, spelled as lib/ota/strategy.ts
 * pushMessageId does (computed in SQL so a bulk admission is one statement; a test checks both agree).
 */
export function nextAttemptColumns(): TaskSet {
  return { attempt: sql`attempt + 1`, pushMessageId: sql`id || ':' || (attempt + 1)` };
}

/** Queued or pending-push tasks of a job due at `now`, oldest first; an index range on (job, state, next_attempt_at). */
export function listDueTaskIds(db: DbOrTx, jobId: number, state: 'queued' | 'pending_push', now: number, limit: number): number[] {
  return db
    .select({ id: otaTasks.id })
    .from(otaTasks)
    .where(and(eq(otaTasks.jobId, jobId), eq(otaTasks.state, state), sql`${otaTasks.nextAttemptAt} <= ${now}`))
    .orderBy(asc(otaTasks.nextAttemptAt), asc(otaTasks.id))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

/** Pushed or upgrading tasks past their deadline; an index range on (job, state, deadline_at). */
export function listOverdueTasks(db: DbOrTx, jobId: number, state: 'pushed' | 'upgrading', now: number, limit: number) {
  return db
    .select({ id: otaTasks.id, attempt: otaTasks.attempt })
    .from(otaTasks)
    .where(and(eq(otaTasks.jobId, jobId), eq(otaTasks.state, state), sql`${otaTasks.deadlineAt} <= ${now}`))
    .orderBy(asc(otaTasks.deadlineAt))
    .limit(limit)
    .all();
}

/** Pending-push tasks with their devices, by id. */
export function listPushTargets(db: DbOrTx, ids: readonly number[]) {
  if (!ids.length) return [];
  return db
    .select({
      taskId: otaTasks.id,
      pushMessageId: otaTasks.pushMessageId,
      ouId: devices.ouId,
      deviceId: devices.id,
      deviceKey: devices.deviceKey,
      productKey: products.productKey,
    })
    .from(otaTasks)
    .innerJoin(devices, eq(devices.id, otaTasks.deviceId))
    .innerJoin(products, eq(products.id, devices.productId))
    .where(byIds(ids, null, 'pending_push'))
    .orderBy(asc(otaTasks.id))
    .all();
}
export type PushTarget = ReturnType<typeof listPushTargets>[number];

/**
 * Sets when pending-push tasks are next due to be sent: null while the device is offline (its reconnect pushes
 * it), a time to have the scheduler send it. Not a state change, so no event.
 */
export function setPushDue(tx: DbOrTx, ids: readonly number[], dueAt: number | null): void {
  if (!ids.length) return;
  tx.update(otaTasks)
    .set({ nextAttemptAt: dueAt })
    .where(byIds(ids, null, 'pending_push'))
    .run();
}

/** After a restart nothing is being sent: every pending push of the job is due again (with its recorded id). */
export function rearmPendingPushes(tx: DbOrTx, jobId: number, now: number): number {
  return tx
    .update(otaTasks)
    .set({ nextAttemptAt: now })
    .where(and(eq(otaTasks.jobId, jobId), eq(otaTasks.state, 'pending_push'), sql`${otaTasks.nextAttemptAt} is null`))
    .run().changes;
}

/** The guard for marking pushes delivered: each task still carries the message id that was sent. */
export function sentMessagesGuard(sent: readonly { taskId: number; messageId: string }[]): SQL {
  return sql`(${otaTasks.id}, ${otaTasks.pushMessageId}) in (select value ->> 0, value ->> 1 from json_each(${json(
    sent.map((s) => [s.taskId, s.messageId]),
  )}))`;
}

/** The active task of a device (at most one: a partial unique index says so) with its job. */
export function getActiveTaskOfDevice(db: DbOrTx, deviceId: number): { task: OtaTask; job: OtaJob } | undefined {
  const query = preparedQuery(db, 'getActiveTaskOfDevice', () =>
    db
      .select({ task: otaTasks, job: otaJobs })
      .from(otaTasks)
      .innerJoin(otaJobs, eq(otaJobs.id, otaTasks.jobId))
      .where(and(eq(otaTasks.deviceId, sql.placeholder('deviceId')), sql`${otaTasks.state} in ${ACTIVE_TASK_STATES}`))
      .prepare(),
  );
  return query.get({ deviceId });
}

/**
 * Records a progress report without a state change (upgrading → upgrading). Progress never moves backwards: a report
 * below the recorded percent (a late or reordered message) changes nothing.
 */
export function updateTaskProgress(tx: DbOrTx, taskId: number, state: TaskState, progress: number, desc: string, now: number): boolean {
  return (
    tx
      .update(otaTasks)
      .set({ progress, progressDesc: desc, updatedAt: now })
      .where(and(eq(otaTasks.id, taskId), eq(otaTasks.state, state), sql`coalesce(${otaTasks.progress}, 0) <= ${progress}`))
      .run().changes === 1
  );
}

/**
 * The query of `listTaskIdsInState`, unexecuted (its plan is tested): an index range on (job, state, id) read in
 * order, so a slice never sorts every task of the job in that state.
 */
export function taskIdsInStateQuery(db: DbOrTx, jobId: number, state: TaskState, limit: number, afterId = 0) {
  return db
    .select({ id: otaTasks.id })
    .from(otaTasks)
    .where(and(eq(otaTasks.jobId, jobId), eq(otaTasks.state, state), sql`${otaTasks.id} > ${afterId}`))
    .orderBy(asc(otaTasks.id))
    .limit(limit);
}

/** Ids of a job's tasks in a state after `afterId`, in id order, at most `limit` (bulk actions on "all"). */
export function listTaskIdsInState(db: DbOrTx, jobId: number, state: TaskState, limit: number, afterId = 0): number[] {
  return taskIdsInStateQuery(db, jobId, state, limit, afterId)
    .all()
    .map((r) => r.id);
}

/** The states of the given tasks of a job (ids of other jobs are left out). */
export function listTaskStates(db: DbOrTx, jobId: number, ids: readonly number[]) {
  return db
    .select({ id: otaTasks.id, state: otaTasks.state, deviceId: otaTasks.deviceId })
    .from(otaTasks)
    .where(byIds(ids, jobId, null))
    .all();
}

/** Failed tasks among `ids` whose device is not in an active task elsewhere, so they can be queued again. */
export function listRetryableTaskIds(db: DbOrTx, jobId: number, ids: readonly number[]): number[] {
  return db
    .select({ id: otaTasks.id })
    .from(otaTasks)
    .where(
      and(
        byIds(ids, jobId, 'failed'),
        sql`not exists (select 1 from ota_tasks other where other.device_id = ${otaTasks.deviceId} and other.state in ${ACTIVE_TASK_STATES})`,
      ),
    )
    .all()
    .map((r) => r.id);
}

// ─── Lists for the console ───────────────────────────────────────────────────────────────────────

const taskRowColumns = {
  id: otaTasks.id,
  jobId: otaTasks.jobId,
  deviceId: otaTasks.deviceId,
  deviceKey: devices.deviceKey,
  deviceName: devices.name,
  fromVersion: otaTasks.fromVersion,
  toVersion: otaTasks.toVersion,
  state: otaTasks.state,
  progress: otaTasks.progress,
  progressDesc: otaTasks.progressDesc,
  attempt: otaTasks.attempt,
  nextAttemptAt: otaTasks.nextAttemptAt,
  failureReason: otaTasks.failureReason,
  origin: otaTasks.origin,
  updatedAt: otaTasks.updatedAt,
};

export type OtaTaskFilter = { state?: TaskState; deviceKey?: string };

export function listOtaTaskRows(db: DbOrTx, jobId: number, filter: OtaTaskFilter, page: { limit: number; offset: number }) {
  const conds: SQL[] = [eq(otaTasks.jobId, jobId)];
  if (filter.state) conds.push(eq(otaTasks.state, filter.state));
  if (filter.deviceKey) conds.push(sql`${devices.deviceKey} like ${likePattern(filter.deviceKey)} escape '\\'`);
  const where = and(...conds);
  const rows = db
    .select(taskRowColumns)
    .from(otaTasks)
    .innerJoin(devices, eq(devices.id, otaTasks.deviceId))
    .where(where)
    .orderBy(asc(otaTasks.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = filter.deviceKey
    ? (db.select({ n: count() }).from(otaTasks).innerJoin(devices, eq(devices.id, otaTasks.deviceId)).where(where).get()?.n ?? 0)
    : (db.select({ n: count() }).from(otaTasks).where(where).get()?.n ?? 0);
  return { rows, total };
}

/** One page of a job's tasks after `afterId`, in id order (keyset paging for a streamed export). */
export function listOtaTaskRowsAfter(db: DbOrTx, jobId: number, afterId: number, limit: number) {
  return db
    .select(taskRowColumns)
    .from(otaTasks)
    .innerJoin(devices, eq(devices.id, otaTasks.deviceId))
    .where(and(eq(otaTasks.jobId, jobId), sql`${otaTasks.id} > ${afterId}`))
    .orderBy(asc(otaTasks.id))
    .limit(limit)
    .all();
}

/** A task of this OU with its device key and job name, or undefined. */
export function getTaskInOu(db: DbOrTx, ouId: number, taskId: number) {
  return db
    .select({ task: otaTasks, deviceKey: devices.deviceKey, jobName: otaJobs.name })
    .from(otaTasks)
    .innerJoin(devices, eq(devices.id, otaTasks.deviceId))
    .innerJoin(otaJobs, eq(otaJobs.id, otaTasks.jobId))
    .where(and(eq(otaTasks.ouId, ouId), eq(otaTasks.id, taskId)))
    .get();
}

export function listTaskEvents(db: DbOrTx, taskId: number) {
  return db.select().from(otaTaskEvents).where(eq(otaTaskEvents.taskId, taskId)).orderBy(asc(otaTaskEvents.id)).all();
}

const historyColumns = {
  ...taskRowColumns,
  jobName: otaJobs.name,
  jobType: otaJobs.type,
  firmwareId: otaJobs.firmwareId,
  firmwareName: firmware.name,
  createdAt: otaTasks.createdAt,
};

/** Every task of one device, newest first (the device's OTA history). */
export function listDeviceTaskRows(db: DbOrTx, ouId: number, deviceId: number, limit: number) {
  return db
    .select(historyColumns)
    .from(otaTasks)
    .innerJoin(devices, eq(devices.id, otaTasks.deviceId))
    .innerJoin(otaJobs, eq(otaJobs.id, otaTasks.jobId))
    .innerJoin(firmware, eq(firmware.id, otaJobs.firmwareId))
    .where(and(eq(otaTasks.ouId, ouId), eq(otaTasks.deviceId, deviceId)))
    .orderBy(desc(otaTasks.createdAt), desc(otaTasks.id))
    .limit(limit)
    .all();
}

/** Every verification and upgrade task of one firmware's jobs, newest first, one page. */
export function listFirmwareTaskRows(db: DbOrTx, ouId: number, firmwareId: number, page: { limit: number; offset: number }) {
  const where = and(eq(otaJobs.ouId, ouId), eq(otaJobs.firmwareId, firmwareId));
  const rows = db
    .select(historyColumns)
    .from(otaJobs)
    .innerJoin(otaTasks, eq(otaTasks.jobId, otaJobs.id))
    .innerJoin(devices, eq(devices.id, otaTasks.deviceId))
    .innerJoin(firmware, eq(firmware.id, otaJobs.firmwareId))
    .where(where)
    .orderBy(desc(otaTasks.updatedAt), desc(otaTasks.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.select({ n: count() }).from(otaJobs).innerJoin(otaTasks, eq(otaTasks.jobId, otaJobs.id)).where(where).get()?.n ?? 0;
  return { rows, total };
}
