import { afterEach, describe, expect, it, vi } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, type OtaJob } from '@/db/schema';
import { insertBulkDevices, makeActor, setupEngineTest, type EngineTest } from '@/db/testing/ota-fixtures';
import { cancelOtaTasks, retryOtaTasks } from './ota-tasks';

const T0 = Date.parse('2030-06-01T00:00:00Z');
let e: EngineTest;
afterEach(() => {
  staleRead.job = undefined;
  e?.cleanup();
});

// While set, the services' first read of a job answers this copy: what they saw before another process changed it.
const staleRead = vi.hoisted(() => ({ job: undefined as OtaJob | undefined }));
vi.mock('@/db/queries/ota-jobs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/db/queries/ota-jobs')>();
  return { ...actual, getOtaJobInOu: (...args: Parameters<typeof actual.getOtaJobInOu>) => staleRead.job ?? actual.getOtaJobInOu(...args) };
});

const audits = (action: string) =>
  e.db
    .select({ detail: auditEvents.detail })
    .from(auditEvents)
    .where(and(eq(auditEvents.ouId, e.ou.id), eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.id))
    .all()
    .map((a) => a.detail);

describe('cancel and retry transactions', () => {
  it('are all or nothing: when the audit row cannot be written, no task changes', async () => {
    e = setupEngineTest({ start: T0, devices: 4 });
    const job = e.createJob({ maxConcurrency: 2 });
    await e.tick();
    await e.progress(e.refs[0], -1);
    const before = e.counts(job.id);
    expect(before).toMatchObject({ failed: 1, pushed: 1, queued: 2 });
    // A user deleted meanwhile: the audit row's foreign key fails, after the tasks were moved in the same transaction.
    const gone = makeActor(e.ou, 999_999);
    const ids = e.tasks(job.id).map((t) => t.id);
    expect(() => cancelOtaTasks({ actor: gone, jobId: job.id, selection: { taskIds: ids } })).toThrow(/FOREIGN KEY/);
    expect(() => cancelOtaTasks({ actor: gone, jobId: job.id, selection: { all: true } })).toThrow(/FOREIGN KEY/);
    expect(() => retryOtaTasks({ actor: gone, jobId: job.id, selection: { taskIds: ids } })).toThrow(/FOREIGN KEY/);
    expect(() => retryOtaTasks({ actor: gone, jobId: job.id, selection: { all: true } })).toThrow(/FOREIGN KEY/);
    expect(e.counts(job.id)).toEqual(before);
  });

  it('cancels chosen tasks of several states in one step with one audit row, and completes the job it finished', async () => {
    e = setupEngineTest({ start: T0, devices: 3 });
    const job = e.createJob({ maxConcurrency: 1 });
    await e.tick();
    await e.progress(e.refs[0], -1);
    await e.tick();
    expect(e.counts(job.id)).toMatchObject({ failed: 1, pushed: 1, queued: 1 });
    const ids = e.tasks(job.id).map((t) => t.id);
    expect(cancelOtaTasks({ actor: e.actor, jobId: job.id, selection: { taskIds: ids } })).toEqual({ canceled: 2 });
    expect(audits('ota_task.cancel')).toEqual([{ canceled: 2 }]);
    expect(e.job(job.id).status).toBe('completed');
    expect(retryOtaTasks({ actor: e.actor, jobId: job.id, selection: { taskIds: ids } })).toEqual({ retried: 1, skippedBusy: 0 });
    expect(audits('ota_task.retry')).toEqual([{ retried: 1, skippedBusy: 0 }]);
    expect(e.job(job.id).status).toBe('running');
  });

  it('cancels "all" of a large job in slices of 10,000, each with its own audit row', () => {
    e = setupEngineTest({ start: T0 });
    insertBulkDevices(e.db, { ouId: e.ou.id, productId: e.product.id, count: 10_001, prefix: 'bulk', version: '1.0', now: T0 });
    const job = e.createJob();
    expect(cancelOtaTasks({ actor: e.actor, jobId: job.id, selection: { all: true } })).toEqual({ canceled: 10_001 });
    expect(audits('ota_task.cancel')).toEqual([{ canceled: 10_000 }, { canceled: 1 }]);
    expect(e.counts(job.id)).toMatchObject({ queued: 0, canceled: 10_001 });
    expect(e.job(job.id).status).toBe('completed');
  });

  it('cancels the Pending Push task of an offline device: it is not pushed when the device comes back', async () => {
    e = setupEngineTest({ start: T0, devices: 1 });
    e.transport.setOnline(e.refs[0].deviceId, false);
    const job = e.createJob();
    await e.tick();
    const [task] = e.tasks(job.id);
    expect(task.state).toBe('pending_push');
    expect(cancelOtaTasks({ actor: e.actor, jobId: job.id, selection: { taskIds: [task.id] } })).toEqual({ canceled: 1 });
    e.transport.setOnline(e.refs[0].deviceId, true);
    await e.gateway.online(e.refs[0], e.clock.now());
    await e.tick();
    expect(e.transport.pushes).toHaveLength(0);
    expect(e.tasks(job.id)[0]).toMatchObject({ state: 'canceled', failureReason: null });
    expect(e.job(job.id).status).toBe('completed');
  });

  it('reopens a job that completed after the retry first read it, so the retried task is pushed', async () => {
    e = setupEngineTest({ start: T0, devices: 2 });
    const job = e.createJob();
    await e.tick();
    await e.progress(e.refs[0], -1);
    const seenRunning = e.job(job.id);
    await e.inform(e.refs[1], '2.0');
    expect(e.job(job.id).status).toBe('completed');
    staleRead.job = seenRunning;
    expect(retryOtaTasks({ actor: e.actor, jobId: job.id, selection: { all: true }, now: T0 })).toEqual({ retried: 1, skippedBusy: 0 });
    staleRead.job = undefined;
    expect(e.job(job.id).status).toBe('running');
    await e.tick();
    expect(e.tasks(job.id).map((t) => [t.state, t.attempt])).toEqual([
      ['pushed', 2],
      ['succeeded', 1],
    ]);
  });
});
