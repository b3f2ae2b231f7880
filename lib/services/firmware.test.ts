import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setDb, type Db } from '@/db/client';
import { auditEvents, firmware, firmwareTags, otaJobs, otaTasks, storedFiles } from '@/db/schema';
import { insertDeviceWithDetails } from '@/db/queries/devices';
import { firmwareFields, seedFirmwareFixture } from '@/db/testing/firmware-fixtures';
import { multipartUpload } from '@/lib/firmware/multipart';
import { createTempDb } from '@/db/testing/temp-db';
import { AppError } from '@/lib/errors';
import {
  createFirmware,
  DELETE_REFUSED_MESSAGE,
  deleteFirmware,
  getFirmwareDetails,
  getFirmwareFile,
  searchFirmware,
} from './firmware';
import { listFirmwareJobs } from './ota-jobs';
import { listFirmwareTaskRecords } from './ota-tasks';

// lib/env reads these once, on first use in this process (vitest runs each file in its own process).
const MAX_BYTES = 8 * 1024 * 1024;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ota-firmware-data-'));
process.env.DATA_DIR = dataDir;
process.env.FIRMWARE_MAX_BYTES = String(MAX_BYTES);

let temp: ReturnType<typeof createTempDb>;
let db: Db;
let fx: ReturnType<typeof seedFirmwareFixture>;

beforeEach(() => {
  temp = createTempDb();
  db = temp.db;
  setDb(db);
  fx = seedFirmwareFixture(db);
});

