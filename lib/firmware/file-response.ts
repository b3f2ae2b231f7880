import fs from 'node:fs';
import { Readable } from 'node:stream';

export type ByteRange = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * Interprets a `Range` header for a file of `size` bytes (RFC 9110 §14): one `bytes=` range, open-ended or a
 * suffix. Other units and multiple ranges are ignored (the whole file is sent); a malformed or out-of-bounds byte
 * range is unsatisfiable.
 */
export function parseByteRange(header: string | null, size: number): ByteRange {
  if (!header) return { kind: 'full' };
  const trimmed = header.trim();
  if (!/^bytes=/i.test(trimmed)) return { kind: 'full' };
  const spec = trimmed.slice(6).trim();
  if (spec.includes(',')) return { kind: 'full' };
  const match = /^(\d*)-(\d*)$/.exec(spec);
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'unsatisfiable' };
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Serves a file from disk as a web Response: Content-Length, a strong ETag, `Range` (206 with Content-Range, 416
 * for a bad range), `If-Range`, `If-None-Match`, and HEAD. The body is streamed, never read into memory.
 * Answers 404 when the file is gone from disk.
 */
export async function fileResponse(
  request: Request,
  file: { path: string; fileName: string; etag: string },
): Promise<Response> {
  const stat = await fs.promises.stat(file.path).catch(() => null);
  if (!stat?.isFile()) return new Response('Not found', { status: 404 });
  const size = stat.size;
  const headers = new Headers({
    'Accept-Ranges': 'bytes',
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': contentDisposition(file.fileName),
    'Cache-Control': 'private, no-transform',
    ETag: file.etag,
  });
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch && (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim() === file.etag))) {
    return new Response(null, { status: 304, headers });
  }
  // A client resuming a download of different bytes than it started gets the whole file instead of a splice.
  const ifRange = request.headers.get('if-range');
  const range = ifRange && ifRange.trim() !== file.etag ? { kind: 'full' as const } : parseByteRange(request.headers.get('range'), size);

  if (range.kind === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${size}`);
    headers.set('Content-Length', '0');
    return new Response(null, { status: 416, headers });
  }
  const [start, end, status] = range.kind === 'partial' ? [range.start, range.end, 206] : [0, size - 1, 200];
  const length = size === 0 ? 0 : end - start + 1;
  headers.set('Content-Length', String(length));
  if (range.kind === 'partial') headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
  if (request.method === 'HEAD' || length === 0) return new Response(null, { status, headers });
  const stream = fs.createReadStream(file.path, { start, end });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers });
}
