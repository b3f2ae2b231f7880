import type { DbOrTx } from '@/db/client';
import { getJobFirmware, getOtaJob, getRunningVerificationJob, updateFirmwareStatus, updateOtaJobStatus } from '@/db/queries/ota-jobs';
import { moveTasks } from '@/db/queries/ota-tasks';
import type { OtaJob } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { windowAt, type JobSchedule, type WindowState } from '@/lib/ota/schedule';
import { decideAfterFailure, pushDeadline, type RetryStrategy } from '@/lib/ota/strategy';
import type { JobStatus, TaskState } from '@/lib/ota/states';
import { isJobDone } from '@/lib/ota/transitions';
import { firmwareStatusAfterVerification, firmwareStatusOnVerificationStart, verificationRunRefusal } from '@/lib/ota/verification';

/**
 * Engine operations shared by the scheduler, the device gateway and the console services. Each runs inside the
 * caller's transaction and is synchronous (better-sqlite3); decisions come from lib/ota, SQL from db/queries.
 */

const RETRY_SCHEDULED = 'Retry scheduled';
export const TIMEOUT_REASON = 'Timeout';
export const WINDOW_ENDED_REASON = 'Schedule window ended';

type ScheduledJob = Pick<OtaJob, 'scheduleStart' | 'scheduleEnd' | 'timeZone' | 'repeatDaily'>;

function jobSchedule(job: ScheduledJob): JobSchedule {
  return { start: job.scheduleStart, end: job.scheduleEnd, timeZone: job.timeZone, repeatDaily: job.repeatDaily };
}

export function jobWindow(job: ScheduledJob, now: number): WindowState {
  return windowAt(jobSchedule(job), now);
}

function retryStrategy(job: OtaJob): RetryStrategy {
  return { retryEnabled: job.retryEnabled, retryIntervalSeconds: job.retryIntervalSeconds, maxRetries: job.maxRetries };
}

/** The columns a task gets when its delivery is recorded (by a push or by answering the device's request). */
export function deliveredColumns(job: OtaJob, at: number, origin: 'push' | 'request') {
  return { origin, pushSentAt: at, pushedAt: at, deadlineAt: pushDeadline(at, job.timeoutSeconds) };
}

/**
 * Fails tasks of a job that are in `from`: those with attempts left go back to queued for after the retry interval
 * (the timeline shows the failure, then the retry), the others end Failed with the reason.
 */
export function failTasks(
  tx: DbOrTx,
  job: OtaJob,
  from: Extract<TaskState, 'pending_push' | 'pushed' | 'upgrading'>,
  tasks: readonly { id: number; attempt: number }[],
  reason: string,
  now: number,
): number {
  const retry = new Map<number, number[]>();
  const final: number[] = [];
  for (const t of tasks) {
    const decision = decideAfterFailure(retryStrategy(job), t.attempt, now);
    if (decision.kind === 'retry') retry.set(decision.at, [...(retry.get(decision.at) ?? []), t.id]);
    else final.push(t.id);
  }
  let moved = 0;
  for (const [at, ids] of retry) {
    moved += moveTasks(tx, ids, {
      jobId: job.id,
      from,
      to: 'queued',
      via: { state: 'failed', reason },
      reason: RETRY_SCHEDULED,
      at: now,
      set: { nextAttemptAt: at, failureReason: reason, deadlineAt: null, progress: null, progressDesc: null },
    }).length;
  }
  moved += moveTasks(tx, final, {
    jobId: job.id,
    from,
    to: 'failed',
    reason,
    at: now,
    set: { failureReason: reason, deadlineAt: null },
  }).length;
  return moved;
}

/**
 * Succeeds a task whose device reported the target version; a running verification job may verify its firmware now.
 * A success reported after the job was stopped is recorded but leaves the firmware as the stop set it (SPEC 3.2).
 */
export function succeedTask(tx: DbOrTx, job: OtaJob, task: { id: number; state: TaskState }, reason: string, now: number): boolean {
  const moved = moveTasks(tx, [task.id], {
    jobId: job.id,
    from: task.state,
    to: 'succeeded',
    at: now,
    reason,
    set: { progress: 100, failureReason: null, deadlineAt: null },
  });
  if (moved.length) settleVerification(tx, job.id, false, now);
  return moved.length > 0;
}

/**
 * Sets the firmware status a verification job's counts call for (SPEC 3.2); a no-op for upgrade jobs. `ending`: the
 * job has just stopped or completed. Otherwise only a running job settles: an ended one no longer speaks for the
 * firmware (another verification job may be running by now).
 */
function settleVerification(tx: DbOrTx, jobId: number, ending: boolean, now: number): void {
  const job = getOtaJob(tx, jobId);
  if (!job || job.type !== 'verification' || (!ending && job.status !== 'running')) return;
  const fw = getJobFirmware(tx, job.ouId, job.firmwareId);
  if (!fw) return;
  const next = firmwareStatusAfterVerification({
    status: fw.status,
    succeeded: job.succeededCount,
    minSuccesses: fw.minVerifySuccesses,
    jobEnded: ending,
  });
  if (next !== fw.status) updateFirmwareStatus(tx, fw.id, fw.status, next, now);
}

/**
 * Starts (or restarts) a job: guarded on its current status. A verification job runs alone and only for Unverified or
 * Verification Failed firmware (else CONFLICT, and the caller's transaction rolls back); its firmware turns Verifying.
 */
export function enterRunning(tx: DbOrTx, job: OtaJob, from: JobStatus, now: number): boolean {
  const set = { updatedAt: now, stoppedAt: null, completedAt: null, ...(job.startedAt === null ? { startedAt: now } : {}) };
  if (!updateOtaJobStatus(tx, job.id, from, 'running', set)) return false;
  if (job.type === 'verification') {
    const fw = getJobFirmware(tx, job.ouId, job.firmwareId);
    if (!fw) return true;
    const running = getRunningVerificationJob(tx, fw.id, job.id);
    const refusal = verificationRunRefusal({ status: fw.status, runningJobName: running?.name ?? null });
    if (refusal) throw new AppError('CONFLICT', refusal);
    updateFirmwareStatus(tx, fw.id, fw.status, firmwareStatusOnVerificationStart(fw.status), now);
  }
  return true;
}

/** Stops a running job; a verification job that has not verified its firmware has failed verification. */
export function enterStopped(tx: DbOrTx, job: OtaJob, now: number): boolean {
  if (!updateOtaJobStatus(tx, job.id, 'running', 'stopped', { updatedAt: now, stoppedAt: now })) return false;
  settleVerification(tx, job.id, true, now);
  return true;
}

/** Completes a running job that is done (lib/ota isJobDone) and settles a verification job's firmware. */
export function completeJobIfDone(tx: DbOrTx, jobId: number, now: number): boolean {
  const job = getOtaJob(tx, jobId);
  if (!job || job.status !== 'running') return false;
  const activeTasks = job.queuedCount + job.pendingPushCount + job.pushedCount + job.upgradingCount;
  if (!isJobDone({ method: job.method, window: jobWindow(job, now), activeTasks })) return false;
  updateOtaJobStatus(tx, job.id, 'running', 'completed', { updatedAt: now, completedAt: now });
  settleVerification(tx, job.id, true, now);
  return true;
}
