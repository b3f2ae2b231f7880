import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeActor, setupEngineTest, type EngineTest } from '@/db/testing/ota-fixtures';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';

// The session is whoever the test says; everything behind it (actions, services, database) is real.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('server-only', () => ({}));
vi.mock('@/lib/auth/session', () => ({
  requireUser: async () => {
    if (!session.actor) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    return session.actor;
  },
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { cancelOtaTasksAction, deleteOtaJobAction, retryOtaTasksAction, startOtaJobAction, stopOtaJobAction } = await import('./actions');
const { createOtaJobAction } = await import('./new/actions');
const { createDeviceUpgradeJobAction } = await import('../firmware/[firmwareId]/upgrade-device/actions');
const { createVerificationJobAction } = await import('../firmware/[firmwareId]/verify/actions');

const T0 = Date.now();
let e: EngineTest;
beforeEach(() => {
  e = setupEngineTest({ start: T0, devices: 3 });
  session.actor = e.actor;
});
afterEach(() => e.cleanup());

describe('OTA job actions', () => {
  it('start, stop and delete a job; deleting a running one is refused with the reason', async () => {
    const job = e.createJob({ startOnCreate: false });
    expect(await startOtaJobAction({ jobId: job.id })).toEqual({ ok: true, data: undefined });
    expect(e.job(job.id).status).toBe('running');
    expect(await deleteOtaJobAction({ jobId: job.id })).toEqual({
      ok: false,
      code: 'INVALID_TRANSITION',
      message: 'Stop the job before deleting it.',
    });
    expect(await stopOtaJobAction({ jobId: job.id })).toMatchObject({ ok: true });
    expect(e.job(job.id).status).toBe('stopped');
    expect(await deleteOtaJobAction({ jobId: String(job.id) })).toMatchObject({ ok: true });
    expect(e.db.$client.prepare('select count(*) as n from ota_tasks').get()).toEqual({ n: 0 });
  });

  it('cancels chosen tasks and retries failed ones', async () => {
    const job = e.createJob({ maxConcurrency: 1 });
    await e.tick();
    await e.progress(e.refs[0], -2);
    const [failed, queued] = [e.tasks(job.id)[0], e.tasks(job.id)[1]];
    expect(failed.state).toBe('failed');
    expect(await cancelOtaTasksAction({ jobId: job.id, selection: { taskIds: [queued.id] } })).toEqual({ ok: true, data: { canceled: 1 } });
    expect(await cancelOtaTasksAction({ jobId: job.id, selection: { taskIds: [failed.id] } })).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
    expect(await retryOtaTasksAction({ jobId: job.id, selection: { all: true, state: 'failed' } })).toEqual({
      ok: true,
      data: { retried: 1, skippedBusy: 0 },
    });
    expect(e.counts(job.id)).toMatchObject({ queued: 2, canceled: 1, failed: 0 });
  });

  it('refuses malformed input and callers without a session', async () => {
    expect(await startOtaJobAction({ jobId: 'x' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await cancelOtaTasksAction({ jobId: 1, selection: { taskIds: [] } })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    session.actor = null;
    expect(await startOtaJobAction({ jobId: 1 })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('refuses a forged call by a Viewer and changes nothing', async () => {
    const job = e.createJob({ maxConcurrency: 1 });
    await e.tick();
    await e.progress(e.refs[0], -1);
    session.actor = makeActor(e.ou, e.user.id, 'viewer');
    const before = { job: e.job(job.id), tasks: e.tasks(job.id) };
    const ids = before.tasks.map((t) => t.id);
    const forbidden = { ok: false, code: 'FORBIDDEN', message: 'You do not have permission to do this.' };
    expect(await stopOtaJobAction({ jobId: job.id })).toEqual(forbidden);
    expect(await startOtaJobAction({ jobId: job.id })).toEqual(forbidden);
    expect(await deleteOtaJobAction({ jobId: job.id })).toEqual(forbidden);
    expect(await cancelOtaTasksAction({ jobId: job.id, selection: { taskIds: ids } })).toEqual(forbidden);
    expect(await retryOtaTasksAction({ jobId: job.id, selection: { all: true } })).toEqual(forbidden);
    expect({ job: e.job(job.id), tasks: e.tasks(job.id) }).toEqual(before);
  });

  it('answers a Viewer FORBIDDEN on every job creation, whatever the input, and creates nothing', async () => {
    session.actor = makeActor(e.ou, e.user.id, 'viewer');
    const forbidden = { ok: false, code: 'FORBIDDEN', message: 'You do not have permission to do this.' };
    for (const create of [createOtaJobAction, createDeviceUpgradeJobAction, createVerificationJobAction]) {
      expect(await create({})).toEqual(forbidden);
      expect(await create({ name: '', firmwareId: 'x' })).toEqual(forbidden);
    }
    expect(e.db.$client.prepare('select count(*) as n from ota_jobs').get()).toEqual({ n: 0 });
    // A Developer with the same bad input is told what is wrong with it.
    session.actor = e.actor;
    expect(await createOtaJobAction({})).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});
