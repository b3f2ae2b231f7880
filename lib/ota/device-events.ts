import type { JobStatus, TaskState } from './states';
import { freeSlots } from './strategy';

/**
 * What device messages mean for a task (SPEC 6.3): progress steps, failure reasons, and the Device Request rules.
 */

const FAILURE_REASONS: Record<number, string> = {
  [-1]: 'Upgrade failed',
  [-2]: 'Download failed',
  [-3]: 'Verification failed',
  [-4]: 'Flash write failed',
  [-5]: 'Rejected by device',
};

export type ProgressReport = { kind: 'progress'; percent: number } | { kind: 'failure'; reason: string };

/** Reads a progress step: 0–100 is percent done, a negative step is a failure with its reason. */
export function readProgressStep(step: number, desc: string): ProgressReport {
  if (step >= 0) return { kind: 'progress', percent: Math.min(100, Math.trunc(step)) };
  const known = FAILURE_REASONS[Math.trunc(step)];
  if (known) return { kind: 'failure', reason: known };
  // Below -5 the failure is device-specific and its text is in desc.
  return { kind: 'failure', reason: desc.trim() || `Device error ${Math.trunc(step)}` };
}

/** Task states in which a device's progress or result is expected (a resend may be in flight for pending_push). */
const REPORTING_TASK_STATES = ['pending_push', 'pushed', 'upgrading'] as const satisfies readonly TaskState[];

/** Whether a device's progress or result can apply to a task in this state. */
export function acceptsDeviceReport(state: TaskState): boolean {
  return (REPORTING_TASK_STATES as readonly TaskState[]).includes(state);
}

/**
 * Why a task succeeds when its device informs `version` (SPEC 4.6: the device reported the target version), or null.
 * A task still waiting for its push succeeds too: the device already runs the target, and must not be pushed it.
 */
export function successOnInform(task: { state: TaskState; toVersion: string }, version: string): string | null {
  if (task.toVersion !== version) return null;
  if (acceptsDeviceReport(task.state)) return `Device reported version ${version}`;
  return task.state === 'queued' ? 'Device reported the target version before its push' : null;
}

export type DeviceRequestContext = {
  jobStatus: JobStatus;
  deviceRequestEnabled: boolean;
  inWindow: boolean;
  maxConcurrency: number;
  counted: { pendingPush: number; pushed: number };
  taskState: TaskState;
};

export type DeviceRequestDecision =
  | { answer: 'nothing' }
  /** Offer the firmware; `toPushed` when the task becomes Pushed by this answer. */
  | { answer: 'firmware'; toPushed: boolean };

/**
 * A device's getversion/request (SPEC 4.4 "Enable Upon Device Request Upgrade"): answered with the firmware when the
 * job runs with the toggle on, inside its window, and the task fits under the concurrency limit. A task already
 * admitted (pending_push) holds its slot; one already delivered is offered again without a new attempt.
 */
export function decideDeviceRequest(ctx: DeviceRequestContext): DeviceRequestDecision {
  if (ctx.jobStatus !== 'running' || !ctx.deviceRequestEnabled || !ctx.inWindow) return { answer: 'nothing' };
  switch (ctx.taskState) {
    case 'queued':
      return freeSlots(ctx.maxConcurrency, ctx.counted) > 0 ? { answer: 'firmware', toPushed: true } : { answer: 'nothing' };
    case 'pending_push':
      return { answer: 'firmware', toPushed: true };
    case 'pushed':
    case 'upgrading':
      return { answer: 'firmware', toPushed: false };
    default:
      return { answer: 'nothing' };
  }
}
