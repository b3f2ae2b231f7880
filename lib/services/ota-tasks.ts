import { getDb, type Tx } from '@/db/client';
import { getOtaJob, getOtaJobInOu } from '@/db/queries/ota-jobs';
import {
  listDeviceTaskRows,
  listFirmwareTaskRows,
  listOtaTaskRows,
  listOtaTaskRowsAfter,
  listRetryableTaskIds,
  listTaskEvents,
  listTaskIdsInState,
  listTaskStates,
  moveTasks,
  getTaskInOu,
  type OtaTaskFilter,
} from '@/db/queries/ota-tasks';
import type { OtaJob, OtaTaskEvent } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/guards';
import { AppError } from '@/lib/errors';
import { TASK_STATE_LABELS, type TaskState } from '@/lib/ota/states';
import { CANCELABLE_TASK_STATES } from '@/lib/ota/transitions';
import type { PageRequest } from '@/lib/ui/pagination';
import { recordAudit } from './audit';
import { completeJobIfDone, enterRunning } from './ota-engine';

/** Bulk actions on "all" tasks work through a job in slices of this size, each in its own transaction. */
const BULK_SLICE = 10_000;

/** Chosen tasks by id, or every task of the job (only those in `state`, when given: one tab of the details page). */
export type TaskSelection = { taskIds: number[] } | { all: true; state?: TaskState };
type TaskAction = { actor: Actor; jobId: number; selection: TaskSelection; now?: number };

function jobOrThrow(ouId: number, jobId: number): OtaJob {
  const job = getOtaJobInOu(getDb(), ouId, jobId);
  if (!job) throw new AppError('NOT_FOUND', 'Job not found.');
  return job;
}

type TasksByState = Map<TaskState, number[]>;

/**
 * Runs `act` over the selected tasks of a job in `states`, each call in its own transaction with the ids read in it:
 * chosen ids in one call (all their states together), "all" in slices of BULK_SLICE ids of one state. `act` does
 * the whole change of its call — moves, completion check, audit row — so what a call did is all committed or none.
 */
function inSlices<T>(jobId: number, selection: TaskSelection, states: readonly TaskState[], act: (tx: Tx, tasks: TasksByState) => T): T[] {
  const db = getDb();
  if ('taskIds' in selection) {
    return [
      db.transaction((tx) => {
        const tasks: TasksByState = new Map(states.map((s) => [s, []]));
        for (const t of listTaskStates(tx, jobId, selection.taskIds)) tasks.get(t.state)?.push(t.id);
        return act(tx, tasks);
      }),
    ];
  }
  const results: T[] = [];
  for (const state of states) {
    if (selection.state && selection.state !== state) continue;
    // Tasks an action leaves in their state (a retry skipped as busy) are passed over: the next slice starts after.
    let afterId = 0;
    for (;;) {
      const result = db.transaction((tx) => {
        const ids = listTaskIdsInState(tx, jobId, state, BULK_SLICE, afterId);
        if (!ids.length) return null;
        afterId = ids[ids.length - 1];
        return { value: act(tx, new Map([[state, ids]])) };
      });
      if (!result) break;
      results.push(result.value);
    }
  }
  return results;
}

/** "Cancel": tasks that are queued, pending push or pushed end Canceled; upgrading and finished ones are left alone. */
export function cancelOtaTasks({ actor, jobId, selection, now = Date.now() }: TaskAction): { canceled: number } {
  requirePermission(actor, 'ota:control');
  const job = jobOrThrow(actor.ouId, jobId);
  const reason = `Canceled by ${actor.displayName}`;
  const chosen = 'taskIds' in selection && selection.taskIds.length > 0;
  const counts = inSlices(job.id, selection, CANCELABLE_TASK_STATES, (tx, tasks) => {
    let canceled = 0;
    for (const [state, ids] of tasks) canceled += moveTasks(tx, ids, { jobId: job.id, from: state, to: 'canceled', at: now, reason }).length;
    if (chosen && !canceled) throw new AppError('INVALID_TRANSITION', 'Only queued, pending-push or pushed tasks can be canceled.');
    completeJobIfDone(tx, job.id, now);
    recordAudit(tx, actor, { action: 'ota_task.cancel', targetType: 'ota_job', targetId: job.id, detail: { canceled }, at: now });
    return canceled;
  });
  return { canceled: counts.reduce((a, b) => a + b, 0) };
}

/**
 * "Retry": failed tasks go back to the queue for one more attempt each. A task whose device meanwhile joined another
 * job is skipped (a device is never in two active tasks). A completed job runs again.
 */
