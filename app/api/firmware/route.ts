import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/session';
import { HTTP_STATUS, toActionError, type ActionResult } from '@/lib/errors';
import { createFirmware } from '@/lib/services/firmware';

/** "Add Firmware": a multipart upload streamed to disk (a server action would buffer the whole file). */
export async function POST(request: Request): Promise<Response> {
  try {
    // Who is asking is settled before a byte of the body is read.
    const actor = await requireUser();
    const { id } = await createFirmware({
      actor,
      body: request.body,
      contentType: request.headers.get('content-type'),
      contentLength: request.headers.get('content-length'),
    });
    revalidatePath('/firmware');
    return Response.json({ ok: true, data: { id } } satisfies ActionResult<{ id: number }>);
  } catch (e) {
    const result = toActionError(e);
    return Response.json(result, { status: HTTP_STATUS[result.code] });
  }
}
