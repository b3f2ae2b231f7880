import { describe, expect, it } from 'vitest';
import { TASK_STATES } from './states';
import {
  CANCELABLE_TASK_STATES,
  canDeleteJob,
  canTransitionJob,
  canTransitionTask,
  isJobDone,
  isTerminalTaskState,
  tasksCanceledAtWindowEnd,
} from './transitions';

describe('task transitions', () => {
  it('lets nothing leave succeeded or canceled, and failed only back to queued', () => {
    for (const to of TASK_STATES) {
      expect(canTransitionTask('succeeded', to)).toBe(false);
      expect(canTransitionTask('canceled', to)).toBe(false);
      expect(canTransitionTask('failed', to)).toBe(to === 'queued');
    }
  });
  it('never moves a task backwards in the push order', () => {
    expect(canTransitionTask('upgrading', 'pushed')).toBe(false);
    expect(canTransitionTask('upgrading', 'pending_push')).toBe(false);
    expect(canTransitionTask('pushed', 'pending_push')).toBe(false);
    expect(canTransitionTask('pushed', 'queued')).toBe(false);
  });
  it('allows cancel only while queued, pending push or pushed', () => {
    expect(CANCELABLE_TASK_STATES.sort()).toEqual(['pending_push', 'pushed', 'queued']);
  });
  it('knows the terminal states', () => {
    expect(TASK_STATES.filter(isTerminalTaskState)).toEqual(['succeeded', 'failed', 'canceled']);
  });
});

describe('job transitions', () => {
  it('starts, stops, restarts, completes only from running, and reopens for a retry', () => {
    expect(canTransitionJob('not_started', 'running')).toBe(true);
    expect(canTransitionJob('running', 'stopped')).toBe(true);
    expect(canTransitionJob('stopped', 'running')).toBe(true);
    expect(canTransitionJob('running', 'completed')).toBe(true);
    expect(canTransitionJob('stopped', 'completed')).toBe(false);
    expect(canTransitionJob('completed', 'running')).toBe(true);
    expect(canTransitionJob('completed', 'stopped')).toBe(false);
    expect(canTransitionJob('not_started', 'stopped')).toBe(false);
  });
  it('refuses deleting a running job only', () => {
    expect(canDeleteJob('running')).toBe(false);
    expect(['not_started', 'stopped', 'completed'].every((s) => canDeleteJob(s as 'stopped'))).toBe(true);
  });
});

describe('job completion', () => {
  const open = { kind: 'open', closesAt: null } as const;
  const waiting = { kind: 'waiting', opensAt: 5 } as const;
  const ended = { kind: 'ended' } as const;
  it('completes a Snapshot job once every task is terminal, whatever its window', () => {
    for (const window of [open, waiting, ended]) {
      expect(isJobDone({ method: 'snapshot', window, activeTasks: 0 })).toBe(true);
      expect(isJobDone({ method: 'snapshot', window, activeTasks: 1 })).toBe(false);
    }
  });
  it('keeps an Incremental job running until its one-off window has ended with nothing in flight', () => {
    expect(isJobDone({ method: 'incremental', window: open, activeTasks: 0 })).toBe(false);
    expect(isJobDone({ method: 'incremental', window: waiting, activeTasks: 0 })).toBe(false);
    expect(isJobDone({ method: 'incremental', window: ended, activeTasks: 1 })).toBe(false);
    expect(isJobDone({ method: 'incremental', window: ended, activeTasks: 0 })).toBe(true);
  });
  it('cancels only undelivered tasks, and only once the one-off window has ended', () => {
    expect(tasksCanceledAtWindowEnd(ended)).toEqual(['queued', 'pending_push']);
    expect(tasksCanceledAtWindowEnd(open)).toEqual([]);
    expect(tasksCanceledAtWindowEnd(waiting)).toEqual([]);
  });
});