afterEach(() => {
  setDb(undefined);
  temp.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Every file under the data directory: stored files and any temp file left over. */
function filesOnDisk(): string[] {
  const walk = (dir: string): string[] =>
    fs.existsSync(dir)
      ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      : [];
  return walk(dataDir);
}

function randomBytes(n: number): Uint8Array {
  return new Uint8Array(crypto.randomBytes(n));
}

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const md5 = (b: Uint8Array) => crypto.createHash('md5').update(b).digest('hex');

function upload(fields: Record<string, string>, bytes: Uint8Array, name = 'fw.bin') {
  return createFirmware({ actor: fx.developer, ...multipartUpload(fields, { name, bytes }), now: 1_700_000_100_000 });
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

function nothingStored() {
  expect(db.select().from(firmware).all()).toEqual([]);
  expect(db.select().from(storedFiles).all()).toEqual([]);
  expect(filesOnDisk()).toEqual([]);
}

describe('createFirmware', () => {
  it('stores a multi-MiB file content-addressed with correct MD5 and SHA-256, and the row with its tags', async () => {
    const bytes = randomBytes(5 * 1024 * 1024 + 123);
    const { id } = await upload(
      firmwareFields({ productId: String(fx.product.id), tags: JSON.stringify([{ key: 'site', value: 'north' }]) }),
      bytes,
      'inverter-2.0.0.bin',
    );

    const details = getFirmwareDetails({ actor: fx.viewer, firmwareId: id });
    expect(details.firmware).toMatchObject({
      name: 'Test firmware',
      version: '2.0.0',
      productId: fx.product.id,
      signMethod: 'sha256',
      sign: sha256(bytes),
      fileName: 'inverter-2.0.0.bin',
      fileSize: bytes.length,
      status: 'unverified',
    });
    expect(details.file).toMatchObject({ sha256: sha256(bytes), md5: md5(bytes), size: bytes.length });
    expect(details.tags).toEqual([{ firmwareId: id, key: 'site', value: 'north' }]);
    const stored = path.join(dataDir, 'files', String(fx.ou.id), sha256(bytes));
    expect(filesOnDisk()).toEqual([stored]);
    expect(sha256(fs.readFileSync(stored))).toBe(sha256(bytes));
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, 'firmware.create')).all()).toHaveLength(1);
  });

  it('signs with MD5 when chosen and marks firmware without verification "No Need"', async () => {
    const bytes = randomBytes(1000);
    const { id } = await upload(firmwareFields({ signMethod: 'md5', verificationRequired: 'false' }), bytes);
    const { firmware: fw } = getFirmwareDetails({ actor: fx.developer, firmwareId: id });
    expect(fw).toMatchObject({ signMethod: 'md5', sign: md5(bytes), status: 'no_need', productId: null });
  });

  it('refuses a duplicate version of the same product with nothing written', async () => {
    const fields = firmwareFields({ productId: String(fx.product.id) });
    await upload(fields, randomBytes(2048));
    const before = filesOnDisk();

    const e = await rejection(upload(fields, randomBytes(4096)));
    expect(e.code).toBe('CONFLICT');
    expect(e.fieldErrors?.version).toEqual(['A firmware with version 2.0.0 already exists for product Inverter']);
    expect(db.select().from(firmware).all()).toHaveLength(1);
    expect(db.select().from(storedFiles).all()).toHaveLength(1);
    expect(filesOnDisk()).toEqual(before);

    // The same version is free for another product and among product-less firmware.
    await upload(firmwareFields({ productId: String(fx.emptyProduct.id) }), randomBytes(10));
    await upload(firmwareFields({ productId: '' }), randomBytes(10));
    const again = await rejection(upload(firmwareFields({ productId: '' }), randomBytes(10)));
    expect(again.fieldErrors?.version).toEqual(['A firmware with version 2.0.0 already exists for firmware without a product']);
  });

  it('removes the file it just stored when the insert loses a race for the same version', async () => {
    const fields = firmwareFields({ productId: String(fx.product.id) });
    // Both pass the early version check while their files stream; only one insert can win.
    const results = await Promise.allSettled([upload(fields, randomBytes(1024 * 1024)), upload(fields, randomBytes(1024 * 1024))]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rows = db.select().from(firmware).all();
    expect(rows).toHaveLength(1);
    expect(filesOnDisk()).toEqual([path.join(dataDir, 'files', String(fx.ou.id), rows[0].sign)]);
  });

  it('reuses a file already stored with the same bytes instead of copying it, and keeps it until its last user is deleted', async () => {
    const bytes = randomBytes(300_000);
    const a = await upload(firmwareFields({ version: '1.0' }), bytes);
    const b = await upload(firmwareFields({ version: '1.1', signMethod: 'md5' }), bytes);
    expect(db.select().from(storedFiles).all()).toHaveLength(1);
    expect(filesOnDisk()).toHaveLength(1);
    const rows = db.select().from(firmware).all();
    expect(rows[0].fileId).toBe(rows[1].fileId);

    deleteFirmware({ actor: fx.developer, firmwareId: a.id });
    expect(filesOnDisk()).toHaveLength(1);
    expect(getFirmwareFile({ actor: fx.developer, firmwareId: b.id }).sha256).toBe(sha256(bytes));
    deleteFirmware({ actor: fx.developer, firmwareId: b.id });
    nothingStored();
  });

  it('leaves no row and no file when the stream is interrupted, by an error or an early end', async () => {
    const { body, contentType } = multipartUpload(firmwareFields(), { name: 'fw.bin', bytes: randomBytes(3 * 1024 * 1024) });
    const whole = new Uint8Array(await new Response(body).arrayBuffer());
    const cut = Math.floor(whole.length * 0.6);

    const failing = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(whole.subarray(0, cut));
        setTimeout(() => controller.error(new Error('connection reset')), 20);
      },
    });
    const e1 = await rejection(createFirmware({ actor: fx.developer, body: failing, contentType }));
    expect(e1.message).toBe('The upload did not complete. Please try again.');
    nothingStored();

    const truncated = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(whole.subarray(0, cut));
        controller.close();
      },
    });
    await rejection(createFirmware({ actor: fx.developer, body: truncated, contentType }));
    nothingStored();
  });

  it('leaves no temp file and no row when the file cannot be moved into place', async () => {
    // A file where the OU's directory of stored files should be: creating that directory fails.
    const blocker = path.join(dataDir, 'files', String(fx.ou.id));
    fs.mkdirSync(path.dirname(blocker), { recursive: true });
    fs.writeFileSync(blocker, 'not a directory');

    await expect(upload(firmwareFields(), randomBytes(200_000))).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(filesOnDisk()).toEqual([blocker]);
    expect(db.select().from(firmware).all()).toEqual([]);
    expect(db.select().from(storedFiles).all()).toEqual([]);
  });

  it('refuses an expected hash that does not match the file, leaving nothing behind', async () => {
    const bytes = randomBytes(5000);
    const wrong = await rejection(upload(firmwareFields({ expectedHash: 'ab'.repeat(32) }), bytes));
    expect(wrong.fieldErrors?.expectedHash).toEqual(["The file's SHA256 does not match the value you entered"]);
    const wrongMd5 = await rejection(upload(firmwareFields({ signMethod: 'md5', expectedHash: 'ab'.repeat(16) }), bytes));
    expect(wrongMd5.fieldErrors?.expectedHash).toEqual(["The file's MD5 does not match the value you entered"]);
    nothingStored();

    await upload(firmwareFields({ expectedHash: sha256(bytes).toUpperCase() }), bytes);
    expect(db.select().from(firmware).all()).toHaveLength(1);
  });

  it('validates the fields before writing the file and refuses a file over the size limit', async () => {
    const invalid = await rejection(upload(firmwareFields({ name: 'ab', maxVerifyDevices: '2', minVerifySuccesses: '3' }), randomBytes(100), 'fw.exe'));
    expect(invalid.code).toBe('INVALID_INPUT');
    expect(Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual(['fileName', 'minVerifySuccesses', 'name']);

    const tooLarge = await rejection(upload(firmwareFields(), randomBytes(MAX_BYTES + 1)));
    expect(tooLarge.fieldErrors?.fileName).toEqual(['The file is larger than the limit of 8.0 MiB']);
    nothingStored();

    const noFile = await rejection(
      createFirmware({
        actor: fx.developer,
        ...(() => {
          const form = new FormData();
          for (const [k, v] of Object.entries(firmwareFields())) form.append(k, v);
          const r = new Request('http://localhost/', { method: 'POST', body: form });
          return { body: r.body!, contentType: r.headers.get('content-type') };
        })(),
      }),
    );
    expect(noFile.fieldErrors?.fileName).toEqual(['Choose a firmware file']);
  });

  it('lets only Developers and OU Admins upload, and keeps products of other OUs out', async () => {
    const denied = await rejection(
      createFirmware({ actor: fx.viewer, ...multipartUpload(firmwareFields(), { name: 'fw.bin', bytes: randomBytes(10) }) }),
    );
    expect(denied.code).toBe('FORBIDDEN');

    const other = seedFirmwareFixture(db, 'Other OU');
    const foreign = await rejection(upload(firmwareFields({ productId: String(other.product.id) }), randomBytes(10)));
    expect(foreign.fieldErrors?.productId).toEqual(['Choose a product']);
    nothingStored();
  });
});

