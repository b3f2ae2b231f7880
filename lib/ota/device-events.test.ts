import { describe, expect, it } from 'vitest';
import { decideDeviceRequest, readProgressStep, successOnInform, type DeviceRequestContext } from './device-events';

describe('readProgressStep', () => {
  it('reads percent and the failure reasons of SPEC 6.3', () => {
    expect(readProgressStep(40, '')).toEqual({ kind: 'progress', percent: 40 });
    expect(readProgressStep(-1, 'x')).toEqual({ kind: 'failure', reason: 'Upgrade failed' });
    expect(readProgressStep(-2, '')).toEqual({ kind: 'failure', reason: 'Download failed' });
    expect(readProgressStep(-3, '')).toEqual({ kind: 'failure', reason: 'Verification failed' });
    expect(readProgressStep(-4, '')).toEqual({ kind: 'failure', reason: 'Flash write failed' });
    expect(readProgressStep(-5, '')).toEqual({ kind: 'failure', reason: 'Rejected by device' });
    expect(readProgressStep(-17, 'Battery too low')).toEqual({ kind: 'failure', reason: 'Battery too low' });
  });
});

describe('successOnInform', () => {
  it('succeeds every active task on the target version, one still waiting for its push too', () => {
    for (const state of ['pending_push', 'pushed', 'upgrading'] as const) {
      expect(successOnInform({ state, toVersion: '2.0' }, '2.0')).toBe('Device reported version 2.0');
    }
    expect(successOnInform({ state: 'queued', toVersion: '2.0' }, '2.0')).toBe('Device reported the target version before its push');
  });
  it('changes nothing on another version or a finished task', () => {
    expect(successOnInform({ state: 'pushed', toVersion: '2.0' }, '1.0')).toBeNull();
    expect(successOnInform({ state: 'queued', toVersion: '2.0' }, '2.0.1')).toBeNull();
    for (const state of ['succeeded', 'failed', 'canceled'] as const) expect(successOnInform({ state, toVersion: '2.0' }, '2.0')).toBeNull();
  });
});

describe('decideDeviceRequest', () => {
  const ctx: DeviceRequestContext = {
    jobStatus: 'running',
    deviceRequestEnabled: true,
    inWindow: true,
    maxConcurrency: 2,
    counted: { pendingPush: 0, pushed: 1 },
    taskState: 'queued',
  };
  it('answers a queued task with the firmware under the limit and makes it Pushed', () => {
    expect(decideDeviceRequest(ctx)).toEqual({ answer: 'firmware', toPushed: true });
  });
  it('answers nothing when off, stopped, outside the window, or at the limit', () => {
    expect(decideDeviceRequest({ ...ctx, deviceRequestEnabled: false })).toEqual({ answer: 'nothing' });
    expect(decideDeviceRequest({ ...ctx, jobStatus: 'stopped' })).toEqual({ answer: 'nothing' });
    expect(decideDeviceRequest({ ...ctx, inWindow: false })).toEqual({ answer: 'nothing' });
    expect(decideDeviceRequest({ ...ctx, counted: { pendingPush: 1, pushed: 1 } })).toEqual({ answer: 'nothing' });
  });
  it('lets an admitted task use its own slot, and re-offers a delivered one without a transition', () => {
    const full = { ...ctx, counted: { pendingPush: 1, pushed: 1 } };
    expect(decideDeviceRequest({ ...full, taskState: 'pending_push' })).toEqual({ answer: 'firmware', toPushed: true });
    expect(decideDeviceRequest({ ...full, taskState: 'pushed' })).toEqual({ answer: 'firmware', toPushed: false });
    expect(decideDeviceRequest({ ...full, taskState: 'succeeded' })).toEqual({ answer: 'nothing' });
  });
});
