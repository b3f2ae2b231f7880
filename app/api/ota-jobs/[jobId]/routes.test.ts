import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { insertOu, makeActor, setupEngineTest, type EngineTest } from '@/db/testing/ota-fixtures';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';

// The session is whoever the test says; the routes, services and database behind it are real.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('server-only', () => ({}));
vi.mock('@/lib/auth/session', () => ({
  requireUser: async () => {
    if (!session.actor) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    return session.actor;
  },
}));

const live = await import('./live/route');
const tasks = await import('./tasks/route');
const timeline = await import('./tasks/[taskId]/route');
const csv = await import('./export.csv/route');

const T0 = Date.now();
let e: EngineTest;
beforeEach(() => {
  e = setupEngineTest({ start: T0, devices: 3 });
  session.actor = makeActor(e.ou, e.user.id, 'viewer');
});
afterEach(() => e.cleanup());

const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) }) as never;
const get = (path: string) => new Request(`http://console.test${path}`);

describe('OTA job routes', () => {
  it('serve a Viewer the live counters, a page of tasks and a task timeline', async () => {
    const job = e.createJob({ maxConcurrency: 1 });
    await e.tick();
    await e.progress(e.refs[0], -9, 'Battery too low');
    const liveRes = await live.GET(get(`/api/ota-jobs/${job.id}/live`), ctx({ jobId: String(job.id) }));
    expect(liveRes.headers.get('cache-control')).toBe('no-store');
    expect(await liveRes.json()).toMatchObject({ status: 'running', total: 3, counts: { failed: 1, queued: 2 } });

    const pageRes = await tasks.GET(get(`/api/ota-jobs/${job.id}/tasks?state=queued&q=0002&page=1&pageSize=10`), ctx({ jobId: String(job.id) }));
    const page = await pageRes.json();
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    expect(page.rows.map((r: { deviceKey: string }) => r.deviceKey)).toEqual([e.refs[2].deviceKey]);

    const failed = e.tasks(job.id).find((t) => t.state === 'failed')!;
    const tl = await timeline.GET(get(''), ctx({ jobId: String(job.id), taskId: String(failed.id) }));
    expect((await tl.json()).events.map((ev: { toState: string }) => ev.toState)).toEqual(['queued', 'pending_push', 'pushed', 'failed']);
  });

  it('export one CSV row per task with its deviceKey, state, attempts and reason, as an attachment', async () => {
    const job = e.createJob({ maxConcurrency: 2 });
    await e.tick();
    await e.progress(e.refs[0], -4);
    await e.inform(e.refs[1], '2.0');
    const res = await csv.GET(get(''), ctx({ jobId: String(job.id) }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="ota-job-${job.id}-tasks.csv"`);
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('Device Key,From Version,To Version,Status,Progress (%),Attempts,Failure Reason,Last Update (UTC)');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^dev-0000,1\.0\.0,2\.0,Failed,,1,Flash write failed,/);
    expect(lines[2]).toMatch(/^dev-0001,1\.0\.0,2\.0,Succeeded,100,1,,/);
    expect(lines[3]).toMatch(/^dev-0002,1\.0\.0,2\.0,Queued,,0,,/);
  });

  it('answer 404 for another OU’s job, a task of another job or a bad id, and 401 without a session', async () => {
    const job = e.createJob({ scope: { type: 'devices', deviceKeys: [e.refs[0].deviceKey] } });
    const other = e.createJob({ name: 'Other', scope: { type: 'devices', deviceKeys: [e.refs[1].deviceKey] } });
    const jobParams = ctx({ jobId: String(job.id) });
    const ownTask = ctx({ jobId: String(job.id), taskId: String(e.tasks(job.id)[0].id) });
    expect((await timeline.GET(get(''), ownTask)).status).toBe(200);
    expect((await timeline.GET(get(''), ctx({ jobId: String(job.id), taskId: String(e.tasks(other.id)[0].id) }))).status).toBe(404);
    expect((await live.GET(get(''), ctx({ jobId: 'abc' }))).status).toBe(404);
    session.actor = insertOu(e.db, 'Elsewhere').actor;
    for (const res of [await live.GET(get(''), jobParams), await csv.GET(get(''), jobParams), await tasks.GET(get('/x'), jobParams)]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ code: 'NOT_FOUND', message: 'Job not found.' });
    }
    session.actor = null;
    expect((await csv.GET(get(''), jobParams)).status).toBe(401);
  });
});
