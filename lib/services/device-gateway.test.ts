import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { eq } from 'drizzle-orm';
import { firmware } from '@/db/schema';
import { getDeviceInOu } from '@/db/queries/devices';
import { listTaskEvents } from '@/db/queries/ota-tasks';
import { insertOu, insertTestDevice, insertTestProduct, setupEngineTest, type EngineTest } from '@/db/testing/ota-fixtures';
import { verifyDownload } from '@/lib/firmware/download-url';
import type { FirmwareOffer } from '@/lib/transport/types';
import { cancelOtaTasks } from './ota-tasks';
import { startOtaJob, stopOtaJob } from './ota-jobs';

const T0 = Date.parse('2030-06-01T00:00:00Z');
const MINUTE = 60_000;
let e: EngineTest;
afterEach(() => e?.cleanup());

const offersOf = (reply: { code: number } & ({ data: unknown } | { message: string })) => ('data' in reply ? (reply.data as FirmwareOffer[]) : null);

describe('device request', () => {
  it('is answered with the firmware when allowed and under the limit, and the task becomes Pushed', async () => {
    e = setupEngineTest({ start: T0, devices: 3, online: false });
    e.db.update(firmware).set({ description: 'Fixes MPPT drift' }).where(eq(firmware.id, e.fw.id)).run();
    const job = e.createJob({ deviceRequestEnabled: true, maxConcurrency: 2 });
    const offers = offersOf(await e.request(e.refs[0]))!;
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ version: '2.0', signMethod: 'sha256', fileSize: 1024, description: 'Fixes MPPT drift' });
    const url = new URL(offers[0].fileUrl);
    expect(
      verifyDownload('offer-secret-offer-secret', {
        firmwareId: e.fw.id,
        device: url.searchParams.get('device'),
        task: url.searchParams.get('task'),
        expires: url.searchParams.get('expires'),
        sig: url.searchParams.get('sig'),
      }, T0).ok,
    ).toBe(true);
    expect(url.searchParams.get('task')).toBe(String(e.tasks(job.id)[0].id));
    expect(e.tasks(job.id)[0]).toMatchObject({ state: 'pushed', origin: 'request', attempt: 1, pushedAt: T0 });
    expect(offersOf(await e.request(e.refs[1]))).toHaveLength(1);
    // At the limit (two Pushed): nothing for the third device.
    expect(offersOf(await e.request(e.refs[2]))).toEqual([]);
    expect(e.counts(job.id)).toMatchObject({ pushed: 2, queued: 1 });
    // An Upgrading task frees its slot.
    await e.progress(e.refs[0], 10);
    expect(offersOf(await e.request(e.refs[2]))).toHaveLength(1);
  });

  it('is answered with nothing when the toggle is off, the job is not running, or outside the window', async () => {
    e = setupEngineTest({ start: T0, devices: 4, online: false });
    const off = e.createJob({ deviceRequestEnabled: false, scope: { type: 'devices', deviceKeys: [e.refs[0].deviceKey] } });
    expect(offersOf(await e.request(e.refs[0]))).toEqual([]);
    const zone = 'UTC';
    const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
    const later = e.createJob({
      deviceRequestEnabled: true,
      scope: { type: 'devices', deviceKeys: [e.refs[1].deviceKey, e.refs[3].deviceKey] },
      schedule: { start: local(T0 + 60 * MINUTE), end: local(T0 + 120 * MINUTE), timeZone: zone },
    });
    // Not started, then stopped: nothing either.
    const idle = e.createJob({ deviceRequestEnabled: true, startOnCreate: false, scope: { type: 'devices', deviceKeys: [e.refs[2].deviceKey] } });
    expect(offersOf(await e.request(e.refs[2]))).toEqual([]);
    startOtaJob({ actor: e.actor, jobId: idle.id, now: e.clock.now() });
    stopOtaJob({ actor: e.actor, jobId: idle.id, now: e.clock.now() });
    expect(offersOf(await e.request(e.refs[2]))).toEqual([]);
    // Before the window, inside it, after it.
    expect(offersOf(await e.request(e.refs[1]))).toEqual([]);
    e.clock.advance(60 * MINUTE);
    expect(offersOf(await e.request(e.refs[1]))).toHaveLength(1);
    e.clock.advance(61 * MINUTE);
    expect(offersOf(await e.request(e.refs[3]))).toEqual([]);
    expect(e.counts(off.id).queued).toBe(1);
    expect(e.counts(later.id)).toMatchObject({ pushed: 1, queued: 1 });
    expect(e.counts(idle.id)).toMatchObject({ queued: 1, pushed: 0 });
    // A device with no task at all gets an empty list too.
    const d = insertTestDevice(e.db, { ouId: e.ou.id, productId: e.product.id, deviceKey: 'lonely' });
    expect(offersOf(await e.request({ ouId: e.ou.id, deviceId: d.id, productKey: 'P', deviceKey: 'lonely' }))).toEqual([]);
  });
});

