/**
 * "Upgrade Strategy" decisions (SPEC 4.4): concurrency, timeout and retry. Times are epoch milliseconds.
 */

export type RetryStrategy = { retryEnabled: boolean; retryIntervalSeconds: number; maxRetries: number };

/** Admission slots left: only Pending Push and Pushed tasks count against the limit; Upgrading ones do not. */
export function freeSlots(maxConcurrency: number, counted: { pendingPush: number; pushed: number }): number {
  return Math.max(0, maxConcurrency - counted.pendingPush - counted.pushed);
}

/** When a pushed task times out: "Upgrade Timeout" after the push (progress reports do not extend it). */
export function pushDeadline(pushedAt: number, timeoutSeconds: number): number {
  return pushedAt + timeoutSeconds * 1000;
}

/**
 * Attempts a task may make in all. "Max Retry Attempts" counts retries after the first attempt, so a job with
 * retry on and 2 retries pushes a device at most 3 times; with retry off, once.
 */
export function maxAttempts(strategy: Pick<RetryStrategy, 'retryEnabled' | 'maxRetries'>): number {
  return strategy.retryEnabled ? 1 + strategy.maxRetries : 1;
}

/**
 * The id of a task's push for one attempt, "{taskId}:{attempt}": recorded before sending and reused by a resend, so a
 * device can tell a resend of the same attempt from a new one.
 */
export function pushMessageId(taskId: number, attempt: number): string {
  return `${taskId}:${attempt}`;
}

export type FailureDecision = { kind: 'retry'; at: number } | { kind: 'final' };

/** After attempt `attempt` failed at `failedAt`: queue it again after the retry interval, or fail for good. */
export function decideAfterFailure(strategy: RetryStrategy, attempt: number, failedAt: number): FailureDecision {
  if (attempt < maxAttempts(strategy)) return { kind: 'retry', at: failedAt + strategy.retryIntervalSeconds * 1000 };
  return { kind: 'final' };
}
