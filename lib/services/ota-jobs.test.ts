import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { devices, firmware } from '@/db/schema';
import {
  insertAssetNode,
  insertOu,
  insertTestDevice,
  insertTestFirmware,
  insertTestTree,
  makeActor,
  setupEngineTest,
  type EngineTest,
} from '@/db/testing/ota-fixtures';
import type { AppError } from '@/lib/errors';
import {
  createOtaJob,
  deleteOtaJob,
  getOtaJobDetails,
  getOtaJobFilterOptions,
  getOtaJobLive,
  listOtaJobs,
  listOtaJobSamples,
  previewOtaJobScope,
  startOtaJob,
  stopOtaJob,
} from './ota-jobs';
import {
  cancelOtaTasks,
  exportOtaTasksCsvRows,
  getOtaTaskTimeline,
  listDeviceOtaHistory,
  listFirmwareTaskRecords,
  listOtaTasks,
  retryOtaTasks,
} from './ota-tasks';

const T0 = Date.parse('2030-06-01T00:00:00Z');
const page = { page: 1, pageSize: 20, offset: 0 };
let e: EngineTest;
afterEach(() => e?.cleanup());

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected an error');
}

describe('permissions and OU scoping', () => {
  it('refuses actors without the permission and hides other OUs’ jobs', () => {
    e = setupEngineTest({ start: T0, devices: 2 });
    const job = e.createJob({ startOnCreate: false });
    const viewer = makeActor(e.ou, e.user.id, 'viewer');
    expect(caught(() => createOtaJob({ actor: viewer, input: { name: 'x', firmwareId: e.fw.id, scope: { type: 'all' } } })).code).toBe('FORBIDDEN');
    expect(caught(() => startOtaJob({ actor: viewer, jobId: job.id })).code).toBe('FORBIDDEN');
    expect(caught(() => deleteOtaJob({ actor: viewer, jobId: job.id })).code).toBe('FORBIDDEN');
    expect(listOtaJobs({ actor: viewer, filter: {}, page }).total).toBe(1);

    const stranger = insertOu(e.db, 'Elsewhere').actor;
    for (const call of [
      () => getOtaJobDetails({ actor: stranger, jobId: job.id }),
      () => startOtaJob({ actor: stranger, jobId: job.id }),
      () => stopOtaJob({ actor: stranger, jobId: job.id }),
      () => deleteOtaJob({ actor: stranger, jobId: job.id }),
      () => listOtaTasks({ actor: stranger, jobId: job.id, filter: {}, page }),
      () => cancelOtaTasks({ actor: stranger, jobId: job.id, selection: { all: true } }),
      // Refused at the call, before a response could start streaming.
      () => exportOtaTasksCsvRows({ actor: stranger, jobId: job.id }),
    ]) {
      expect(caught(call).code).toBe('NOT_FOUND');
    }
    expect(listOtaJobs({ actor: stranger, filter: {}, page }).total).toBe(0);
    // Another OU's firmware is simply not a firmware one can choose.
    expect(caught(() => createOtaJob({ actor: stranger, input: { name: 'x', firmwareId: e.fw.id, scope: { type: 'all' } } })).fieldErrors).toEqual({
      firmwareId: ['Choose a firmware'],
    });
  });
});

describe('createOtaJob', () => {
  it('refuses unknown device keys, listing them on scope.deviceKeys', () => {
    e = setupEngineTest({ start: T0, devices: 2 });
    const err = caught(() => e.createJob({ scope: { type: 'devices', deviceKeys: [e.refs[0].deviceKey, 'ghost-1', 'ghost-2'] } }));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.fieldErrors).toEqual({ 'scope.deviceKeys': ['Unknown device keys: ghost-1, ghost-2'] });
  });
  it('refuses an end in the past, and an empty Snapshot', () => {
    e = setupEngineTest({ start: T0, devices: 1 });
    const err = caught(() => e.createJob({ schedule: { start: '2030-05-01T00:00', end: '2030-05-31T23:00', timeZone: 'UTC' } }));
    expect(err.fieldErrors).toEqual({ 'schedule.end': ['The end must be in the future'] });
    expect(caught(() => e.createJob({ fromVersions: ['9.9'] })).fieldErrors).toHaveProperty('scope');
    expect(e.createJob({ fromVersions: ['9.9'], method: 'incremental' }).totalTasks).toBe(0);
  });
  it('stores the strategy, starts upon creation, and keeps counters equal to the tasks', () => {
    e = setupEngineTest({ start: T0, devices: 3 });
    const job = e.createJob({ timeoutMinutes: 30, retryEnabled: true, retryIntervalMinutes: 60, maxRetries: 2, maxConcurrency: 7 });
    expect(job).toMatchObject({
      status: 'running',
      type: 'upgrade',
      timeoutSeconds: 1800,
      retryIntervalSeconds: 3600,
      maxRetries: 2,
      maxConcurrency: 7,
      startedAt: T0,
      totalTasks: 3,
      queuedCount: 3,
    });
    expect(e.counts(job.id).queued).toBe(3);
    const idle = createOtaJob({ actor: e.actor, input: { name: 'Idle', firmwareId: e.fw.id, method: 'incremental', scope: { type: 'all' } } });
    expect(idle.status).toBe('not_started');
  });
});

