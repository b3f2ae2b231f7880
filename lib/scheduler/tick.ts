import type { DbOrTx } from '@/db/client';
import {
  getLastJobSample,
  getOtaJob,
  insertJobSample,
  listSchedulableJobs,
  setScopeScanCursor,
} from '@/db/queries/ota-jobs';
import { changedDevicesSource, insertTasksForDevices, lastChangedDevice, scopeWhere } from '@/db/queries/ota-scope';
import {
  adjustJobCounters,
  listDueTaskIds,
  listOverdueTasks,
  listPushTargets,
  listTaskIdsInState,
  moveTasks,
  nextAttemptColumns,
} from '@/db/queries/ota-tasks';
import type { OtaJob } from '@/db/schema';
import { freeSlots } from '@/lib/ota/strategy';
import { tasksCanceledAtWindowEnd } from '@/lib/ota/transitions';
import { completeJobIfDone, failTasks, jobWindow, TIMEOUT_REASON, WINDOW_ENDED_REASON } from '@/lib/services/ota-engine';
import { compileJobScope } from '@/lib/services/ota-scope';
import { sendPendingPushes, type PushContext } from '@/lib/services/ota-push';

/** How much one tick does per job and step at most; what is left is picked up by the next tick. */
const TICK_LIMITS = {
  timeouts: 10_000,
  scopeScan: 2_000,
  windowEndCancels: 10_000,
  pushBatch: 10_000,
  pushesPerTick: 100_000,
} as const;
/** Changes younger than this are left for the next scan: a writer in another process may not have committed yet. */
export const SCOPE_SCAN_LAG_MS = 5_000;
/** A rollout chart sample is written at most this often per job, and only when the counts changed. */
const SAMPLE_INTERVAL_MS = 5_000;

type TickContext = PushContext;

/** One pass of the scheduler over every job it looks after (SPEC 5). */
export async function runTick(ctx: TickContext): Promise<void> {
  for (const job of listSchedulableJobs(ctx.db)) {
    try {
      await tickJob(ctx, job);
    } catch (e) {
      // One job's failure must not stop the others; the next tick tries again from what the database says.
      console.error(`[ota] scheduler: job ${job.id} failed this tick:`, e);
    }
  }
}

async function tickJob(ctx: TickContext, job: OtaJob): Promise<void> {
  const now = ctx.clock.now();
  timeOutOverdue(ctx, job, now);
  if (job.status === 'running') {
    const window = jobWindow(job, now);
    const toCancel = tasksCanceledAtWindowEnd(window);
    if (toCancel.length) cancelAfterWindow(ctx, job, toCancel, now);
    else {
      if (job.method === 'incremental') scanScope(ctx, job.id, now);
      if (window.kind === 'open') {
        admit(ctx, job.id, now);
        await pushDue(ctx, job.id);
      }
    }
    ctx.db.transaction((tx) => completeJobIfDone(tx, job.id, ctx.clock.now()));
  }
  sample(ctx, job.id, ctx.clock.now());
}

function timeOutOverdue(ctx: TickContext, job: OtaJob, now: number) {
  for (const state of ['pushed', 'upgrading'] as const) {
    const overdue = listOverdueTasks(ctx.db, job.id, state, now, TICK_LIMITS.timeouts);
    if (overdue.length) ctx.db.transaction((tx) => failTasks(tx, job, state, overdue, TIMEOUT_REASON, now));
  }
}

/**
 * The job if it is still running, read inside the caller's transaction: the list a tick started from may be stale (a
 * user may stop the job while an earlier job's pushes are awaited), so each step checks again where it writes.
 */
function runningJob(tx: DbOrTx, jobId: number): OtaJob | null {
  const job = getOtaJob(tx, jobId);
  return job?.status === 'running' ? job : null;
}

