import type { Actor } from '@/lib/auth/actor';
import { AppError, HTTP_STATUS, toActionError } from '@/lib/errors';
import { getFirmwareFile } from '@/lib/services/firmware';
import { fileResponse } from './file-response';

/**
 * A signed-in user's download of a firmware file (the details page's "Download"): `GET|HEAD
 * /api/firmware/{id}/file`. Nobody signed in answers 401; a firmware of another OU, or none, 404 — as the pages do.
 */
export async function serveUserDownload(request: Request, actor: Actor | null, rawId: string): Promise<Response> {
  try {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { Allow: 'GET, HEAD' } });
    }
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    const firmwareId = /^\d+$/.test(rawId) ? Number(rawId) : NaN;
    if (!Number.isSafeInteger(firmwareId) || firmwareId <= 0) return new Response('Not found', { status: 404 });
    const file = getFirmwareFile({ actor, firmwareId });
    return await fileResponse(request, { path: file.path, fileName: file.fileName, etag: `"${file.sha256}"` });
  } catch (e) {
    const result = toActionError(e);
    return new Response(result.message, { status: HTTP_STATUS[result.code] });
  }
}
