import { getDb } from '@/db/client';
import { getOtaJobInOu } from '@/db/queries/ota-jobs';
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

/** Ids of the selected tasks of a job in `state`, one slice at a time (explicit ids come in one slice). */
function* selectedSlices(jobId: number, selection: TaskSelection, state: TaskState): Generator<number[]> {
  if ('taskIds' in selection) {
    yield listTaskStates(getDb(), jobId, selection.taskIds)
      .filter((t) => t.state === state)
      .map((t) => t.id);
    return;
  }
  if (selection.state && selection.state !== state) return;
  let afterId = 0;
  for (;;) {
    const ids = listTaskIdsInState(getDb(), jobId, state, BULK_SLICE, afterId);
    if (!ids.length) return;
    yield ids;
    afterId = ids[ids.length - 1];
  }
}

/** "Cancel": tasks that are queued, pending push or pushed end Canceled; upgrading and finished ones are left alone. */
export function cancelOtaTasks({ actor, jobId, selection, now = Date.now() }: TaskAction): { canceled: number } {
  requirePermission(actor, 'ota:control');
  const job = jobOrThrow(actor.ouId, jobId);
  const reason = `Canceled by ${actor.displayName}`;
  let canceled = 0;
  for (const state of CANCELABLE_TASK_STATES) {
    for (const ids of selectedSlices(job.id, selection, state)) {
      const moved = getDb().transaction((tx) => moveTasks(tx, ids, { jobId: job.id, from: state, to: 'canceled', at: now, reason }));
      canceled += moved.length;
    }
  }
  if ('taskIds' in selection && selection.taskIds.length && !canceled) {
    throw new AppError('INVALID_TRANSITION', 'Only queued, pending-push or pushed tasks can be canceled.');
  }
  getDb().transaction((tx) => {
    completeJobIfDone(tx, job.id, now);
    recordAudit(tx, actor, { action: 'ota_task.cancel', targetType: 'ota_job', targetId: job.id, detail: { canceled }, at: now });
  });
  return { canceled };
}

/**
 * "Retry": failed tasks go back to the queue for one more attempt each. A task whose device meanwhile joined another
 * job is skipped (a device is never in two active tasks). A completed job runs again.
 */
export function retryOtaTasks({ actor, jobId, selection, now = Date.now() }: TaskAction): { retried: number; skippedBusy: number } {
  requirePermission(actor, 'ota:control');
  const job = jobOrThrow(actor.ouId, jobId);
  let retried = 0;
  let skippedBusy = 0;
  for (const failed of selectedSlices(job.id, selection, 'failed')) {
    const moved = getDb().transaction((tx) => {
      const ids = listRetryableTaskIds(tx, job.id, failed);
      skippedBusy += failed.length - ids.length;
      const result = moveTasks(tx, ids, {
        jobId: job.id,
        from: 'failed',
        to: 'queued',
        at: now,
        reason: `Retry asked by ${actor.displayName}`,
        set: { nextAttemptAt: now, failureReason: null, progress: null, progressDesc: null },
      });
      if (result.length && job.status === 'completed') enterRunning(tx, job, 'completed', now);
      return result.length;
    });
    retried += moved;
  }
  if ('taskIds' in selection && selection.taskIds.length && !retried) {
    throw new AppError(
      'INVALID_TRANSITION',
      skippedBusy ? 'These devices are in an active task of another job.' : 'Only failed tasks can be retried.',
    );
  }
  getDb().transaction((tx) =>
    recordAudit(tx, actor, { action: 'ota_task.retry', targetType: 'ota_job', targetId: job.id, detail: { retried, skippedBusy }, at: now }),
  );
  return { retried, skippedBusy };
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