describe('getFirmwareDetails', () => {
  it("counts the product's devices per current version, only in the actor's OU, and none for firmware without a product", async () => {
    const other = seedFirmwareFixture(db, 'Other OU');
    const add = (ouId: number, productId: number, deviceKey: string, firmwareVersion: string | null) =>
      insertDeviceWithDetails(db, { ouId, productId, deviceKey, name: deviceKey, deviceSecret: 's', firmwareVersion, now: 1 });
    add(fx.ou.id, fx.product.id, 'dev-4', '2.0.0');
    add(fx.ou.id, fx.product.id, 'dev-5', '1.0.0');
    add(fx.ou.id, fx.emptyProduct.id, 'meter-1', '1.0.0');
    add(other.ou.id, other.product.id, 'dev-4', '2.0.0');

    const { id } = await upload(firmwareFields({ productId: String(fx.product.id), version: '2.0.0' }), randomBytes(10));
    const { versions } = getFirmwareDetails({ actor: fx.viewer, firmwareId: id });
    const byVersion = [...(versions ?? [])].sort((a, b) => String(a.version).localeCompare(String(b.version)));
    expect(byVersion).toEqual([
      { version: '1.0.0', devices: 3 },
      { version: '2.0.0', devices: 1 },
      { version: null, devices: 1 },
    ]);

    const empty = await upload(firmwareFields({ productId: String(fx.emptyProduct.id), version: '3.0.0' }), randomBytes(11));
    expect(getFirmwareDetails({ actor: fx.viewer, firmwareId: empty.id }).versions).toEqual([{ version: '1.0.0', devices: 1 }]);
    const anyProduct = await upload(firmwareFields({ productId: '' }), randomBytes(12));
    expect(getFirmwareDetails({ actor: fx.viewer, firmwareId: anyProduct.id }).versions).toBeNull();
  });
});

describe('searchFirmware', () => {
  it('pages, filters by name, product and status, sorts by created time, and stays inside the OU', async () => {
    const other = seedFirmwareFixture(db, 'Other OU');
    for (let i = 0; i < 5; i++) {
      await createFirmware({
        actor: fx.developer,
        ...multipartUpload(firmwareFields({ name: `Build ${i} main`, version: `1.${i}`, verificationRequired: i % 2 ? 'true' : 'false' }), {
          name: 'fw.bin',
          bytes: randomBytes(10),
        }),
        now: 1_700_000_000_000 + i,
      });
    }
    await createFirmware({ actor: other.developer, ...multipartUpload(firmwareFields(), { name: 'fw.bin', bytes: randomBytes(10) }) });

    const page = { page: 1, pageSize: 2, offset: 0 };
    const first = searchFirmware({ actor: fx.viewer, filter: {}, sort: 'created_desc', page });
    expect(first.total).toBe(5);
    expect(first.rows.map((r) => r.version)).toEqual(['1.4', '1.3']);
    const oldest = searchFirmware({ actor: fx.viewer, filter: {}, sort: 'created_asc', page });
    expect(oldest.rows.map((r) => r.version)).toEqual(['1.0', '1.1']);
    const byName = searchFirmware({ actor: fx.viewer, filter: { q: 'build 3' }, sort: 'created_desc', page });
    expect(byName.rows.map((r) => r.version)).toEqual(['1.3']);
    const noNeed = searchFirmware({ actor: fx.viewer, filter: { status: 'no_need' }, sort: 'created_desc', page: { ...page, pageSize: 10 } });
    expect(noNeed.rows.map((r) => r.version)).toEqual(['1.4', '1.2', '1.0']);
    const byProduct = searchFirmware({ actor: fx.viewer, filter: { productId: fx.product.id }, sort: 'created_desc', page });
    expect(byProduct.total).toBe(0);
  });
});

