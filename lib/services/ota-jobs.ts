import { getDb, type DbOrTx } from '@/db/client';
import {
  deleteOtaJobRow,
  getJobFirmware,
  getOtaJobInOu,
  getOtaJobWithRelations,
  insertOtaJob,
  listFirmwareWithJobs,
  listJobSamples,
  listOtaJobRows,
  setScopeScanCursor,
  type JobFirmware,
  type OtaJobFilter,
} from '@/db/queries/ota-jobs';
import {
  countScopeDevices,
  insertTasksForDevices,
  listScopeDevices,
  listScopeDevicesByKey,
  listScopeNodes,
  scopeWhere,
} from '@/db/queries/ota-scope';
import { listProducts } from '@/db/queries/fleet';
import { adjustJobCounters, markActiveTaskDevicesChanged, TASK_COUNTER_KEYS } from '@/db/queries/ota-tasks';
import type { OtaJob } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/guards';
import { AppError, zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { checkScheduleNotPast, localToEpoch } from '@/lib/ota/schedule';
import { INELIGIBLE_REASON_LABELS, ineligibleReason, MAX_VERIFY_DEVICES, type EligibilityRules, type ScopeDevice } from '@/lib/ota/scope';
import type { JobScope } from '@/lib/ota/scope-types';
import { TASK_STATES, type JobType, type TaskState } from '@/lib/ota/states';
import { canDeleteJob } from '@/lib/ota/transitions';
import { jobTypeForFirmware } from '@/lib/ota/verification';
import type { Page, PageRequest } from '@/lib/ui/pagination';
import {
  createOtaJobSchema,
  previewOtaJobScopeSchema,
  type CreateOtaJobInput,
  type PreviewOtaJobScopeInput,
} from '@/lib/validation/ota-job';
import type { z } from 'zod';
import { recordAudit } from './audit';
import { enterRunning, enterStopped, jobWindow } from './ota-engine';
import { compileScope } from './ota-scope';

/** How many devices the scope preview lists. */
export const PREVIEW_ROWS = 20;
const UNKNOWN_KEYS_SHOWN = 50;

function invalid(message: string, fieldErrors: FieldErrors): AppError {
  return new AppError('INVALID_INPUT', message, fieldErrors);
}

function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalid('Check the highlighted fields.', zodFieldErrors(parsed.error.issues));
}

function firmwareForJob(db: DbOrTx, ouId: number, firmwareId: number): JobFirmware & { jobType: JobType } {
  const fw = getJobFirmware(db, ouId, firmwareId);
  if (!fw) throw invalid('Choose a firmware.', { firmwareId: ['Choose a firmware'] });
  const jobType = jobTypeForFirmware(fw.status);
  if (!jobType) {
    throw invalid('This firmware is being verified.', {
      firmwareId: ['This firmware is being verified; wait for its verification job to end'],
    });
  }
  return { ...fw, jobType };
}

/**
 * A verification job is a Snapshot over a few chosen devices (SPEC 4.1). Several may exist for a firmware; only one
 * runs at a time (enterRunning).
 */
function checkVerificationJob(fw: JobFirmware & { jobType: JobType }, input: CreateOtaJobInput) {
  if (fw.jobType !== 'verification') return;
  if (input.method !== 'snapshot') {
    throw invalid('A verification job is a Snapshot job.', {
      method: ['A verification job is Snapshot: it upgrades the chosen devices only'],
    });
  }
  const { scope } = input;
  if (scope.type !== 'devices') {
    throw invalid('A verification job targets chosen devices only.', {
      'scope.type': ['A verification job targets chosen devices only (Target Devices)'],
    });
  }
  const max = Math.min(fw.maxVerifyDevices, MAX_VERIFY_DEVICES);
  if (scope.deviceKeys.length > max) {
    throw invalid(`Choose at most ${max} devices for verification.`, {
      'scope.deviceKeys': [`Choose at most ${max} devices for verification`],
    });
  }
  if (scope.deviceKeys.length < fw.minVerifySuccesses) {
    const message = `Choose at least ${fw.minVerifySuccesses} devices: verifying this firmware needs ${fw.minVerifySuccesses} successes`;
    throw invalid(`${message}.`, { 'scope.deviceKeys': [message] });
  }
}

function rulesFor(fw: JobFirmware, fromVersions: string[]): EligibilityRules {
  return { productId: fw.productId, targetVersion: fw.version, fromVersions };
}

/** Device keys of a Target Devices scope that name no device of the OU. */
/** The devices a Target Devices scope names (none for other scope types). */
function chosenDevices(db: DbOrTx, ouId: number, scope: JobScope): ScopeDevice[] {
  return scope.type === 'devices' ? listScopeDevicesByKey(db, ouId, scope.deviceKeys) : [];
}

