/**
 * The closed vocabularies of the domain. The database schema and the domain code both import these tuples,
 * so a state can never exist in one place and not the other.
 */

export const TASK_STATES = [
  'queued',
  'pending_push',
  'pushed',
  'upgrading',
  'succeeded',
  'failed',
  'canceled',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** Tasks in these states hold their device: a device is never in two of them at once. */
export const ACTIVE_TASK_STATES = ['queued', 'pending_push', 'pushed', 'upgrading'] as const satisfies readonly TaskState[];
/** Only these count against "Maximum Task Concurrency" (SPEC 4.4). */
export const COUNTED_TASK_STATES = ['pending_push', 'pushed'] as const satisfies readonly TaskState[];
export const TERMINAL_TASK_STATES = ['succeeded', 'failed', 'canceled'] as const satisfies readonly TaskState[];

export const TASK_STATE_LABELS: Record<TaskState, string> = {
  queued: 'Queued',
  pending_push: 'Pending Push',
  pushed: 'Pushed',
  upgrading: 'Upgrading',
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceled: 'Canceled',
};

export const JOB_STATUSES = ['not_started', 'running', 'stopped', 'completed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  not_started: 'Not Started',
  running: 'Running',
  stopped: 'Stopped',
  completed: 'Completed',
};

export const JOB_TYPES = ['upgrade', 'verification'] as const;
export type JobType = (typeof JOB_TYPES)[number];
export const JOB_TYPE_LABELS: Record<JobType, string> = { upgrade: 'Upgrade', verification: 'Verification' };

export const UPGRADE_METHODS = ['snapshot', 'incremental'] as const;
export type UpgradeMethod = (typeof UPGRADE_METHODS)[number];
export const UPGRADE_METHOD_LABELS: Record<UpgradeMethod, string> = { snapshot: 'Snapshot', incremental: 'Incremental' };

export const FIRMWARE_STATUSES = ['unverified', 'verifying', 'verified', 'verification_failed', 'no_need'] as const;
export type FirmwareStatus = (typeof FIRMWARE_STATUSES)[number];
export const FIRMWARE_STATUS_LABELS: Record<FirmwareStatus, string> = {
  unverified: 'Unverified',
  verifying: 'Verifying',
  verified: 'Verified',
  verification_failed: 'Verification Failed',
  no_need: 'No Need',
};

export const SIGN_METHODS = ['md5', 'sha256'] as const;
export type SignMethod = (typeof SIGN_METHODS)[number];

/** How a task reached its device: pushed by the scheduler, or answered to the device's own request. */
export const TASK_ORIGINS = ['push', 'request'] as const;
export type TaskOrigin = (typeof TASK_ORIGINS)[number];
