import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadAndVerify } from './download';

const file = crypto.randomBytes(200_000);
const sha256 = crypto.createHash('sha256').update(file).digest('hex');
const md5 = crypto.createHash('md5').update(file).digest('hex');

// A small file server: /ok honours Range, /flaky breaks the first transfer half-way, /norange ignores Range.
let server: http.Server;
let base: string;
let requests: Array<{ path: string; range?: string }>;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '';
    requests.push({ path, range: req.headers.range });
    if (path === '/missing') return res.writeHead(404).end();
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range && path !== '/norange') {
      const start = Number(range[1]);
      res.writeHead(206, { 'Content-Range': `bytes ${start}-${file.length - 1}/${file.length}` });
      return res.end(file.subarray(start));
    }
    res.writeHead(200, { 'Content-Length': file.length });
    if ((path === '/flaky' || path === '/norange') && requests.length === 1) {
      res.write(file.subarray(0, 70_000), () => res.destroy());
      return;
    }
    res.end(file);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  requests = [];
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const offer = (path: string, sign = sha256, signMethod: 'sha256' | 'md5' = 'sha256') => ({
  fileUrl: `${base}${path}`,
  sign,
  signMethod,
  fileSize: file.length,
});

describe('downloadAndVerify', () => {
  it('downloads the file and accepts a matching sha256 or md5 sign', async () => {
    expect(await downloadAndVerify(offer('/ok'))).toBe('ok');
    expect(await downloadAndVerify(offer('/ok', md5.toUpperCase(), 'md5'))).toBe('ok');
  });

  it('resumes a broken transfer with a Range request', async () => {
    expect(await downloadAndVerify(offer('/flaky'))).toBe('ok');
    expect(requests).toHaveLength(2);
    expect(requests[1].range).toMatch(/^bytes=\d+-$/);
    expect(Number(requests[1].range!.slice(6, -1))).toBeGreaterThan(0);
  });

  it('starts over when the server ignores the range', async () => {
    expect(await downloadAndVerify(offer('/norange'))).toBe('ok');
    expect(requests).toHaveLength(2);
  });

  it('reports a sign mismatch as a verification failure', async () => {
    expect(await downloadAndVerify(offer('/ok', 'f'.repeat(64)))).toBe('bad_sign');
  });

  it('reports a refused download at once, without retrying', async () => {
    expect(await downloadAndVerify(offer('/missing'))).toBe('download_failed');
    expect(requests).toHaveLength(1);
  });

  it('reports an unreachable server as a download failure', async () => {
    expect(await downloadAndVerify({ ...offer('/ok'), fileUrl: 'http://127.0.0.1:1/f' })).toBe('download_failed');
  });
});