describe('progress and results', () => {
  it('moves pushed → upgrading → succeeded, recording the timeline with times and reasons', async () => {
    e = setupEngineTest({ start: T0, devices: 1 });
    const job = e.createJob();
    await e.tick();
    e.clock.advance(1000);
    expect(await e.progress(e.refs[0], 40, 'downloading')).toEqual({ code: 200, data: {} });
    e.clock.advance(1000);
    await e.progress(e.refs[0], 100, 'installed');
    e.clock.advance(1000);
    await e.inform(e.refs[0], '2.0');
    const [task] = e.tasks(job.id);
    expect(task).toMatchObject({ state: 'succeeded', progress: 100, finishedAt: T0 + 3000 });
    expect(listTaskEvents(e.db, task.id).map((ev) => [ev.fromState, ev.toState, ev.at, ev.attempt, ev.reason, ev.progress])).toEqual([
      ['queued', 'pending_push', T0, 1, 'Admitted under the concurrency limit', null],
      ['pending_push', 'pushed', T0, 1, 'Upgrade request delivered', null],
      ['pushed', 'upgrading', T0 + 1000, 1, 'Device reported progress', 40],
      ['upgrading', 'succeeded', T0 + 3000, 1, 'Device reported version 2.0', 100],
    ]);
    expect(e.job(job.id).status).toBe('completed');
  });

  it('fails with the reason of each negative step', async () => {
    const cases: [number, string, string][] = [
      // From -1 to -5 the reason comes from the step, whatever the device's text says.
      [-1, 'x', 'Upgrade failed'],
      [-2, 'dl err 7', 'Download failed'],
      [-3, '', 'Verification failed'],
      [-4, 'Upgrade failed', 'Flash write failed'],
      [-5, 'busy', 'Rejected by device'],
      [-9, 'Battery too low', 'Battery too low'],
    ];
    e = setupEngineTest({ start: T0, devices: cases.length });
    const job = e.createJob();
    await e.tick();
    for (const [i, [step, desc]] of cases.entries()) await e.progress(e.refs[i], step, desc);
    expect(e.tasks(job.id).map((t) => [t.state, t.failureReason])).toEqual(cases.map(([, , reason]) => ['failed', reason]));
    // A failed task stays failed whatever the device says later.
    await e.progress(e.refs[0], 50);
    await e.inform(e.refs[0], '2.0');
    expect(e.tasks(job.id)[0]).toMatchObject({ state: 'failed', failureReason: 'Upgrade failed' });
  });

  it('never moves a task backwards or out of a terminal state on late, duplicate or out-of-order events', async () => {
    e = setupEngineTest({ start: T0, devices: 4 });
    const job = e.createJob({ timeoutMinutes: 5, retryEnabled: true, retryIntervalMinutes: 10, maxRetries: 1 });
    await e.tick();
    const [done, failed, canceled, retrying] = e.refs;
    // done: succeeds, then hears its own late progress and failure.
    await e.progress(done, 50);
    await e.inform(done, '2.0');
    expect(await e.progress(done, 80)).toMatchObject({ code: 404 });
    expect(await e.progress(done, -2)).toMatchObject({ code: 404 });
    await e.inform(done, '2.0');
    // failed: rejected, then a late success-looking progress.
    await e.progress(failed, -5);
    // canceled while pushed, then the device still reports.
    const canceledTask = e.tasks(job.id).find((t) => t.deviceId === canceled.deviceId)!;
    cancelOtaTasks({ actor: e.actor, jobId: job.id, selection: { taskIds: [canceledTask.id] }, now: e.clock.now() });
    expect(await e.progress(canceled, 30)).toMatchObject({ code: 404 });
    await e.inform(canceled, '2.0');
    // retrying: times out, is queued for a retry; its first attempt's late progress arrives.
    await e.progress(failed, 40);
    e.clock.advance(5 * MINUTE);
    await e.tick();
    const before = e.tasks(job.id).find((t) => t.deviceId === retrying.deviceId)!;
    expect(before).toMatchObject({ state: 'queued', attempt: 1 });
    expect(await e.progress(retrying, 60)).toMatchObject({ code: 404 });

    const byDevice = new Map(e.tasks(job.id).map((t) => [t.deviceId, t]));
    expect(byDevice.get(done.deviceId)).toMatchObject({ state: 'succeeded', progress: 100 });
    expect(byDevice.get(failed.deviceId)).toMatchObject({ state: 'queued', failureReason: 'Rejected by device' });
    expect(byDevice.get(canceled.deviceId)).toMatchObject({ state: 'canceled' });
    expect(byDevice.get(retrying.deviceId)).toMatchObject({ state: 'queued', progress: null });
    // The devices' versions are still recorded.
    const events = listTaskEvents(e.db, byDevice.get(done.deviceId)!.id);
    expect(events.map((ev) => ev.toState)).toEqual(['pending_push', 'pushed', 'upgrading', 'succeeded']);
    // The job's counters still match its tasks (counts throws otherwise).
    expect(e.counts(job.id)).toMatchObject({ succeeded: 1, queued: 2, canceled: 1, pushed: 0, upgrading: 0, failed: 0 });
  });

  it('succeeds a task still waiting for its push when the device informs the target version, and never pushes it', async () => {
    e = setupEngineTest({ start: T0, devices: 3, online: false });
    const job = e.createJob({ maxConcurrency: 1 });
    await e.tick();
    const [pending, queued, other] = e.refs;
    expect(e.counts(job.id)).toMatchObject({ pending_push: 1, queued: 2 });
    await e.inform(queued, '2.0');
    await e.inform(pending, '2.0');
    await e.inform(other, '1.1');
    const byDevice = new Map(e.tasks(job.id).map((t) => [t.deviceId, t]));
    expect(byDevice.get(queued.deviceId)).toMatchObject({ state: 'succeeded', finishedAt: T0 });
    expect(byDevice.get(pending.deviceId)).toMatchObject({ state: 'succeeded' });
    expect(byDevice.get(other.deviceId)).toMatchObject({ state: 'queued' });
    expect(listTaskEvents(e.db, byDevice.get(queued.deviceId)!.id).map((ev) => [ev.fromState, ev.toState, ev.reason])).toEqual([
      ['queued', 'succeeded', 'Device reported the target version before its push'],
    ]);
    // Every device comes online: only the one still on 1.1 is pushed the upgrade.
    for (const ref of e.refs) e.transport.setOnline(ref.deviceId, true);
    for (const ref of e.refs) await e.gateway.online(ref, e.clock.now());
    await e.tick();
    expect(e.transport.pushes.map((p) => p.device.deviceId)).toEqual([other.deviceId]);
    expect(e.counts(job.id)).toMatchObject({ succeeded: 2, pushed: 1, queued: 0 });
  });

  it('answers progress from a device without an active task with a 4xx and changes nothing', async () => {
    e = setupEngineTest({ start: T0, devices: 2 });
    // refs[1] has a queued task (the job never ticked): a report does not apply to it either.
    const job = e.createJob({ scope: { type: 'devices', deviceKeys: [e.refs[1].deviceKey] } });
    const snapshot = () => ({ tasks: e.tasks(job.id), job: e.job(job.id), events: listTaskEvents(e.db, e.tasks(job.id)[0].id) });
    const before = snapshot();
    for (const ref of e.refs) {
      expect(await e.progress(ref, 10)).toEqual({ code: 404, message: 'No upgrade in progress for this device' });
      expect(await e.progress(ref, -2)).toEqual({ code: 404, message: 'No upgrade in progress for this device' });
    }
    expect(snapshot()).toEqual(before);
    expect(before.tasks[0]).toMatchObject({ state: 'queued', progress: null });
  });
});