/** A one-off window has ended: what was never delivered will not be, so it is canceled and the job can finish. */
function cancelAfterWindow(ctx: TickContext, job: OtaJob, states: ReturnType<typeof tasksCanceledAtWindowEnd>, now: number) {
  ctx.db.transaction((tx) => {
    if (!runningJob(tx, job.id)) return;
    for (const state of states) {
      const ids = listTaskIdsInState(tx, job.id, state, TICK_LIMITS.windowEndCancels);
      moveTasks(tx, ids, { jobId: job.id, from: state, to: 'canceled', at: now, reason: WINDOW_ENDED_REASON });
    }
  });
}

/** Incremental: adds devices that became eligible since the last scan, reading only devices that changed. */
function scanScope(ctx: TickContext, jobId: number, now: number) {
  ctx.db.transaction((tx) => {
    const job = runningJob(tx, jobId);
    if (!job) return;
    const cursor = { at: job.lastScopeScanAt ?? job.createdAt, deviceId: job.lastScopeScanDeviceId ?? 0 };
    const before = now - SCOPE_SCAN_LAG_MS;
    if (before <= cursor.at) return;
    const { predicates, rules } = compileJobScope(tx, job);
    const changed = changedDevicesSource(job.ouId, cursor, before, TICK_LIMITS.scopeScan);
    const added = insertTasksForDevices(tx, { id: job.id, toVersion: rules.targetVersion }, scopeWhere(job.ouId, predicates), now, changed);
    if (added) adjustJobCounters(tx, job.id, { queued: added }, now, added);
    const last = lastChangedDevice(tx, job.ouId, cursor, before, TICK_LIMITS.scopeScan);
    // A full batch resumes after its last device; a short one scanned everything before `before`.
    setScopeScanCursor(tx, job.id, last ?? { at: before, deviceId: 0 });
  });
}

/** Moves due queued tasks to Pending Push while Pending Push + Pushed stay under the limit; each gets its attempt. */
function admit(ctx: TickContext, jobId: number, now: number) {
  ctx.db.transaction((tx) => {
    const job = runningJob(tx, jobId);
    if (!job) return;
    const slots = freeSlots(job.maxConcurrency, { pendingPush: job.pendingPushCount, pushed: job.pushedCount });
    if (!slots) return;
    const ids = listDueTaskIds(tx, jobId, 'queued', now, slots);
    // The push message id is recorded here, before anything is sent: a resend after a crash reuses it.
    moveTasks(tx, ids, {
      jobId,
      from: 'queued',
      to: 'pending_push',
      at: now,
      reason: 'Admitted under the concurrency limit',
      set: {
        ...nextAttemptColumns(),
        nextAttemptAt: now,
        progress: null,
        progressDesc: null,
        pushSentAt: null,
        pushedAt: null,
        deadlineAt: null,
      },
    });
  });
}

async function pushDue(ctx: TickContext, jobId: number) {
  let budget: number = TICK_LIMITS.pushesPerTick;
  while (budget > 0) {
    const job = getOtaJob(ctx.db, jobId)!;
    if (job.status !== 'running') return;
    const ids = listDueTaskIds(ctx.db, jobId, 'pending_push', ctx.clock.now(), Math.min(budget, TICK_LIMITS.pushBatch));
    if (!ids.length) return;
    // Tasks already being sent (by a reconnecting device's gateway call) are skipped; stop rather than spin on them.
    const { attempted } = await sendPendingPushes(ctx, job, listPushTargets(ctx.db, ids));
    if (!attempted) return;
    budget -= ids.length;
  }
}

function sample(ctx: TickContext, jobId: number, now: number) {
  const job = getOtaJob(ctx.db, jobId);
  if (!job) return;
  const last = getLastJobSample(ctx.db, jobId);
  const same =
    last &&
    last.queued === job.queuedCount &&
    last.pendingPush === job.pendingPushCount &&
    last.pushed === job.pushedCount &&
    last.upgrading === job.upgradingCount &&
    last.succeeded === job.succeededCount &&
    last.failed === job.failedCount &&
    last.canceled === job.canceledCount;
  if (same || (last && now - last.at < SAMPLE_INTERVAL_MS && job.status === 'running')) return;
  insertJobSample(ctx.db, jobId, now, job);
}
