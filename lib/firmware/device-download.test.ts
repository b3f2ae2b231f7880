import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDb } from '@/db/client';
import { firmwareFields, seedFirmwareFixture } from '@/db/testing/firmware-fixtures';
import { multipartUpload } from '@/lib/firmware/multipart';
import { createTempDb } from '@/db/testing/temp-db';
import { createFirmware } from '@/lib/services/firmware';
import { serveDeviceDownload, type DeviceDownloadDeps } from './device-download';
import { serveUserDownload } from './user-download';
import { buildDownloadUrl } from './download-url';
import { sendWebResponse, toWebRequest } from './node-http';
import { buildOffer } from '@/lib/services/ota-push';
import { getEnv } from '@/lib/env';
import { offerUrlConfig } from './offer-url';
import { createOtaJob } from '@/lib/services/ota-jobs';
import { cancelOtaTasks } from '@/lib/services/ota-tasks';
import { createDeviceGateway } from '@/lib/services/device-gateway';
import { createMemoryTransport } from '@/db/testing/ota-fixtures';
import type { FirmwareOffer } from '@/lib/transport/types';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ota-download-data-'));
process.env.DATA_DIR = dataDir;
process.env.PUBLIC_BASE_URL = 'https://ota.example.test/';
process.env.DOWNLOAD_URL_SECRET = 'download-secret-download-secret';
process.env.DOWNLOAD_URL_TTL_SECONDS = '600';

const SECRET = process.env.DOWNLOAD_URL_SECRET;
const NOW = 1_800_000_000_000;
const bytes = new Uint8Array(crypto.randomBytes(256 * 1024 + 17));
const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');

let temp: ReturnType<typeof createTempDb>;
let deps: DeviceDownloadDeps;
let firmwareId: number;
let fx: ReturnType<typeof seedFirmwareFixture>;
let otherOu: ReturnType<typeof seedFirmwareFixture>;
let jobId: number;
/** The active (Pushed) task of each device that asked for the upgrade, and the fileUrl it was offered. */
const asked: Record<string, { taskId: number; fileUrl: string }> = {};

beforeAll(async () => {
  temp = createTempDb();
  setDb(temp.db);
  fx = seedFirmwareFixture(temp.db);
  otherOu = seedFirmwareFixture(temp.db, 'Other OU');
  ({ id: firmwareId } = await createFirmware({
    actor: fx.developer,
    ...multipartUpload(firmwareFields({ productId: String(fx.product.id) }), { name: 'inverter 2.0.bin', bytes }),
  }));
  deps = { db: temp.db, secret: SECRET, dataDir, now: () => NOW };
  // A running verification job with Device Request on: dev-1 and dev-2 ask, their tasks become Pushed.
  ({ id: jobId } = createOtaJob({
    actor: fx.developer,
    input: { name: 'Verify', firmwareId, scope: { type: 'devices', deviceKeys: ['dev-1', 'dev-2'] }, deviceRequestEnabled: true, startOnCreate: true },
    now: NOW,
  }));
  const offerUrl = { baseUrl: 'http://console.local', secret: SECRET, ttlSeconds: 60 };
  const gateway = createDeviceGateway({ transport: createMemoryTransport(), clock: { now: () => NOW }, offerUrl, db: temp.db });
  for (const device of fx.devices.slice(0, 2)) {
    const ref = { ouId: fx.ou.id, deviceId: device.id, productKey: 'inverter', deviceKey: device.deviceKey };
    const reply = await gateway.message(ref, { kind: 'version_request' }, NOW);
    const [offer] = (reply as { data: FirmwareOffer[] }).data;
    asked[device.deviceKey] = { fileUrl: offer.fileUrl, taskId: Number(new URL(offer.fileUrl).searchParams.get('task')) };
  }
});