describe('start, stop, delete', () => {
  it('follows the job state machine and refuses deleting a running job', async () => {
    e = setupEngineTest({ start: T0, devices: 2 });
    const job = e.createJob({ startOnCreate: false });
    expect(caught(() => stopOtaJob({ actor: e.actor, jobId: job.id })).code).toBe('INVALID_TRANSITION');
    startOtaJob({ actor: e.actor, jobId: job.id, now: T0 });
    expect(caught(() => startOtaJob({ actor: e.actor, jobId: job.id })).code).toBe('INVALID_TRANSITION');
    const refused = caught(() => deleteOtaJob({ actor: e.actor, jobId: job.id }));
    expect([refused.code, refused.message]).toEqual(['INVALID_TRANSITION', 'Stop the job before deleting it.']);
    await e.tick();
    stopOtaJob({ actor: e.actor, jobId: job.id, now: T0 });
    expect(getOtaJobDetails({ actor: e.actor, jobId: job.id }).job.status).toBe('stopped');
    deleteOtaJob({ actor: e.actor, jobId: job.id, now: T0 + 5 });
    expect(caught(() => getOtaJobDetails({ actor: e.actor, jobId: job.id })).code).toBe('NOT_FOUND');
    // Its devices are free for another job, and Incremental jobs that skipped them as busy will look at them again.
    expect(previewOtaJobScope({ actor: e.actor, input: { firmwareId: e.fw.id, scope: { type: 'all' } } }).total).toBe(2);
    expect(e.db.select({ at: devices.scopeChangedAt }).from(devices).all()).toEqual([{ at: T0 + 5 }, { at: T0 + 5 }]);
  });
  it('shows "Waiting for window" while running outside its window', () => {
    e = setupEngineTest({ start: T0, devices: 1 });
    const job = e.createJob({ schedule: { start: '2030-06-02T08:00', end: '2030-06-02T09:00', timeZone: 'UTC' } });
    const details = getOtaJobDetails({ actor: e.actor, jobId: job.id, now: T0 });
    expect(details.waitingForWindow).toBe(true);
    expect(details.firmware.version).toBe('2.0');
    expect(getOtaJobDetails({ actor: e.actor, jobId: job.id, now: Date.parse('2030-06-02T08:30:00Z') }).waitingForWindow).toBe(false);
  });
});

