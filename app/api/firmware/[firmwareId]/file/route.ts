import { requireUser } from '@/lib/auth/session';
import { HTTP_STATUS, toActionError } from '@/lib/errors';
import { fileResponse } from '@/lib/firmware/file-response';
import { getFirmwareFile } from '@/lib/services/firmware';

/** The signed-in user's download of a firmware file (details page). */
export async function GET(request: Request, { params }: { params: Promise<{ firmwareId: string }> }): Promise<Response> {
  try {
    const actor = await requireUser();
    const firmwareId = Number((await params).firmwareId);
    if (!Number.isSafeInteger(firmwareId) || firmwareId <= 0) return new Response('Not found', { status: 404 });
    const file = getFirmwareFile({ actor, firmwareId });
    return await fileResponse(request, { path: file.path, fileName: file.fileName, etag: `"${file.sha256}"` });
  } catch (e) {
    const result = toActionError(e);
    return new Response(result.message, { status: HTTP_STATUS[result.code] });
  }
}
