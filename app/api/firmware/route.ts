import { revalidatePath } from 'next/cache';
import { requirePermission } from '@/lib/auth/guards';
import { requireUser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { AppError, HTTP_STATUS, toActionError, type ActionResult } from '@/lib/errors';
import { fileTooLargeError } from '@/lib/firmware/file-store';
import { createFirmware } from '@/lib/services/firmware';

// Room for the text fields and multipart framing around the file itself.
const FORM_OVERHEAD_BYTES = 1024 * 1024;

/** "Add Firmware": a multipart upload streamed to disk (a server action would buffer the whole file). */
export async function POST(request: Request): Promise<Response> {
  try {
    // Who is asking is settled before a byte of the body is read.
    const actor = await requireUser();
    requirePermission(actor, 'firmware:create');
    const maxBytes = getEnv().FIRMWARE_MAX_BYTES;
    if (Number(request.headers.get('content-length')) > maxBytes + FORM_OVERHEAD_BYTES) throw fileTooLargeError(maxBytes);
    if (!request.body) throw new AppError('INVALID_INPUT', 'The request has no body.');
    const { id } = await createFirmware({ actor, body: request.body, contentType: request.headers.get('content-type') });
    revalidatePath('/firmware');
    return Response.json({ ok: true, data: { id } } satisfies ActionResult<{ id: number }>);
  } catch (e) {
    const result = toActionError(e);
    return Response.json(result, { status: HTTP_STATUS[result.code] });
  }
}