describe('cancel and retry', () => {
  it('cancels only queued, pending and pushed tasks; retries only failed ones', async () => {
    e = setupEngineTest({ start: T0, devices: 5 });
    const job = e.createJob({ maxConcurrency: 3 });
    await e.tick();
    await e.progress(e.refs[0], 10); // upgrading
    await e.progress(e.refs[1], -1); // failed
    const tasks = e.tasks(job.id);
    const upgrading = tasks.find((t) => t.state === 'upgrading')!;
    expect(caught(() => cancelOtaTasks({ actor: e.actor, jobId: job.id, selection: { taskIds: [upgrading.id] } })).code).toBe('INVALID_TRANSITION');
    expect(cancelOtaTasks({ actor: e.actor, jobId: job.id, selection: { all: true } })).toEqual({ canceled: 3 });
    expect(e.counts(job.id)).toMatchObject({ upgrading: 1, failed: 1, canceled: 3 });
    const canceled = tasks.find((t) => t.state === 'pushed')!;
    expect(caught(() => retryOtaTasks({ actor: e.actor, jobId: job.id, selection: { taskIds: [canceled.id] } })).message).toBe(
      'Only failed tasks can be retried.',
    );
    expect(retryOtaTasks({ actor: e.actor, jobId: job.id, selection: { all: true }, now: T0 })).toEqual({ retried: 1, skippedBusy: 0 });
    await e.tick();
    const retried = e.tasks(job.id).find((t) => t.deviceId === e.refs[1].deviceId)!;
    expect(retried).toMatchObject({ state: 'pushed', attempt: 2, pushMessageId: `${retried.id}:2` });
    e.counts(job.id);
  });

  it('reopens a completed job when its failed tasks are retried, unless the device is busy elsewhere', async () => {
    e = setupEngineTest({ start: T0, devices: 2 });
    const job = e.createJob();
    await e.tick();
    await e.progress(e.refs[0], -2);
    await e.progress(e.refs[1], -2);
    await e.tick();
    expect(e.job(job.id).status).toBe('completed');
    const other = insertTestFirmware(e.db, { ouId: e.ou.id, productId: e.product.id, version: '3.0' });
    createOtaJob({ actor: e.actor, input: { name: 'Other', firmwareId: other.id, scope: { type: 'devices', deviceKeys: [e.refs[1].deviceKey] } } });
    expect(retryOtaTasks({ actor: e.actor, jobId: job.id, selection: { all: true }, now: T0 })).toEqual({ retried: 1, skippedBusy: 1 });
    expect(e.job(job.id).status).toBe('running');
    e.counts(job.id);
  });
});

describe('read services', () => {
  it('lists tasks, the timeline, the CSV export, device history and firmware records', async () => {
    e = setupEngineTest({ start: T0, devices: 3 });
    const job = e.createJob();
    await e.tick();
    await e.progress(e.refs[0], -9, 'Disk, "full"');
    await e.inform(e.refs[1], '2.0');
    const failedPage = listOtaTasks({ actor: e.actor, jobId: job.id, filter: { state: 'failed' }, page });
    expect(failedPage.total).toBe(1);
    expect(failedPage.rows[0]).toMatchObject({ deviceKey: e.refs[0].deviceKey, failureReason: 'Disk, "full"', attempt: 1 });
    expect(listOtaTasks({ actor: e.actor, jobId: job.id, filter: { deviceKey: '0002' }, page }).rows.map((r) => r.deviceKey)).toEqual([
      e.refs[2].deviceKey,
    ]);
    const timeline = getOtaTaskTimeline({ actor: e.actor, taskId: failedPage.rows[0].id });
    expect(timeline.events.map((ev) => [ev.toState, ev.reason])).toEqual([
      ['queued', 'Added to the job'],
      ['pending_push', 'Admitted under the concurrency limit'],
      ['pushed', 'Upgrade request delivered'],
      ['failed', 'Disk, "full"'],
    ]);
    const csv = [...exportOtaTasksCsvRows({ actor: e.actor, jobId: job.id, pageSize: 2 })];
    expect(csv).toHaveLength(4);
    expect(csv[0]).toBe('Device Key,From Version,To Version,Status,Progress (%),Attempts,Failure Reason,Last Update (UTC)\n');
    expect(csv[1]).toContain(',Failed,,1,"Disk, ""full""",');
    expect(csv[2]).toMatch(/^dev-0001,1\.0\.0,2\.0,Succeeded,100,1,,/);
    expect(listDeviceOtaHistory({ actor: e.actor, deviceId: e.refs[1].deviceId })).toMatchObject([{ jobName: 'Job', state: 'succeeded' }]);
    expect(listFirmwareTaskRecords({ actor: e.actor, firmwareId: e.fw.id, page }).total).toBe(3);
    e.clock.advance(10_000);
    await e.tick();
    expect(listOtaJobSamples({ actor: e.actor, jobId: job.id }).at(-1)).toMatchObject({ succeeded: 1, failed: 1, pushed: 1 });
    expect(listOtaJobs({ actor: e.actor, filter: { status: 'running', q: 'Jo' }, page }).rows).toMatchObject([
      { name: 'Job', firmwareVersion: '2.0', productName: 'P', totalTasks: 3, succeededCount: 1 },
    ]);
  });
});