export function retryOtaTasks({ actor, jobId, selection, now = Date.now() }: TaskAction): { retried: number; skippedBusy: number } {
  requirePermission(actor, 'ota:control');
  const job = jobOrThrow(actor.ouId, jobId);
  const chosen = 'taskIds' in selection && selection.taskIds.length > 0;
  const slices = inSlices(job.id, selection, ['failed'], (tx, tasks) => {
    const failed = tasks.get('failed') ?? [];
    const ids = listRetryableTaskIds(tx, job.id, failed);
    const skippedBusy = failed.length - ids.length;
    const retried = moveTasks(tx, ids, {
      jobId: job.id,
      from: 'failed',
      to: 'queued',
      at: now,
      reason: `Retry asked by ${actor.displayName}`,
      set: { nextAttemptAt: now, failureReason: null, progress: null, progressDesc: null },
    }).length;
    if (chosen && !retried) {
      throw new AppError(
        'INVALID_TRANSITION',
        skippedBusy ? 'These devices are in an active task of another job.' : 'Only failed tasks can be retried.',
      );
    }
    // The status as this transaction sees it (the job may have completed since it was first read); guarded, so only
    // the first slice that retries something reopens a completed job.
    const current = getOtaJob(tx, job.id);
    if (retried && current?.status === 'completed') enterRunning(tx, current, 'completed', now);
    recordAudit(tx, actor, { action: 'ota_task.retry', targetType: 'ota_job', targetId: job.id, detail: { retried, skippedBusy }, at: now });
    return { retried, skippedBusy };
  });
  return {
    retried: slices.reduce((a, s) => a + s.retried, 0),
    skippedBusy: slices.reduce((a, s) => a + s.skippedBusy, 0),
  };
}

/** The device table of a job: one page, filtered by state and deviceKey. */
export function listOtaTasks({ actor, jobId, filter, page }: { actor: Actor; jobId: number; filter: OtaTaskFilter; page: PageRequest }) {
  requirePermission(actor, 'ota:read');
  jobOrThrow(actor.ouId, jobId);
  const { rows, total } = listOtaTaskRows(getDb(), jobId, filter, { limit: page.pageSize, offset: page.offset });
  return { rows, total, page: page.page, pageSize: page.pageSize };
}

/** The timeline's first entry. Tasks are created in bulk without an event row, so it is made from the task. */
export const TASK_CREATED_REASON = 'Added to the job';

/** A task and its transitions, oldest first (its creation as the first entry). */
export function getOtaTaskTimeline({ actor, taskId }: { actor: Actor; taskId: number }) {
  requirePermission(actor, 'ota:read');
  const found = getTaskInOu(getDb(), actor.ouId, taskId);
  if (!found) throw new AppError('NOT_FOUND', 'Task not found.');
  const { task } = found;
  const created: OtaTaskEvent = {
    id: 0,
    taskId: task.id,
    jobId: task.jobId,
    at: task.createdAt,
    fromState: null,
    toState: 'queued',
    attempt: 0,
    reason: TASK_CREATED_REASON,
    progress: null,
  };
  return { ...found, events: [created, ...listTaskEvents(getDb(), taskId)] };
}

// Units in the header: the cells are bare numbers and ISO times for spreadsheets to read.
const TASK_CSV_HEADER = ['Device Key', 'From Version', 'To Version', 'Status', 'Progress (%)', 'Attempts', 'Failure Reason', 'Last Update (UTC)'];

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // Quote when needed, and defuse spreadsheet formulas in device-controlled text.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * "Export CSV": the job's tasks as CSV lines (header first), read a page at a time so 100k tasks never sit in
 * memory at once and no statement stays open between pages. Permission and job are checked at the call, before
 * anything is streamed.
 */
export function exportOtaTasksCsvRows({ actor, jobId, pageSize = 1000 }: { actor: Actor; jobId: number; pageSize?: number }): Iterable<string> {
  requirePermission(actor, 'ota:read');
  jobOrThrow(actor.ouId, jobId);
  return csvLines(jobId, pageSize);
}

function* csvLines(jobId: number, pageSize: number) {
  yield `${TASK_CSV_HEADER.join(',')}\n`;
  let afterId = 0;
  for (;;) {
    const rows = listOtaTaskRowsAfter(getDb(), jobId, afterId, pageSize);
    if (!rows.length) return;
    for (const r of rows) {
      const cells = [r.deviceKey, r.fromVersion, r.toVersion, TASK_STATE_LABELS[r.state], r.progress, r.attempt, r.failureReason, new Date(r.updatedAt).toISOString()];
      yield `${cells.map(csvCell).join(',')}\n`;
    }
    afterId = rows[rows.length - 1].id;
  }
}

/** A device's OTA history: every task of every job, newest first. */
export function listDeviceOtaHistory({ actor, deviceId, limit = 100 }: { actor: Actor; deviceId: number; limit?: number }) {
  requirePermission(actor, 'ota:read');
  return listDeviceTaskRows(getDb(), actor.ouId, deviceId, limit);
}

/** Every verification and upgrade record of one firmware (the "Devices" tab of firmware details). */
export function listFirmwareTaskRecords({ actor, firmwareId, page }: { actor: Actor; firmwareId: number; page: PageRequest }) {
  requirePermission(actor, 'ota:read');
  const { rows, total } = listFirmwareTaskRows(getDb(), actor.ouId, firmwareId, { limit: page.pageSize, offset: page.offset });
  return { rows, total, page: page.page, pageSize: page.pageSize };
}
