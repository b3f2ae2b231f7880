import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditEvents } from '@/db/schema';
import { firmwareFields } from '@/db/testing/firmware-fixtures';
import { insertOu, makeActor, setupEngineTest, type EngineTest } from '@/db/testing/ota-fixtures';
import { multipartUpload } from '@/lib/firmware/multipart';
import { createApiKey, revokeApiKey } from '@/lib/services/api-keys';

// Requests carry real API keys; the handlers, services and database behind them are the real ones.
vi.mock('server-only', () => ({}));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ota-api-data-'));
process.env.DATA_DIR = dataDir;
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const firmwareRoute = await import('./firmware/route');
const firmwareItem = await import('./firmware/[firmwareId]/route');
const versions = await import('./firmware/versions/route');
const jobsRoute = await import('./ota-jobs/route');
const jobItem = await import('./ota-jobs/[jobId]/route');
const start = await import('./ota-jobs/[jobId]/start/route');
const stop = await import('./ota-jobs/[jobId]/stop/route');
const tasks = await import('./ota-jobs/[jobId]/tasks/route');
const cancel = await import('./ota-jobs/[jobId]/tasks/cancel/route');

const T0 = Date.now();
let e: EngineTest;
let keys: { developer: string; viewer: string };
beforeEach(() => {
  e = setupEngineTest({ start: T0, devices: 3 });
  const admin = makeActor(e.ou, e.user.id, 'ou_admin');
  keys = {
    developer: createApiKey({ actor: admin, input: { name: 'deploy', role: 'developer' } }).key,
    viewer: createApiKey({ actor: admin, input: { name: 'dashboard', role: 'viewer' } }).key,
  };
});
afterEach(() => e.cleanup());

type Call = { key?: string | null; json?: unknown; body?: BodyInit; headers?: Record<string, string> };
function req(method: string, url: string, { key = keys.developer, json, body, headers = {} }: Call = {}) {
  const h: Record<string, string> = { ...headers };
  if (key) h.authorization = `Bearer ${key}`;
  if (json !== undefined) h['content-type'] = 'application/json';
  // duplex: a streamed upload body, as a script's HTTP client sends it.
  const init = { method, headers: h, body: json !== undefined ? JSON.stringify(json) : body, duplex: 'half' };
  return new Request(`http://console.test/api/v1${url}`, init as RequestInit);
}
const job = (jobId: number) => ({ params: Promise.resolve({ jobId: String(jobId) }) });
const fw = (firmwareId: number) => ({ params: Promise.resolve({ firmwareId: String(firmwareId) }) });
const deviceJob = (deviceKeys: string[]) => ({ name: 'API job', firmwareId: e.fw.id, scope: { type: 'devices', deviceKeys } });

