import { describe, expect, it } from 'vitest';
import { decideAfterFailure, freeSlots, maxAttempts, pushDeadline, pushMessageId } from './strategy';

describe('strategy', () => {
  it('counts only Pending Push and Pushed against the limit', () => {
    expect(freeSlots(3, { pendingPush: 1, pushed: 1 })).toBe(1);
    expect(freeSlots(3, { pendingPush: 2, pushed: 2 })).toBe(0);
  });
  it('names a push after its task and attempt', () => {
    expect(pushMessageId(42, 1)).toBe('42:1');
    expect(pushMessageId(42, 3)).toBe('42:3');
  });
  it('measures the timeout from the push', () => {
    expect(pushDeadline(1_000, 300)).toBe(301_000);
  });
  it('allows 1 + Max Retry Attempts attempts when retry is on, else one', () => {
    expect(maxAttempts({ retryEnabled: false, maxRetries: 5 })).toBe(1);
    expect(maxAttempts({ retryEnabled: true, maxRetries: 2 })).toBe(3);
  });
  it('queues a failed attempt again after the interval until the attempts are used up', () => {
    const s = { retryEnabled: true, retryIntervalSeconds: 600, maxRetries: 2 };
    expect(decideAfterFailure(s, 1, 5_000)).toEqual({ kind: 'retry', at: 605_000 });
    expect(decideAfterFailure(s, 2, 5_000)).toEqual({ kind: 'retry', at: 605_000 });
    expect(decideAfterFailure(s, 3, 5_000)).toEqual({ kind: 'final' });
    expect(decideAfterFailure({ ...s, retryEnabled: false }, 1, 5_000)).toEqual({ kind: 'final' });
  });
});