describe('verification jobs', () => {
  function verificationFirmware(version: string, minVerifySuccesses: number) {
    return insertTestFirmware(e.db, { ouId: e.ou.id, productId: e.product.id, version, status: 'unverified', maxVerifyDevices: 3, minVerifySuccesses });
  }
  const statusOf = (id: number) => e.db.select().from(firmware).where(eq(firmware.id, id)).get()!.status;
  const keys = (n: number) => e.refs.slice(0, n).map((r) => r.deviceKey);

  it('allows only Target Devices up to the firmware’s maximum', () => {
    e = setupEngineTest({ start: T0, devices: 4 });
    const fw = verificationFirmware('2.1', 1);
    expect(caught(() => e.createJob({ firmwareId: fw.id })).fieldErrors).toHaveProperty('scope.type');
    expect(caught(() => e.createJob({ firmwareId: fw.id, scope: { type: 'devices', deviceKeys: keys(4) } })).fieldErrors).toEqual({
      'scope.deviceKeys': ['Choose at most 3 devices for verification'],
    });
    const strict = verificationFirmware('2.2', 2);
    expect(caught(() => e.createJob({ firmwareId: strict.id, scope: { type: 'devices', deviceKeys: keys(1) } })).fieldErrors).toEqual({
      'scope.deviceKeys': ['Choose at least 2 devices: verifying this firmware needs 2 successes'],
    });
    const job = e.createJob({ firmwareId: fw.id, scope: { type: 'devices', deviceKeys: keys(3) } });
    expect(job.type).toBe('verification');
    expect(statusOf(fw.id)).toBe('verifying');
    // While verifying, no other job can be created for it.
    expect(caught(() => e.createJob({ firmwareId: fw.id, scope: { type: 'devices', deviceKeys: keys(1) } })).code).toBe('INVALID_INPUT');
  });

  it('refuses a verification job whose eligible devices are fewer than "Min Successes to Verify", writing nothing', () => {
    e = setupEngineTest({ start: T0, devices: 2 });
    const fw = verificationFirmware('2.1', 2);
    insertTestDevice(e.db, { ouId: e.ou.id, productId: e.product.id, deviceKey: 'inv-0099', version: null });
    e.createJob({ name: 'Busy', scope: { type: 'devices', deviceKeys: [e.refs[1].deviceKey] } });
    const err = caught(() => e.createJob({ firmwareId: fw.id, scope: { type: 'devices', deviceKeys: ['inv-0099', e.refs[0].deviceKey] } }));
    expect([err.code, err.fieldErrors]).toEqual([
      'INVALID_INPUT',
      { 'scope.deviceKeys': ['Only 1 of these devices can be verified (inv-0099 has not reported a version); "Min Successes to Verify" is 2'] },
    ]);
    const two = caught(() => e.createJob({ firmwareId: fw.id, scope: { type: 'devices', deviceKeys: [e.refs[1].deviceKey, 'inv-0099'] } }));
    expect(two.fieldErrors).toEqual({
      'scope.deviceKeys': [
        `Only 0 of these devices can be verified (${e.refs[1].deviceKey} in an active task of another job; inv-0099 has not reported a version); "Min Successes to Verify" is 2`,
      ],
    });
    expect(listOtaJobs({ actor: e.actor, filter: { firmwareId: fw.id }, page }).total).toBe(0);
    expect(statusOf(fw.id)).toBe('unverified');
    expect(listOtaJobs({ actor: e.actor, filter: {}, page }).rows.map((r) => r.name)).toEqual(['Busy']);
  });

  it('verifies the firmware at the minimum number of successes', async () => {
    e = setupEngineTest({ start: T0, devices: 3 });
    const fw = verificationFirmware('2.1', 2);
    e.createJob({ firmwareId: fw.id, scope: { type: 'devices', deviceKeys: keys(3) } });
    await e.tick();
    await e.inform(e.refs[0], '2.1');
    expect(statusOf(fw.id)).toBe('verifying');
    await e.progress(e.refs[1], -3);
    await e.inform(e.refs[2], '2.1');
    expect(statusOf(fw.id)).toBe('verified');
  });

  it('fails verification when the job ends, or is stopped, with fewer successes', async () => {
    e = setupEngineTest({ start: T0, devices: 4 });
    const fw = verificationFirmware('2.1', 2);
    const job = e.createJob({ firmwareId: fw.id, scope: { type: 'devices', deviceKeys: keys(2) } });
    await e.tick();
    await e.inform(e.refs[0], '2.1');
    await e.progress(e.refs[1], -1);
    expect(e.job(job.id).status).toBe('completed');
    expect(statusOf(fw.id)).toBe('verification_failed');

    const fw2 = verificationFirmware('2.2', 1);
    const job2 = e.createJob({ firmwareId: fw2.id, scope: { type: 'devices', deviceKeys: [e.refs[2].deviceKey] } });
    stopOtaJob({ actor: e.actor, jobId: job2.id });
    expect(statusOf(fw2.id)).toBe('verification_failed');
    // Verify again: restarting the job puts the firmware back in Verifying.
    startOtaJob({ actor: e.actor, jobId: job2.id });
    expect(statusOf(fw2.id)).toBe('verifying');
  });
  it('is always a Snapshot job, which completes when its tasks end and settles the firmware', async () => {
    e = setupEngineTest({ start: T0, devices: 2 });
    const fw = verificationFirmware('2.1', 2);
    const incremental = caught(() => e.createJob({ firmwareId: fw.id, method: 'incremental', scope: { type: 'devices', deviceKeys: keys(2) } }));
    expect(incremental.fieldErrors).toEqual({ method: ['A verification job is Snapshot: it upgrades the chosen devices only'] });
    expect(statusOf(fw.id)).toBe('unverified');
    const job = e.createJob({ firmwareId: fw.id, scope: { type: 'devices', deviceKeys: keys(2) } });
    expect(job.method).toBe('snapshot');
    await e.tick();
    await e.inform(e.refs[0], '2.1');
    await e.inform(e.refs[1], '2.1');
    expect(e.job(job.id).status).toBe('completed');
    expect(statusOf(fw.id)).toBe('verified');
  });

  describe('one verification job runs at a time, only while the firmware is Unverified or Verification Failed', () => {
    const verify = (fwId: number, key: string, startOnCreate = true) =>
      e.createJob({ name: `V ${key}`, firmwareId: fwId, startOnCreate, scope: { type: 'devices', deviceKeys: [key] } });
    const refusal = (fn: () => unknown) => {
      const err = caught(fn);
      return [err.code, err.message];
    };
    const otherRuns = (name: string) => ['CONFLICT', `Another verification job of this firmware ("${name}") is running: stop it first.`];

    it('verifies again with a new job once the first was stopped', async () => {
      e = setupEngineTest({ start: T0, devices: 2 });
      const fw = verificationFirmware('2.1', 1);
      const first = verify(fw.id, keys(1)[0]);
      stopOtaJob({ actor: e.actor, jobId: first.id });
      expect(statusOf(fw.id)).toBe('verification_failed');
      const second = verify(fw.id, e.refs[1].deviceKey);
      expect(e.job(second.id).status).toBe('running');
      expect(statusOf(fw.id)).toBe('verifying');
      await e.tick();
      await e.inform(e.refs[1], '2.1');
      expect(statusOf(fw.id)).toBe('verified');
    });

    it('refuses to start a verification job while another of the firmware runs, and changes nothing', () => {
      e = setupEngineTest({ start: T0, devices: 2 });
      const fw = verificationFirmware('2.1', 1);
      const idle = verify(fw.id, e.refs[0].deviceKey, false);
      const running = verify(fw.id, e.refs[1].deviceKey);
      expect(refusal(() => startOtaJob({ actor: e.actor, jobId: idle.id }))).toEqual(otherRuns(running.name));
      expect(e.job(idle.id).status).toBe('not_started');
      // Creating one that starts upon creation is refused too: the firmware is being verified.
      expect(caught(() => verify(fw.id, e.refs[0].deviceKey)).fieldErrors).toEqual({
        firmwareId: ['This firmware is being verified; wait for its verification job to end'],
      });
      stopOtaJob({ actor: e.actor, jobId: running.id });
      startOtaJob({ actor: e.actor, jobId: idle.id });
      expect([e.job(idle.id).status, statusOf(fw.id)]).toEqual(['running', 'verifying']);
    });

    it('refuses a retry that would reopen a completed verification job next to a running one', async () => {
      e = setupEngineTest({ start: T0, devices: 2 });
      const fw = verificationFirmware('2.1', 1);
      const first = verify(fw.id, e.refs[0].deviceKey);
      await e.tick();
      await e.progress(e.refs[0], -1);
      expect([e.job(first.id).status, statusOf(fw.id)]).toEqual(['completed', 'verification_failed']);
      const second = verify(fw.id, e.refs[1].deviceKey);
      const failed = e.tasks(first.id)[0];
      for (const selection of [{ taskIds: [failed.id] }, { all: true as const }]) {
        expect(refusal(() => retryOtaTasks({ actor: e.actor, jobId: first.id, selection }))).toEqual(otherRuns(second.name));
      }
      expect([e.job(first.id).status, e.tasks(first.id)[0].state]).toEqual(['completed', 'failed']);
      // The first job cannot settle the firmware under the second: the second decides.
      await e.tick();
      await e.inform(e.refs[1], '2.1');
      expect(statusOf(fw.id)).toBe('verified');
      e.counts(first.id);
    });

    it('refuses to start or reopen a verification job once its firmware is Verified', async () => {
      e = setupEngineTest({ start: T0, devices: 3 });
      const fw = verificationFirmware('2.1', 1);
      const first = verify(fw.id, e.refs[0].deviceKey);
      await e.tick();
      await e.progress(e.refs[0], -1);
      const second = verify(fw.id, e.refs[1].deviceKey, false);
      const third = verify(fw.id, e.refs[2].deviceKey, false);
      startOtaJob({ actor: e.actor, jobId: second.id });
      await e.tick();
      await e.inform(e.refs[1], '2.1');
      expect([e.job(second.id).status, statusOf(fw.id)]).toEqual(['completed', 'verified']);
      const verified = ['CONFLICT', 'This firmware is already Verified: it needs no more verification.'];
      expect(refusal(() => startOtaJob({ actor: e.actor, jobId: third.id }))).toEqual(verified);
      expect(refusal(() => retryOtaTasks({ actor: e.actor, jobId: first.id, selection: { all: true } }))).toEqual(verified);
      expect([e.job(first.id).status, e.job(third.id).status, statusOf(fw.id)]).toEqual(['completed', 'not_started', 'verified']);
    });

    it('keeps the firmware Verification Failed when a device of the stopped job succeeds afterwards', async () => {
      e = setupEngineTest({ start: T0, devices: 1 });
      const fw = verificationFirmware('2.1', 1);
      const job = verify(fw.id, e.refs[0].deviceKey);
      await e.tick();
      stopOtaJob({ actor: e.actor, jobId: job.id });
      await e.inform(e.refs[0], '2.1');
      expect(e.tasks(job.id)[0].state).toBe('succeeded');
      expect(statusOf(fw.id)).toBe('verification_failed');
    });
  });
});