describe('the /api/v1 key check', () => {
  it('answers 401 {code, message} for a missing, unknown or revoked key, and serves a valid one', async () => {
    const unknown = keys.developer.replace(/^ota_[0-9a-f]{12}/, 'ota_000000000000');
    for (const key of [null, 'not-a-key', unknown]) {
      const res = await jobsRoute.GET(req('GET', '/ota-jobs', { key }));
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await res.json()).toEqual({ code: 'UNAUTHENTICATED', message: expect.any(String) });
    }
    expect((await jobsRoute.GET(req('GET', '/ota-jobs'))).status).toBe(200);

    const [row] = e.db.$client.prepare('select id from api_keys where name = ?').all('deploy') as { id: number }[];
    revokeApiKey({ actor: makeActor(e.ou, e.user.id, 'ou_admin'), apiKeyId: row.id });
    const res = await jobsRoute.GET(req('GET', '/ota-jobs'));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'The API key is unknown or revoked.' });
  });

  it('answers 403 when a Viewer key writes, and lets it read', async () => {
    const created = e.createJob({ startOnCreate: false });
    const viewer = { key: keys.viewer };
    expect((await jobItem.GET(req('GET', `/ota-jobs/${created.id}`, viewer), job(created.id))).status).toBe(200);
    const refused = [
      await jobsRoute.POST(req('POST', '/ota-jobs', { ...viewer, json: deviceJob(['dev-0000']) })),
      await start.POST(req('POST', `/ota-jobs/${created.id}/start`, viewer), job(created.id)),
      await jobItem.DELETE(req('DELETE', `/ota-jobs/${created.id}`, viewer), job(created.id)),
      await firmwareItem.DELETE(req('DELETE', `/firmware/${e.fw.id}`, viewer), fw(e.fw.id)),
      await firmwareRoute.POST(req('POST', '/firmware', { ...viewer, body: 'never read', headers: { 'content-type': 'multipart/form-data; boundary=x' } })),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe('FORBIDDEN');
    }
    expect(e.job(created.id).status).toBe('not_started');
  });

  it("answers 404 for another OU's job or firmware, as for a missing one, and lists none of them", async () => {
    const created = e.createJob({ startOnCreate: false });
    const other = insertOu(e.db, 'Elsewhere');
    const key = createApiKey({ actor: makeActor(other.ou, other.user.id, 'ou_admin'), input: { name: 'other', role: 'developer' } }).key;
    const foreign = [
      await jobItem.GET(req('GET', `/ota-jobs/${created.id}`, { key }), job(created.id)),
      await start.POST(req('POST', `/ota-jobs/${created.id}/start`, { key }), job(created.id)),
      await tasks.GET(req('GET', `/ota-jobs/${created.id}/tasks`, { key }), job(created.id)),
      await cancel.POST(req('POST', `/ota-jobs/${created.id}/tasks/cancel`, { key, json: { all: true } }), job(created.id)),
      await jobItem.DELETE(req('DELETE', `/ota-jobs/${created.id}`, { key }), job(created.id)),
    ];
    for (const res of foreign) expect(await res.json()).toEqual({ code: 'NOT_FOUND', message: 'Job not found.' });
    const fwRes = await firmwareItem.GET(req('GET', `/firmware/${e.fw.id}`, { key }), fw(e.fw.id));
    expect(fwRes.status).toBe(404);
    expect((await (await jobsRoute.GET(req('GET', '/ota-jobs', { key }))).json()).total).toBe(0);
    expect((await (await firmwareRoute.GET(req('GET', '/firmware', { key }))).json()).total).toBe(0);
    expect((await versions.GET(req('GET', '/firmware/versions?productKey=P', { key }))).status).toBe(404);
    expect(e.job(created.id).status).toBe('not_started');
  });

  it('answers 400 with fieldErrors for invalid input, from the wizard schema and the search filters', async () => {
    const res = await jobsRoute.POST(req('POST', '/ota-jobs', { json: { name: ' ', firmwareId: e.fw.id, scope: { type: 'devices', deviceKeys: [] }, maxConcurrency: 0 } }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'INVALID_INPUT',
      message: 'Check the highlighted fields.',
      fieldErrors: {
        name: ['Enter a job name'],
        'scope.deviceKeys': ['Choose at least one device'],
        maxConcurrency: ['Enter a number from 1 to 100000'],
      },
    });
    const unknownDevice = await (await jobsRoute.POST(req('POST', '/ota-jobs', { json: deviceJob(['dev-0000', 'nope']) }))).json();
    expect(unknownDevice.fieldErrors).toEqual({ 'scope.deviceKeys': ['Unknown device keys: nope'] });
    const notJson = await jobsRoute.POST(req('POST', '/ota-jobs', { body: '{name', headers: { 'content-type': 'application/json' } }));
    expect(notJson.status).toBe(400);
    const badFilter = await jobsRoute.GET(req('GET', '/ota-jobs?status=finished'));
    expect(badFilter.status).toBe(400);
    expect(Object.keys((await badFilter.json()).fieldErrors)).toEqual(['status']);
    const badSelection = await cancel.POST(req('POST', `/ota-jobs/${e.createJob().id}/tasks/cancel`, { json: { taskIds: [] } }), job(1));
    expect(badSelection.status).toBe(400);
  });
});

