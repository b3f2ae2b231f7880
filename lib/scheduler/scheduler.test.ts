import { afterEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { openDb } from '@/db/client';
import {
  createMemoryTransport,
  insertAssetNode,
  insertTestDevice,
  insertTestTree,
  OFFER_URL,
  setupEngineTest,
  type EngineTest,
} from '@/db/testing/ota-fixtures';
import { listTaskEvents } from '@/db/queries/ota-tasks';
import { assetNodes, devices } from '@/db/schema';
import { startScheduler } from './scheduler';
import { SCOPE_SCAN_LAG_MS } from './tick';

const MINUTE = 60_000;
const T0 = Date.parse('2030-03-01T00:00:00Z');
let e: EngineTest;
afterEach(() => e?.cleanup());

const inFlight = (c: Record<string, number>) => c.pending_push + c.pushed;

describe('concurrency', () => {
  it('keeps Pending Push + Pushed at or under the limit, while Upgrading tasks do not block admissions', async () => {
    e = setupEngineTest({ start: T0, devices: 10 });
    const job = e.createJob({ maxConcurrency: 3 });
    await e.tick();
    expect(e.counts(job.id)).toMatchObject({ pushed: 3, queued: 7 });
    // Two devices start upgrading: their slots are free again.
    const [t1, t2] = e.tasks(job.id).filter((t) => t.state === 'pushed');
    for (const t of [t1, t2]) await e.progress(e.refs.find((r) => r.deviceId === t.deviceId)!, 10);
    await e.tick();
    let c = e.counts(job.id);
    expect(c).toMatchObject({ upgrading: 2, pushed: 3, queued: 5 });
    // Finish every task over many ticks; the limit holds at every tick.
    for (let i = 0; i < 20 && c.succeeded < 10; i++) {
      for (const t of e.tasks(job.id).filter((x) => x.state === 'pushed' || x.state === 'upgrading')) {
        await e.inform(e.refs.find((r) => r.deviceId === t.deviceId)!, '2.0');
      }
      e.clock.advance(1000);
      await e.tick();
      c = e.counts(job.id);
      expect(inFlight(c)).toBeLessThanOrEqual(3);
    }
    expect(c.succeeded).toBe(10);
    expect(e.job(job.id).status).toBe('completed');
  });

  it('counts a device that is offline as Pending Push and pushes it when it reconnects', async () => {
    e = setupEngineTest({ start: T0, devices: 2 });
    e.transport.setOnline(e.refs[0].deviceId, false);
    const job = e.createJob({ maxConcurrency: 1 });
    await e.tick();
    await e.tick();
    expect(e.counts(job.id)).toMatchObject({ pending_push: 1, queued: 1 });
    expect(e.transport.pushes).toHaveLength(0);
    e.transport.setOnline(e.refs[0].deviceId, true);
    await e.gateway.online(e.refs[0], e.clock.now());
    expect(e.counts(job.id)).toMatchObject({ pushed: 1, queued: 1 });
    expect(e.transport.pushes.map((p) => p.device.deviceKey)).toEqual([e.refs[0].deviceKey]);
  });
});

describe('timeout', () => {
  it('fails a pushed device that never answers with "Timeout" exactly the configured time after the push', async () => {
    e = setupEngineTest({ start: T0, devices: 2 });
    const job = e.createJob({ timeoutMinutes: 5 });
    await e.tick();
    // One device reports progress: the clock still runs from the push.
    await e.progress(e.refs[1], 30);
    e.clock.advance(5 * MINUTE - 1);
    await e.tick();
    expect(e.counts(job.id)).toMatchObject({ pushed: 1, upgrading: 1, failed: 0 });
    e.clock.advance(1);
    await e.tick();
    expect(e.counts(job.id)).toMatchObject({ failed: 2 });
    expect(e.tasks(job.id).map((t) => [t.failureReason, t.finishedAt])).toEqual([
      ['Timeout', T0 + 5 * MINUTE],
      ['Timeout', T0 + 5 * MINUTE],
    ]);
    expect(e.job(job.id).status).toBe('completed');
  });
});

describe('retry', () => {
  for (const intervalMinutes of [0, 10, 1440] as const) {
    for (const maxRetries of [1, 2, 5] as const) {
      it(`retries every ${intervalMinutes} min, ${maxRetries} retries, then ends Failed`, async () => {
        e = setupEngineTest({ start: T0, devices: 1 });
        const job = e.createJob({ timeoutMinutes: 5, retryEnabled: true, retryIntervalMinutes: intervalMinutes, maxRetries });
        await e.tick();
        const taskId = e.tasks(job.id)[0].id;
        for (let attempt = 1; attempt <= 1 + maxRetries; attempt++) {
          expect(e.transport.pushes.map((p) => p.command.messageId)).toEqual(
            Array.from({ length: attempt }, (_, i) => `${taskId}:${i + 1}`),
          );
          e.clock.advance(5 * MINUTE);
          await e.tick();
          const [task] = e.tasks(job.id);
          if (attempt === 1 + maxRetries) {
            expect(task).toMatchObject({ state: 'failed', attempt, failureReason: 'Timeout' });
          } else if (intervalMinutes > 0) {
            expect(task).toMatchObject({ state: 'queued', attempt, nextAttemptAt: e.clock.now() + intervalMinutes * MINUTE });
            e.clock.advance(intervalMinutes * MINUTE - 1);
            await e.tick();
            expect(e.transport.pushes).toHaveLength(attempt);
            e.clock.advance(1);
            await e.tick();
          }
          e.counts(job.id);
        }
        expect(e.transport.pushes).toHaveLength(1 + maxRetries);
        e.clock.advance(2 * 1440 * MINUTE);
        await e.tick();
        expect(e.transport.pushes).toHaveLength(1 + maxRetries);
        expect(e.job(job.id).status).toBe('completed');
        const steps = listTaskEvents(e.db, taskId).map((ev) => `${ev.fromState}>${ev.toState}`);
        expect(steps.filter((s) => s === 'pushed>failed')).toHaveLength(1 + maxRetries);
        expect(steps.filter((s) => s === 'failed>queued')).toHaveLength(maxRetries);
      });
    }
  }
});

describe('schedule', () => {
  it('pushes nothing before the start or after the end of a one-off window', async () => {
    const zone = 'Europe/Berlin';
    const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
    e = setupEngineTest({ start: T0, devices: 6 });
    const job = e.createJob({
      maxConcurrency: 2,
      schedule: { start: local(T0 + 60 * MINUTE), end: local(T0 + 120 * MINUTE), timeZone: zone },
    });
    await e.tick();
    e.clock.advance(60 * MINUTE - 1000);
    await e.tick();
    expect(e.transport.pushes).toHaveLength(0);
    e.clock.advance(1000);
    await e.tick();
    expect(e.transport.pushes).toHaveLength(2);
    for (const p of e.transport.pushes) await e.inform(e.refs.find((r) => r.deviceId === p.device.deviceId)!, '2.0');
    e.clock.advance(60 * MINUTE);
    await e.tick();
    await e.tick();
    expect(e.transport.pushes).toHaveLength(2);
    expect(e.counts(job.id)).toMatchObject({ succeeded: 2, canceled: 4 });
    expect(e.tasks(job.id).filter((t) => t.state === 'canceled')[0].failureReason).toBeNull();
    expect(e.job(job.id).status).toBe('completed');
  });

  it('Repeat Every Day pushes only inside the daily window, over days with a DST change', async () => {
    const NY = 'America/New_York';
    // Midnight in New York on March 8th, 2030; clocks spring forward on March 10th at 02:00.
    const start = DateTime.fromISO('2030-03-08T00:00', { zone: NY }).toMillis();
    e = setupEngineTest({ start, devices: 200 });
    const job = e.createJob({
      maxConcurrency: 2,
      schedule: { start: '2030-03-08T01:00', end: '2030-03-08T04:00', timeZone: NY },
      repeatDaily: true,
    });
    const pushTimes: number[] = [];
    e.transport.onPush = () => pushTimes.push(e.clock.now());
    for (let now = start; now < start + 5 * 24 * 60 * MINUTE; now += 15 * MINUTE) {
      e.clock.set(now);
      await e.tick();
      for (const t of e.tasks(job.id).filter((x) => x.state === 'pushed')) {
        await e.inform(e.refs.find((r) => r.deviceId === t.deviceId)!, '2.0');
      }
    }
    const perDay = new Map<string, number>();
    for (const ms of pushTimes) {
      const local = DateTime.fromMillis(ms, { zone: NY });
      expect(local.hour >= 1 && local.hour < 4, local.toISO()!).toBe(true);
      perDay.set(local.toISODate()!, (perDay.get(local.toISODate()!) ?? 0) + 1);
    }
    // Two pushes per 15-minute tick: three hours a day, but two real hours on the day the clocks spring forward.
    expect(Object.fromEntries(perDay)).toEqual({
      '2030-03-08': 24,
      '2030-03-09': 24,
      '2030-03-10': 16,
      '2030-03-11': 24,
      '2030-03-12': 24,
    });
    e.counts(job.id);
  });
});

describe('Snapshot and Incremental', () => {
  it('Snapshot ignores a device added after creation; Incremental picks it up, and a device that reports a matching version', async () => {
    e = setupEngineTest({ start: T0 });
    const add = (deviceKey: string, group: string, version = '1.0') => {
      const d = insertTestDevice(e.db, { ouId: e.ou.id, productId: e.product.id, deviceKey, version, tags: { group }, now: e.clock.now() });
      return { ouId: e.ou.id, deviceId: d.id, productKey: 'P', deviceKey };
    };
    add('s-1', 's');
    add('i-1', 'i');
    const old = add('i-old', 'i', '0.9');
    const byGroup = (group: string) => ({ type: 'tag' as const, conditions: [{ key: 'group', values: [group] }] });
    const snapshot = e.createJob({ method: 'snapshot', scope: byGroup('s'), fromVersions: ['1.0'] });
    const incremental = e.createJob({ method: 'incremental', scope: byGroup('i'), fromVersions: ['1.0'] });
    expect([e.job(snapshot.id).totalTasks, e.job(incremental.id).totalTasks]).toEqual([1, 1]);

    e.clock.advance(1000);
    add('s-late', 's');
    add('i-late', 'i');
    await e.inform(old, '1.0');
    await e.tick();
    // Changes younger than the scan lag wait for a later tick.
    expect(e.job(incremental.id).totalTasks).toBe(1);
    e.clock.advance(SCOPE_SCAN_LAG_MS + 1);
    await e.tick();
    expect(e.job(snapshot.id).totalTasks).toBe(1);
    expect(e.counts(incremental.id)).toMatchObject({ pushed: 3 });
    expect(e.transport.pushes.map((p) => p.device.deviceKey).sort()).toEqual(['i-1', 'i-late', 'i-old', 's-1']);
    // A device rescanned (its version reported again) is not added twice.
    await e.inform(old, '1.0');
    e.clock.advance(2 * SCOPE_SCAN_LAG_MS);
    await e.tick();
    expect(e.counts(incremental.id)).toMatchObject({ pushed: 3 });
    expect(e.job(incremental.id).status).toBe('running');
  });
  it('an Incremental By Asset Tree job whose chosen nodes were all deleted scans without error and adds nothing', async () => {
    e = setupEngineTest({ start: T0, devices: 2 });
    const tree = insertTestTree(e.db, e.ou.id, 'Sites');
    const site = insertAssetNode(e.db, { id: tree.id, ouId: e.ou.id }, null, { name: 'Site', kind: 'asset' });
    insertAssetNode(e.db, { id: tree.id, ouId: e.ou.id }, site, { name: 'd0', kind: 'device', deviceId: e.refs[0].deviceId });
    const job = e.createJob({ method: 'incremental', scope: { type: 'asset_tree', trees: [{ treeId: tree.id, nodeIds: [site.id] }] } });
    expect(e.job(job.id).totalTasks).toBe(1);
    e.db.delete(assetNodes).where(eq(assetNodes.treeId, tree.id)).run();
    e.db.update(devices).set({ scopeChangedAt: T0 + 1 }).run();
    e.clock.advance(2 * SCOPE_SCAN_LAG_MS);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await e.tick();
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
    expect(e.job(job.id)).toMatchObject({ totalTasks: 1, lastScopeScanAt: e.clock.now() - SCOPE_SCAN_LAG_MS });
  });
});

describe('stopping', () => {
  it('a stopped job pushes nothing, not even to a device that reconnects', async () => {
    e = setupEngineTest({ start: T0, devices: 3 });
    e.transport.setOnline(e.refs[0].deviceId, false);
    const job = e.createJob({ maxConcurrency: 1 });
    await e.tick();
    expect(e.counts(job.id)).toMatchObject({ pending_push: 1 });
    const { stopOtaJob, startOtaJob } = await import('@/lib/services/ota-jobs');
    stopOtaJob({ actor: e.actor, jobId: job.id, now: e.clock.now() });
    e.transport.setOnline(e.refs[0].deviceId, true);
    await e.gateway.online(e.refs[0], e.clock.now());
    e.clock.advance(1000);
    await e.tick();
    expect(e.transport.pushes).toHaveLength(0);
    startOtaJob({ actor: e.actor, jobId: job.id, now: e.clock.now() });
    await e.tick();
    expect(e.transport.pushes.map((p) => p.device.deviceKey)).toEqual([e.refs[0].deviceKey]);
  });
  it('a job stopped while an earlier job’s pushes are awaited admits, scans and cancels nothing in that tick', async () => {
    const zone = 'UTC';
    const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
    e = setupEngineTest({ start: T0, devices: 4 });
    const [first, second, third, late] = e.refs;
    const version = (ref: typeof late, v: string | null, at: number) =>
      e.db.update(devices).set({ firmwareVersion: v, scopeChangedAt: at }).where(eq(devices.id, ref.deviceId)).run();
    version(late, null, T0);
    const scope = (...keys: string[]) => ({ type: 'devices' as const, deviceKeys: keys });
    const job1 = e.createJob({ scope: scope(first.deviceKey) });
    const job2 = e.createJob({ scope: scope(second.deviceKey, late.deviceKey), method: 'incremental' });
    const job3 = e.createJob({ scope: scope(third.deviceKey), schedule: { start: local(T0), end: local(T0 + 60 * MINUTE), timeZone: zone } });
    // A device job 2's next scan would add: it reports a version now.
    version(late, '1.0.0', T0 + 1);
    e.clock.advance(62 * MINUTE);
    let release!: () => void;
    e.transport.gate = new Promise((resolve) => (release = resolve));
    const tick = e.tick();
    await vi.waitFor(() => expect(e.counts(job1.id).pending_push).toBe(1));
    const { stopOtaJob } = await import('@/lib/services/ota-jobs');
    stopOtaJob({ actor: e.actor, jobId: job2.id, now: e.clock.now() });
    stopOtaJob({ actor: e.actor, jobId: job3.id, now: e.clock.now() });
    release();
    await tick;
    expect(e.transport.pushes.map((p) => p.device.deviceKey)).toEqual([first.deviceKey]);
    expect(e.counts(job2.id)).toMatchObject({ queued: 1, pending_push: 0 });
    expect(e.tasks(job2.id).map((t) => t.deviceId)).toEqual([second.deviceId]);
    expect(e.counts(job3.id)).toMatchObject({ queued: 1, canceled: 0 });
  });
});

describe('timeouts of a stopped job', () => {
  for (const retryEnabled of [false, true]) {
    it(`fail its Pushed and Upgrading tasks with "Timeout"${retryEnabled ? ', queue the retries' : ''} and push nothing while it is stopped`, async () => {
      e = setupEngineTest({ start: T0, devices: 3 });
      const job = e.createJob({ maxConcurrency: 2, timeoutMinutes: 5, retryEnabled, retryIntervalMinutes: 0, maxRetries: 1 });
      await e.tick();
      await e.progress(e.refs[1], 40);
      expect(e.counts(job.id)).toMatchObject({ pushed: 1, upgrading: 1, queued: 1 });
      const { stopOtaJob, startOtaJob } = await import('@/lib/services/ota-jobs');
      stopOtaJob({ actor: e.actor, jobId: job.id, now: e.clock.now() });
      e.clock.advance(5 * MINUTE);
      await e.tick();
      const timedOut = e.tasks(job.id).slice(0, 2);
      if (retryEnabled) {
        expect(timedOut.map((t) => [t.state, t.failureReason, t.nextAttemptAt])).toEqual([
          ['queued', 'Timeout', T0 + 5 * MINUTE],
          ['queued', 'Timeout', T0 + 5 * MINUTE],
        ]);
      } else {
        expect(timedOut.map((t) => [t.state, t.failureReason])).toEqual([
          ['failed', 'Timeout'],
          ['failed', 'Timeout'],
        ]);
      }
      e.clock.advance(MINUTE);
      await e.tick();
      expect(e.transport.pushes).toHaveLength(2);
      expect(e.job(job.id).status).toBe('stopped');
      e.counts(job.id);
      // Started again, it pushes what is queued: the third device, and the retries.
      startOtaJob({ actor: e.actor, jobId: job.id, now: e.clock.now() });
      await e.tick();
      expect(e.transport.pushes).toHaveLength(retryEnabled ? 4 : 3);
    });
  }
});

describe('crash safety', () => {
  it('resends a recorded push with its original id after a restart, losing no task and counting no attempt', async () => {
    e = setupEngineTest({ start: T0, devices: 6 });
    const job = e.createJob({ maxConcurrency: 6, retryEnabled: true, maxRetries: 1 });
    // The first process: three devices get their push, then the process dies before recording any delivery.
    let delivered = 0;
    e.transport.push = (device, command) => {
      if (delivered < 3) {
        delivered++;
        e.transport.pushes.push({ device, command });
      }
      return new Promise(() => {});
    };
    void e.tick();
    await new Promise((r) => setTimeout(r, 20));
    const recorded = e.tasks(job.id);
    expect(recorded.map((t) => [t.state, t.attempt, t.pushMessageId])).toEqual(recorded.map((t) => ['pending_push', 1, `${t.id}:1`]));
    const firstIds = e.transport.pushes.map((p) => p.command.messageId);
    expect(firstIds).toHaveLength(3);

    // A device that got its push before the crash starts upgrading at once.
    const early = e.refs.find((r) => r.deviceKey === e.transport.pushes[0].device.deviceKey)!;
    await e.progress(early, 5);

    // The second process, on the same database file.
    const db2 = openDb(`${e.dir}/test.sqlite`);
    const transport2 = createMemoryTransport();
    const scheduler2 = startScheduler({ db: db2, transport: transport2, clock: e.clock, offerUrl: OFFER_URL, autoTick: false });
    e.clock.advance(1000);
    await scheduler2.tickOnce();
    const resent = transport2.pushes.map((p) => p.command.messageId).sort();
    expect(resent).toEqual(recorded.filter((t) => t.deviceId !== early.deviceId).map((t) => `${t.id}:1`).sort());
    expect(firstIds.filter((id) => resent.includes(id))).toHaveLength(2);
    expect(e.counts(job.id)).toMatchObject({ pushed: 5, upgrading: 1 });

    for (const ref of e.refs) await e.inform(ref, '2.0');
    await scheduler2.tickOnce();
    const final = e.tasks(job.id);
    expect(final).toHaveLength(6);
    expect(final.map((t) => [t.state, t.attempt])).toEqual(final.map(() => ['succeeded', 1]));
    expect(e.counts(job.id)).toMatchObject({ succeeded: 6 });
    expect(e.job(job.id).status).toBe('completed');
    await scheduler2.stop();
    db2.$client.close();
  });
});