describe('connections', () => {
  it('finds a device by product and device key across OUs, and records online state and versions', async () => {
    e = setupEngineTest({ start: T0, devices: 1 });
    const other = insertOu(e.db, 'Other');
    const p2 = insertTestProduct(e.db, other.ou.id, 'P');
    insertTestDevice(e.db, { ouId: other.ou.id, productId: p2.id, deviceKey: e.refs[0].deviceKey });
    const found = await e.gateway.findDevices('P', e.refs[0].deviceKey);
    expect(found.map((f) => f.ref.ouId).sort()).toEqual([e.ou.id, other.ou.id].sort());
    expect(await e.gateway.findDevices('Q', e.refs[0].deviceKey)).toEqual([]);
    await e.gateway.online(e.refs[0], T0 + 5);
    e.clock.set(T0 + 10);
    await e.inform(e.refs[0], '1.5');
    e.clock.set(T0 + 20);
    // The same version again is no scope change (Incremental jobs need not look at the device again).
    await e.inform(e.refs[0], '1.5');
    expect(getDeviceInOu(e.db, e.ou.id, e.refs[0].deviceId)!.device).toMatchObject({
      online: true,
      firmwareVersion: '1.5',
      versionReportedAt: T0 + 20,
      scopeChangedAt: T0 + 10,
    });
    await e.gateway.offline(e.refs[0], T0 + 9);
    expect(getDeviceInOu(e.db, e.ou.id, e.refs[0].deviceId)!.device).toMatchObject({ online: false, lastSeenAt: T0 + 9 });
  });
});