function unknownKeys(scope: JobScope, known: { deviceKey: string }[]): string[] {
  if (scope.type !== 'devices') return [];
  const found = new Set(known.map((d) => d.deviceKey));
  return scope.deviceKeys.filter((k) => !found.has(k));
}

export type ScopePreview = {
  total: number;
  rows: ReturnType<typeof listScopeDevices>;
  /** Target Devices only: keys that name no device. */
  unknownDeviceKeys: string[];
  /** Target Devices only: chosen devices the always-rules leave out, and why. */
  excludedDevices: { deviceKey: string; reason: string }[];
};

/** "N devices in scope" and the first rows, computed with the code that creates the job (SPEC 4.3). */
export function previewOtaJobScope({ actor, input }: { actor: Actor; input: z.input<typeof previewOtaJobScopeSchema> }): ScopePreview {
  requirePermission(actor, 'ota:create');
  const parsed: PreviewOtaJobScopeInput = parseOrThrow(previewOtaJobScopeSchema, input);
  const db = getDb();
  const fw = firmwareForJob(db, actor.ouId, parsed.firmwareId);
  const rules = rulesFor(fw, parsed.fromVersions);
  const where = scopeWhere(actor.ouId, compileScope(db, actor.ouId, parsed.scope, rules).predicates);
  const chosen = chosenDevices(db, actor.ouId, parsed.scope);
  return {
    total: countScopeDevices(db, where),
    rows: listScopeDevices(db, where, PREVIEW_ROWS),
    unknownDeviceKeys: unknownKeys(parsed.scope, chosen),
    excludedDevices: excludedDevices(chosen, rules),
  };
}

/** Chosen devices the always-rules leave out, with the reason's label. */
function excludedDevices(chosen: readonly ScopeDevice[], rules: EligibilityRules): ScopePreview['excludedDevices'] {
  return chosen.flatMap((d) => {
    const reason = ineligibleReason(d, rules);
    return reason ? [{ deviceKey: d.deviceKey, reason: INELIGIBLE_REASON_LABELS[reason] }] : [];
  });
}

/**
 * A verification job whose tasks cannot reach "Min Successes to Verify" could never pass: refused, naming the chosen
 * devices that were left out and why.
 */
function checkVerificationReachable(fw: JobFirmware & { jobType: JobType }, added: number, excluded: ScopePreview['excludedDevices']) {
  if (fw.jobType !== 'verification' || added >= fw.minVerifySuccesses) return;
  const why = excluded.map((d) => `${d.deviceKey} ${d.reason.charAt(0).toLowerCase()}${d.reason.slice(1)}`).join('; ');
  const message = `Only ${added} of these devices can be verified${why ? ` (${why})` : ''}; "Min Successes to Verify" is ${fw.minVerifySuccesses}`;
  throw invalid(`${message}.`, { 'scope.deviceKeys': [message] });
}

function storedStrategy(input: CreateOtaJobInput) {
  const schedule = input.schedule;
  return {
    maxConcurrency: input.maxConcurrency,
    timeoutSeconds: input.timeoutMinutes * 60,
    retryEnabled: input.retryEnabled,
    retryIntervalSeconds: input.retryIntervalMinutes * 60,
    maxRetries: input.maxRetries,
    scheduleStart: schedule ? localToEpoch(schedule.start, schedule.timeZone, 'first') : null,
    scheduleEnd: schedule ? localToEpoch(schedule.end, schedule.timeZone, 'last') : null,
    timeZone: schedule?.timeZone ?? 'UTC',
    repeatDaily: schedule ? input.repeatDaily : false,
    deviceRequestEnabled: input.deviceRequestEnabled,
    startOnCreate: input.startOnCreate,
  };
}

/**
 * Creates a job and its tasks in one transaction: every device in scope gets a queued task now (Snapshot: and no
 * more later; Incremental: the scheduler keeps adding). "Start Job Upon Creation" starts it in the same transaction.
 */