describe('deleteFirmware', () => {
  function addJob(firmwareId: number, status: 'running' | 'stopped' | 'completed', taskState: typeof otaTasks.$inferInsert.state) {
    const job = db
      .insert(otaJobs)
      .values({
        ouId: fx.ou.id,
        firmwareId,
        productId: fx.product.id,
        name: 'Job',
        type: 'upgrade',
        method: 'snapshot',
        status,
        scope: { type: 'all' } as never,
        fromVersions: [],
        maxConcurrency: 300,
        timeoutSeconds: 7200,
        retryEnabled: false,
        retryIntervalSeconds: 0,
        maxRetries: 0,
        timeZone: 'UTC',
        repeatDaily: false,
        deviceRequestEnabled: false,
        startOnCreate: false,
        totalTasks: 1,
        createdAt: 1,
        updatedAt: 1,
      })
      .returning()
      .get();
    db.insert(otaTasks)
      .values({ ouId: fx.ou.id, jobId: job.id, deviceId: fx.devices[0].id, state: taskState, toVersion: '2.0.0', createdAt: 1, updatedAt: 1 })
      .run();
    return job;
  }

  it('refuses while a job runs or a task is Pending Push, Pushed or Upgrading, and otherwise deletes jobs and tasks too', async () => {
    const { id } = await upload(firmwareFields({ productId: String(fx.product.id) }), randomBytes(100));
    const running = addJob(id, 'running', 'queued');
    const refused = (() => {
      try {
        deleteFirmware({ actor: fx.developer, firmwareId: id });
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(refused?.message).toBe(DELETE_REFUSED_MESSAGE);

    // With the job stopped, a task still in flight refuses on its own.
    db.update(otaJobs).set({ status: 'stopped' }).where(eq(otaJobs.id, running.id)).run();
    for (const state of ['pending_push', 'pushed', 'upgrading'] as const) {
      db.update(otaTasks).set({ state }).where(eq(otaTasks.jobId, running.id)).run();
      expect(() => deleteFirmware({ actor: fx.developer, firmwareId: id }), state).toThrow(DELETE_REFUSED_MESSAGE);
    }
    expect(db.select().from(firmware).all()).toHaveLength(1);

    db.update(otaTasks).set({ state: 'failed' }).where(eq(otaTasks.jobId, running.id)).run();
    expect(listFirmwareJobs({ actor: fx.viewer, firmwareId: id, page: { page: 1, pageSize: 10, offset: 0 } }).total).toBe(1);
    expect(listFirmwareTaskRecords({ actor: fx.viewer, firmwareId: id, page: { page: 1, pageSize: 10, offset: 0 } }).rows).toMatchObject([
      { deviceKey: 'dev-1', jobId: running.id, state: 'failed', toVersion: '2.0.0' },
    ]);
    expect(deleteFirmware({ actor: fx.developer, firmwareId: id })).toEqual({ name: 'Test firmware' });
    expect(db.select().from(otaJobs).all()).toEqual([]);
    expect(db.select().from(otaTasks).all()).toEqual([]);
    expect(db.select().from(firmwareTags).all()).toEqual([]);
    nothingStored();
  });

  it('answers NOT_FOUND for another OU\'s firmware and FORBIDDEN for a Viewer', async () => {
    const { id } = await upload(firmwareFields(), randomBytes(100));
    const other = seedFirmwareFixture(db, 'Other OU');
    expect(() => deleteFirmware({ actor: other.developer, firmwareId: id })).toThrow('Firmware not found.');
    expect(() => getFirmwareDetails({ actor: other.developer, firmwareId: id })).toThrow('Firmware not found.');
    expect(() => deleteFirmware({ actor: fx.viewer, firmwareId: id })).toThrow('You do not have permission to do this.');
    expect(db.select().from(firmware).all()).toHaveLength(1);
  });
});