afterAll(() => {
  setDb(undefined);
  temp.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function signedUrl(claim: Partial<{ firmwareId: number; deviceKey: string; taskId: number; expiresAt: number }> = {}) {
  const claimed = { firmwareId, deviceKey: 'dev-1', taskId: asked['dev-1'].taskId, expiresAt: NOW + 60_000, ...claim };
  return buildDownloadUrl('http://console.local', SECRET, claimed);
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return serveDeviceDownload(new Request(url, { method, headers }), deps);
}

async function body(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer());
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('serveDeviceDownload', () => {
  it('serves the whole file with Content-Length, a strong ETag and Accept-Ranges', async () => {
    const res = await get(signedUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    expect(res.headers.get('etag')).toBe(`"${sha256}"`);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-disposition')).toContain('filename="inverter 2.0.bin"');
    expect(crypto.createHash('sha256').update(await body(res)).digest('hex')).toBe(sha256);
  });

  it('answers Range requests for the first bytes, a middle slice and a suffix with 206 and Content-Range', async () => {
    const first = await get(signedUrl(), { Range: 'bytes=0-99' });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-99/${bytes.length}`);
    expect(first.headers.get('content-length')).toBe('100');
    expect(hex(await body(first))).toBe(hex(bytes.subarray(0, 100)));

    const middle = await get(signedUrl(), { Range: 'bytes=100000-165535' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 100000-165535/${bytes.length}`);
    expect(hex(await body(middle))).toBe(hex(bytes.subarray(100000, 165536)));

    const suffix = await get(signedUrl(), { Range: 'bytes=-17' });
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get('content-range')).toBe(`bytes ${bytes.length - 17}-${bytes.length - 1}/${bytes.length}`);
    expect(hex(await body(suffix))).toBe(hex(bytes.subarray(bytes.length - 17)));

    // Resuming after 200000 bytes: the rest, exactly.
    const rest = await get(signedUrl(), { Range: 'bytes=200000-', 'If-Range': `"${sha256}"` });
    expect(rest.status).toBe(206);
    expect(hex(await body(rest))).toBe(hex(bytes.subarray(200000)));
  });

  it('answers 416 with the file size for a range it cannot satisfy', async () => {
    for (const range of [`bytes=${bytes.length}-`, 'bytes=500-100', 'bytes=abc']) {
      const res = await get(signedUrl(), { Range: range });
      expect(res.status, range).toBe(416);
      expect(res.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    }
  });

  it('sends the whole file when If-Range names other bytes, and 304 for a matching If-None-Match', async () => {
    const stale = await get(signedUrl(), { Range: 'bytes=0-9', 'If-Range': '"something-else"' });
    expect(stale.status).toBe(200);
    expect((await body(stale)).length).toBe(bytes.length);
    const cached = await get(signedUrl(), { 'If-None-Match': `"${sha256}"` });
    expect(cached.status).toBe(304);
  });

  it('answers HEAD with the headers only', async () => {
    const res = await get(signedUrl(), {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    expect(res.body).toBeNull();
  });

  it('refuses an expired or tampered link with 403', async () => {
    const expired = await get(signedUrl({ expiresAt: NOW - 1 }));
    expect(expired.status).toBe(403);
    expect(await expired.text()).toBe('This download link has expired');

    const url = new URL(signedUrl());
    const otherDevice = new URL(url);
    otherDevice.searchParams.set('device', 'dev-2');
    const otherTask = new URL(url);
    otherTask.searchParams.set('task', String(asked['dev-2'].taskId));
    const later = new URL(url);
    later.searchParams.set('expires', String(NOW + 10 * 60_000));
    const badSig = new URL(url);
    badSig.searchParams.set('sig', `${url.searchParams.get('sig')!.slice(0, -2)}AA`);
    const otherFirmware = url.toString().replace(`/firmware/${firmwareId}?`, `/firmware/${firmwareId + 1}?`);
    const noSig = new URL(url);
    noSig.searchParams.delete('sig');
    for (const tampered of [otherDevice.toString(), otherTask.toString(), later.toString(), badSig.toString(), otherFirmware, noSig.toString()]) {
      const res = await get(tampered);
      expect(res.status, tampered).toBe(403);
    }
    const wrongSecret = buildDownloadUrl('http://console.local', 'another-secret-another-secret', {
      firmwareId,
      deviceKey: 'dev-1',
      taskId: asked['dev-1'].taskId,
      expiresAt: NOW + 60_000,
    });
    expect((await get(wrongSecret)).status).toBe(403);
  });

  it('serves the URL a device was offered while its task is active, and refuses it with 403 once the task is canceled', async () => {
    const { fileUrl, taskId } = asked['dev-2'];
    expect(fileUrl).toContain(`task=${taskId}`);
    expect((await get(fileUrl)).status).toBe(200);
    expect((await get(fileUrl, { Range: 'bytes=10-19' })).status).toBe(206);
    expect(cancelOtaTasks({ actor: fx.developer, jobId, selection: { taskIds: [taskId] }, now: NOW })).toEqual({ canceled: 1 });
    for (const headers of [{}, { Range: 'bytes=10-19' }] as Record<string, string>[]) {
      const res = await get(fileUrl, headers);
      expect(res.status).toBe(403);
      expect(await res.text()).toBe('The upgrade task of this download link is no longer active');
    }
  });

  it('refuses with 403 a validly signed link whose task is not this device\'s task of this firmware', async () => {
    for (const url of [signedUrl({ deviceKey: 'dev-3' }), signedUrl({ taskId: asked['dev-1'].taskId + 100 })]) {
      const res = await get(url);
      expect(res.status, url).toBe(403);
      expect(await res.text()).toBe('This download link does not belong to an upgrade task of this device');
    }
  });

  it('answers 404 for a firmware that does not exist or a device outside the firmware\'s OU', async () => {
    expect((await get(signedUrl({ firmwareId: firmwareId + 100 }))).status).toBe(404);
    expect((await get(signedUrl({ deviceKey: 'no-such-device' }))).status).toBe(404);
    expect((await get('http://console.local/api/files/firmware/abc?device=dev-1&expires=1&sig=x')).status).toBe(404);
  });

  it('builds offer URLs from the configured public base URL that the route then serves', async () => {
    const fw = { id: firmwareId, version: '1.0.0', sign: sha256, signMethod: 'sha256' as const, fileSize: bytes.length, description: '' };
    const { taskId } = asked['dev-1'];
    const url = buildOffer(fw, { deviceKey: 'dev-1', taskId }, offerUrlConfig(getEnv()), NOW).fileUrl;
    expect(url).toMatch(
      new RegExp(`^https://ota\\.example\\.test/api/files/firmware/${firmwareId}\\?device=dev-1&task=${taskId}&expires=${NOW + 600_000}&sig=`),
    );
    expect((await get(url)).status).toBe(200);
    expect((await serveDeviceDownload(new Request(url), { ...deps, now: () => NOW + 600_001 })).status).toBe(403);
  });

  it('keeps Content-Length and Range over a real socket when served from a plain Node server', async () => {
    const server = http.createServer((req, res) => {
      void serveDeviceDownload(toWebRequest(req), deps).then((response) => sendWebResponse(response, res, req.method));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const url = buildDownloadUrl(base, SECRET, { firmwareId, deviceKey: 'dev-1', taskId: asked['dev-1'].taskId, expiresAt: NOW + 60_000 });
      const whole = await fetch(url);
      expect(whole.headers.get('content-length')).toBe(String(bytes.length));
      expect(hex(new Uint8Array(await whole.arrayBuffer()))).toBe(hex(bytes));
      const part = await fetch(url, { headers: { Range: 'bytes=10-19' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-length')).toBe('10');
      expect(hex(new Uint8Array(await part.arrayBuffer()))).toBe(hex(bytes.subarray(10, 20)));
      const head = await fetch(url, { method: 'HEAD' });
      expect(head.headers.get('content-length')).toBe(String(bytes.length));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the signed-in user\'s download', () => {
  const download = (actor: Parameters<typeof serveUserDownload>[1], id = String(firmwareId), method = 'GET') =>
    serveUserDownload(new Request(`http://console.local/api/firmware/${id}/file`, { method }), actor, id);

  it('hands a Viewer of the OU the whole file with its size, name and ETag', async () => {
    const res = await download(fx.viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    expect(res.headers.get('etag')).toBe(`"${sha256}"`);
    expect(res.headers.get('content-disposition')).toContain('filename="inverter 2.0.bin"');
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('answers 401 to nobody, 404 to another OU and to a bad id, and 405 to a write', async () => {
    expect((await download(null)).status).toBe(401);
    expect((await download(otherOu.developer)).status).toBe(404);
    expect((await download(fx.viewer, 'abc')).status).toBe(404);
    expect((await download(fx.viewer, String(firmwareId), 'DELETE')).status).toBe(405);
  });
});