export function createOtaJob({
  actor,
  input,
  now = Date.now(),
}: {
  actor: Actor;
  input: z.input<typeof createOtaJobSchema>;
  now?: number;
}): OtaJob {
  requirePermission(actor, 'ota:create');
  const parsed = parseOrThrow(createOtaJobSchema, input);
  const pastIssues = parsed.schedule ? checkScheduleNotPast(parsed.schedule, now) : [];
  if (pastIssues.length) throw invalid(pastIssues[0].message, { [pastIssues[0].path]: [pastIssues[0].message] });
  // Read and checked where the job is written: the firmware's status (which decides the job type) and the devices
  // cannot change between the checks and the insert.
  return getDb().transaction((tx) => {
    const fw = firmwareForJob(tx, actor.ouId, parsed.firmwareId);
    checkVerificationJob(fw, parsed);
    const rules = rulesFor(fw, parsed.fromVersions);
    const { predicates } = compileScope(tx, actor.ouId, parsed.scope, rules);
    // Read before the insert: afterwards the job's own tasks make its devices look busy.
    const chosen = chosenDevices(tx, actor.ouId, parsed.scope);
    const unknown = unknownKeys(parsed.scope, chosen);
    if (unknown.length) {
      const shown = unknown.slice(0, UNKNOWN_KEYS_SHOWN).join(', ');
      const more = unknown.length > UNKNOWN_KEYS_SHOWN ? ` and ${unknown.length - UNKNOWN_KEYS_SHOWN} more` : '';
      throw invalid('Some device keys are unknown.', { 'scope.deviceKeys': [`Unknown device keys: ${shown}${more}`] });
    }
    const job = insertOtaJob(tx, {
      ouId: actor.ouId,
      firmwareId: fw.id,
      productId: fw.productId,
      name: parsed.name,
      type: fw.jobType,
      method: parsed.method,
      status: 'not_started',
      scope: parsed.scope,
      fromVersions: parsed.fromVersions,
      ...storedStrategy(parsed),
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    const added = insertTasksForDevices(tx, { id: job.id, toVersion: fw.version }, scopeWhere(actor.ouId, predicates), now);
    checkVerificationReachable(fw, added, excludedDevices(chosen, rules));
    if (!added && parsed.method === 'snapshot') {
      throw invalid('No devices are in scope.', { scope: ['No devices are in scope: a Snapshot job would have nothing to do'] });
    }
    adjustJobCounters(tx, job.id, { queued: added }, now, added);
    // The Incremental scan starts from the creation: every device that changes from now on is looked at again.
    if (parsed.method === 'incremental') setScopeScanCursor(tx, job.id, { at: now, deviceId: 0 });
    if (parsed.startOnCreate) enterRunning(tx, job, 'not_started', now);
    recordAudit(tx, actor, { action: 'ota_job.create', targetType: 'ota_job', targetId: job.id, detail: { tasks: added }, at: now });
    return getOtaJobInOu(tx, actor.ouId, job.id)!;
  });
}

function jobOrThrow(ouId: number, jobId: number): OtaJob {
  const job = getOtaJobInOu(getDb(), ouId, jobId);
  if (!job) throw new AppError('NOT_FOUND', 'Job not found.');
  return job;
}

/** "Start": a Not Started or Stopped job runs. */
export function startOtaJob({ actor, jobId, now = Date.now() }: { actor: Actor; jobId: number; now?: number }) {
  requirePermission(actor, 'ota:control');
  const job = jobOrThrow(actor.ouId, jobId);
  if (job.status !== 'not_started' && job.status !== 'stopped') {
    throw new AppError('INVALID_TRANSITION', `A ${job.status === 'running' ? 'running' : 'completed'} job cannot be started.`);
  }
  getDb().transaction((tx) => {
    if (!enterRunning(tx, job, job.status, now)) throw new AppError('CONFLICT', 'The job changed meanwhile; reload and try again.');
    recordAudit(tx, actor, { action: 'ota_job.start', targetType: 'ota_job', targetId: job.id, at: now });
  });
}

/** "Stop": no new pushes; tasks stay where they are and devices already upgrading may still report. */
export function stopOtaJob({ actor, jobId, now = Date.now() }: { actor: Actor; jobId: number; now?: number }) {
  requirePermission(actor, 'ota:control');
  const job = jobOrThrow(actor.ouId, jobId);
  if (job.status !== 'running') throw new AppError('INVALID_TRANSITION', 'Only a running job can be stopped.');
  getDb().transaction((tx) => {
    if (!enterStopped(tx, job, now)) throw new AppError('CONFLICT', 'The job changed meanwhile; reload and try again.');
    recordAudit(tx, actor, { action: 'ota_job.stop', targetType: 'ota_job', targetId: job.id, at: now });
  });
}

/** Deletes a job that is not running, with its tasks, events and samples; its devices are free again. */
export function deleteOtaJob({ actor, jobId, now = Date.now() }: { actor: Actor; jobId: number; now?: number }) {
  requirePermission(actor, 'ota:delete');
  const job = jobOrThrow(actor.ouId, jobId);
  if (!canDeleteJob(job.status)) throw new AppError('INVALID_TRANSITION', 'Stop the job before deleting it.');
  getDb().transaction((tx) => {
    markActiveTaskDevicesChanged(tx, job.id, now);
    if (!deleteOtaJobRow(tx, job.id, job.status)) throw new AppError('CONFLICT', 'The job changed meanwhile; reload and try again.');
    recordAudit(tx, actor, { action: 'ota_job.delete', targetType: 'ota_job', targetId: job.id, detail: { name: job.name }, at: now });
  });
}

/** One page of the OTA Jobs list; `waitingForWindow` marks running jobs outside their schedule window. */
export function listOtaJobs({ actor, filter, page, now = Date.now() }: { actor: Actor; filter: OtaJobFilter; page: PageRequest; now?: number }) {
  requirePermission(actor, 'ota:read');
  const { rows, total } = listOtaJobRows(getDb(), actor.ouId, filter, { limit: page.pageSize, offset: page.offset });
  const withWindow = rows.map((r) => ({
    ...r,
    waitingForWindow: r.status === 'running' && jobWindow(r, now).kind === 'waiting',
  }));
  return { rows: withWindow, total, page: page.page, pageSize: page.pageSize };
}
export type OtaJobListRow = ReturnType<typeof listOtaJobs>['rows'][number];

/** The OTA Jobs list filtered to one firmware (the "Jobs" tab of firmware details). */
export function listFirmwareJobs({ actor, firmwareId, page }: { actor: Actor; firmwareId: number; page: PageRequest }): Page<OtaJobListRow> {
  return listOtaJobs({ actor, filter: { firmwareId }, page });
}

/** The "Firmware" and "Product" choices of the OTA Jobs list filters. */
export function getOtaJobFilterOptions({ actor }: { actor: Actor }) {
  requirePermission(actor, 'ota:read');
  const db = getDb();
  return { firmware: listFirmwareWithJobs(db, actor.ouId), products: listProducts(db, actor.ouId).map((p) => ({ id: p.id, name: p.name })) };
}

/** The part of a job that changes while it runs: status, per-state counts, and a version that changes with them. */
function jobLive(job: OtaJob, now: number) {
  const counts = Object.fromEntries(TASK_STATES.map((s) => [s, job[TASK_COUNTER_KEYS[s]]])) as Record<TaskState, number>;
  const window = jobWindow(job, now);
  return {
    status: job.status,
    waitingForWindow: job.status === 'running' && window.kind === 'waiting',
    opensAt: window.kind === 'waiting' ? window.opensAt : null,
    counts,
    total: job.totalTasks,
    startedAt: job.startedAt,
    stoppedAt: job.stoppedAt,
    completedAt: job.completedAt,
    updatedAt: job.updatedAt,
    // Every task transition adjusts the counters and updatedAt in its transaction, so an equal version means no task
    // changed state (progress reports within Upgrading do not change it).
    version: [job.status, job.updatedAt, job.totalTasks, ...TASK_STATES.map((s) => counts[s])].join(':'),
  };
}
export type OtaJobLive = ReturnType<typeof jobLive>;

/** A job with its firmware, product, creator and counts; `waitingForWindow` while it runs outside its window. */
export function getOtaJobDetails({ actor, jobId, now = Date.now() }: { actor: Actor; jobId: number; now?: number }) {
  requirePermission(actor, 'ota:read');
  const db = getDb();
  const found = getOtaJobWithRelations(db, actor.ouId, jobId);
  if (!found) throw new AppError('NOT_FOUND', 'Job not found.');
  const live = jobLive(found.job, now);
  const { scope } = found.job;
  return {
    ...found,
    window: jobWindow(found.job, now),
    waitingForWindow: live.waitingForWindow,
    live,
    // By Asset Tree scopes name their trees and nodes (a deleted node is simply absent).
    scopeNodes: scope.type === 'asset_tree' ? listScopeNodes(db, actor.ouId, scope.trees).map(({ path: _path, ...named }) => named) : [],
  };
}

/** What the details page polls: one job row by id, no task is read. */
export function getOtaJobLive({ actor, jobId, now = Date.now() }: { actor: Actor; jobId: number; now?: number }): OtaJobLive {
  requirePermission(actor, 'ota:read');
  return jobLive(jobOrThrow(actor.ouId, jobId), now);
}

/** The rollout over time: per-state counts, oldest first. */
export function listOtaJobSamples({ actor, jobId, limit = 500 }: { actor: Actor; jobId: number; limit?: number }) {
  requirePermission(actor, 'ota:read');
  jobOrThrow(actor.ouId, jobId);
  return listJobSamples(getDb(), jobId, limit);
}