describe('a script using /api/v1', () => {
  it('uploads firmware, finds it, creates, starts and reads a job, cancels a task, stops and deletes the job', async () => {
    const bytes = new Uint8Array(crypto.randomBytes(4096));
    const upload = multipartUpload(firmwareFields({ name: 'API build', version: '3.0.0', productId: String(e.product.id), verificationRequired: 'false' }), {
      name: 'api.bin',
      bytes,
    });
    const created = await firmwareRoute.POST(req('POST', '/firmware', { body: upload.body, headers: { 'content-type': upload.contentType! } }));
    expect(created.status).toBe(201);
    const firmware = await created.json();
    expect(firmware).toMatchObject({
      name: 'API build',
      version: '3.0.0',
      status: 'no_need',
      product: { productKey: 'P' },
      fileName: 'api.bin',
      fileSize: 4096,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    });
    const duplicate = multipartUpload(firmwareFields({ name: 'API build', version: '3.0.0', productId: String(e.product.id) }), { name: 'api.bin', bytes });
    const conflict = await firmwareRoute.POST(req('POST', '/firmware', { body: duplicate.body, headers: { 'content-type': duplicate.contentType! } }));
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).fieldErrors).toEqual({ version: ['A firmware with version 3.0.0 already exists for product P'] });

    const found = await (await firmwareRoute.GET(req('GET', '/firmware?q=API&status=no_need', { key: keys.viewer }))).json();
    expect(found).toMatchObject({ total: 1, page: 1, pageSize: 20, rows: [{ id: firmware.id, version: '3.0.0' }] });
    expect(await (await versions.GET(req('GET', '/firmware/versions?productKey=P'))).json()).toEqual({
      product: { id: e.product.id, productKey: 'P', name: 'P' },
      versions: [{ version: '1.0.0', devices: 3 }],
    });

    const jobRes = await jobsRoute.POST(req('POST', '/ota-jobs', { json: { ...deviceJob(['dev-0000', 'dev-0001']), firmwareId: firmware.id, maxConcurrency: 1 } }));
    expect(jobRes.status).toBe(201);
    const newJob = await jobRes.json();
    expect(newJob).toMatchObject({ status: 'not_started', type: 'upgrade', total: 2, counts: { queued: 2 }, firmware: { id: firmware.id } });

    const started = await (await start.POST(req('POST', `/ota-jobs/${newJob.id}/start`), job(newJob.id))).json();
    expect(started.status).toBe('running');
    const again = await start.POST(req('POST', `/ota-jobs/${newJob.id}/start`), job(newJob.id));
    expect(again.status).toBe(409);
    // The handlers use the wall clock; the scheduler under test runs on its fake one.
    e.clock.set(Date.now());
    await e.tick();

    const pushed = await (await tasks.GET(req('GET', `/ota-jobs/${newJob.id}/tasks?state=pushed`, { key: keys.viewer }), job(newJob.id))).json();
    expect(pushed.rows.map((t: { deviceKey: string }) => t.deviceKey)).toEqual(['dev-0000']);
    const queued = await (await tasks.GET(req('GET', `/ota-jobs/${newJob.id}/tasks?deviceKey=0001`), job(newJob.id))).json();
    expect(queued.rows).toMatchObject([{ deviceKey: 'dev-0001', state: 'queued' }]);

    const canceled = await cancel.POST(req('POST', `/ota-jobs/${newJob.id}/tasks/cancel`, { json: { taskIds: [queued.rows[0].id] } }), job(newJob.id));
    expect(await canceled.json()).toEqual({ canceled: 1 });
    expect((await (await stop.POST(req('POST', `/ota-jobs/${newJob.id}/stop`), job(newJob.id))).json()).status).toBe('stopped');
    expect((await jobItem.DELETE(req('DELETE', `/ota-jobs/${newJob.id}`), job(newJob.id))).status).toBe(204);
    expect((await jobItem.GET(req('GET', `/ota-jobs/${newJob.id}`), job(newJob.id))).status).toBe(404);

    // Every change is recorded against the key that made it.
    const audit = e.db.select().from(auditEvents).where(eq(auditEvents.ouId, e.ou.id)).all();
    const byKey = audit.filter((a) => a.actorApiKeyId !== null).map((a) => a.action);
    expect(byKey).toEqual(['firmware.create', 'ota_job.create', 'ota_job.start', 'ota_task.cancel', 'ota_job.stop', 'ota_job.delete']);
  });
});