describe('what the console pages read', () => {
  it('gives the live counters with a version that changes with task states, not with progress', async () => {
    e = setupEngineTest({ start: T0, devices: 3 });
    const job = e.createJob({ maxConcurrency: 2 });
    const viewer = makeActor(e.ou, e.user.id, 'viewer');
    const before = getOtaJobLive({ actor: viewer, jobId: job.id, now: T0 });
    expect(before).toMatchObject({ status: 'running', total: 3, counts: { queued: 3, pending_push: 0 }, waitingForWindow: false });
    await e.tick();
    const pushed = getOtaJobLive({ actor: viewer, jobId: job.id, now: T0 });
    expect(pushed.counts).toMatchObject({ queued: 1, pushed: 2 });
    expect(pushed.version).not.toBe(before.version);
    await e.progress(e.refs[0], 10);
    const upgrading = getOtaJobLive({ actor: viewer, jobId: job.id, now: T0 });
    expect(upgrading.counts).toMatchObject({ pushed: 1, upgrading: 1 });
    expect(upgrading.version).not.toBe(pushed.version);
    // Progress within Upgrading moves no counter: the device table's page refetches on its own while it shows such rows.
    await e.progress(e.refs[0], 70);
    expect(getOtaJobLive({ actor: viewer, jobId: job.id, now: T0 }).version).toBe(upgrading.version);
    expect(caught(() => getOtaJobLive({ actor: insertOu(e.db, 'Elsewhere').actor, jobId: job.id })).code).toBe('NOT_FOUND');
  });

  it('says when the next window opens, in the list and the live counters', () => {
    e = setupEngineTest({ start: T0, devices: 1 });
    const job = e.createJob({ schedule: { start: '2030-06-02T08:00', end: '2030-06-02T09:00', timeZone: 'UTC' } });
    expect(getOtaJobLive({ actor: e.actor, jobId: job.id, now: T0 })).toMatchObject({
      waitingForWindow: true,
      opensAt: Date.parse('2030-06-02T08:00:00Z'),
    });
    expect(listOtaJobs({ actor: e.actor, filter: {}, page, now: T0 }).rows[0].waitingForWindow).toBe(true);
    expect(listOtaJobs({ actor: e.actor, filter: {}, page, now: Date.parse('2030-06-02T08:30:00Z') }).rows[0].waitingForWindow).toBe(false);
  });

  it('offers the firmware that has jobs and the products of the OU as list filters', () => {
    e = setupEngineTest({ start: T0, devices: 1 });
    insertTestFirmware(e.db, { ouId: e.ou.id, productId: e.product.id, version: '9.9' });
    e.createJob({ startOnCreate: false });
    expect(getOtaJobFilterOptions({ actor: e.actor })).toEqual({
      firmware: [{ id: e.fw.id, name: 'Firmware 2.0', version: '2.0' }],
      products: [{ id: e.product.id, name: 'P' }],
    });
    expect(getOtaJobFilterOptions({ actor: insertOu(e.db, 'Elsewhere').actor })).toEqual({ firmware: [], products: [] });
  });

  it('names the asset trees and nodes of a By Asset Tree scope', () => {
    e = setupEngineTest({ start: T0, devices: 2 });
    const tree = insertTestTree(e.db, e.ou.id, 'Plant');
    const site = insertAssetNode(e.db, tree, null, { name: 'Site A', kind: 'asset' });
    insertAssetNode(e.db, tree, site, { name: e.refs[0].deviceKey, kind: 'device', deviceId: e.refs[0].deviceId });
    const job = e.createJob({ scope: { type: 'asset_tree', trees: [{ treeId: tree.id, nodeIds: [site.id] }] } });
    expect(getOtaJobDetails({ actor: e.actor, jobId: job.id }).scopeNodes).toEqual([
      { id: site.id, treeId: tree.id, name: 'Site A', treeName: 'Plant' },
    ]);
  });

  it('cancels every task of one state only when asked for one tab', async () => {
    e = setupEngineTest({ start: T0, devices: 4 });
    const job = e.createJob({ maxConcurrency: 2 });
    await e.tick();
    expect(e.counts(job.id)).toMatchObject({ queued: 2, pushed: 2 });
    expect(cancelOtaTasks({ actor: e.actor, jobId: job.id, selection: { all: true, state: 'queued' } })).toEqual({ canceled: 2 });
    expect(e.counts(job.id)).toMatchObject({ queued: 0, pushed: 2, canceled: 2 });
    expect(retryOtaTasks({ actor: e.actor, jobId: job.id, selection: { all: true, state: 'queued' } })).toEqual({ retried: 0, skippedBusy: 0 });
  });

  it('refuses every control to a Viewer and changes nothing', async () => {
    e = setupEngineTest({ start: T0, devices: 2 });
    const job = e.createJob({ maxConcurrency: 1 });
    await e.tick();
    await e.progress(e.refs[0], -1);
    const viewer = makeActor(e.ou, e.user.id, 'viewer');
    const before = { job: e.job(job.id), tasks: e.tasks(job.id) };
    const failed = before.tasks.find((t) => t.state === 'failed')!;
    const queued = before.tasks.find((t) => t.state === 'queued')!;
    for (const call of [
      () => startOtaJob({ actor: viewer, jobId: job.id }),
      () => stopOtaJob({ actor: viewer, jobId: job.id }),
      () => deleteOtaJob({ actor: viewer, jobId: job.id }),
      () => cancelOtaTasks({ actor: viewer, jobId: job.id, selection: { taskIds: [queued.id] } }),
      () => cancelOtaTasks({ actor: viewer, jobId: job.id, selection: { all: true } }),
      () => retryOtaTasks({ actor: viewer, jobId: job.id, selection: { taskIds: [failed.id] } }),
      () => retryOtaTasks({ actor: viewer, jobId: job.id, selection: { all: true } }),
    ]) {
      expect(caught(call).code).toBe('FORBIDDEN');
    }
    expect({ job: e.job(job.id), tasks: e.tasks(job.id) }).toEqual(before);
  });
});
