import type { WindowState } from './schedule';
import { TERMINAL_TASK_STATES, type JobStatus, type TaskState, type UpgradeMethod } from './states';

/**
 * The task and job state machines (SPEC 4.5, 4.6). Every store update names its expected state in the WHERE clause;
 * these tables say which updates exist at all, so a late or duplicated device message can never move a task back.
 */

export const TASK_TRANSITIONS: Record<TaskState, readonly TaskState[]> = {
  // queued → pushed: a device request answered outside the push order (SPEC 4.4); queued → succeeded: the device
  // informs the target version before its push (nothing left to push).
  queued: ['pending_push', 'pushed', 'succeeded', 'canceled'],
  // A push may have reached the device just before a crash, so its progress or result can arrive while the task
  // still says pending_push (the resend carries the same message id).
  pending_push: ['pushed', 'upgrading', 'succeeded', 'failed', 'canceled'],
  pushed: ['upgrading', 'succeeded', 'failed', 'canceled'],
  upgrading: ['succeeded', 'failed'],
  succeeded: [],
  // A failed attempt with retries left, or a retry asked for by the user.
  failed: ['queued'],
  canceled: [],
};

/** Whether a task may go from one state to another. */
export function canTransitionTask(from: TaskState, to: TaskState): boolean {
  return TASK_TRANSITIONS[from].includes(to);
}

/** The states a task may leave for `to`, for guarded bulk updates (`WHERE state IN (...)`). */
export function taskStatesLeadingTo(to: TaskState): TaskState[] {
  return (Object.keys(TASK_TRANSITIONS) as TaskState[]).filter((from) => canTransitionTask(from, to));
}

/** Whether a task has finished for good (until the user retries a failed one). */
export function isTerminalTaskState(state: TaskState): boolean {
  return (TERMINAL_TASK_STATES as readonly TaskState[]).includes(state);
}

/** Tasks the user may cancel: not yet upgrading. */
export const CANCELABLE_TASK_STATES = taskStatesLeadingTo('canceled');

export const JOB_TRANSITIONS: Record<JobStatus, readonly JobStatus[]> = {
  not_started: ['running'],
  running: ['stopped', 'completed'],
  stopped: ['running'],
  // Retrying failed tasks of a completed job runs it again.
  completed: ['running'],
};

/** Whether a job may go from one status to another. */
export function canTransitionJob(from: JobStatus, to: JobStatus): boolean {
  return JOB_TRANSITIONS[from].includes(to);
}

/** Deleting a job is refused while it runs (SPEC 4.5). */
export function canDeleteJob(status: JobStatus): boolean {
  return status !== 'running';
}

/** What decides whether a running job is done: its method, window and tasks not yet terminal. */
export type JobCompletionFacts = {
  method: UpgradeMethod;
  window: WindowState;
  /** Tasks queued, pending push, pushed or upgrading. */
  activeTasks: number;
};

/**
 * Whether a running job completes (SPEC 4.5): a Snapshot job once every task is terminal, any job whose one-off
 * window has ended once nothing is in flight. An Incremental job inside its schedule stays running until stopped.
 */
export function isJobDone(facts: JobCompletionFacts): boolean {
  return facts.activeTasks === 0 && (facts.method === 'snapshot' || facts.window.kind === 'ended');
}

/** Tasks that a running job cancels when its one-off window has ended: never delivered, they never will be. */
export function tasksCanceledAtWindowEnd(window: WindowState): readonly Extract<TaskState, 'queued' | 'pending_push'>[] {
  return window.kind === 'ended' ? ['queued', 'pending_push'] : [];
}
