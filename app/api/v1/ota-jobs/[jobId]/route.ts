import { otaJobResource } from '@/lib/api/resources';
import { handleApiRoute, type JobParams } from '@/lib/api/route';
import { jsonNoStore, routeId } from '@/lib/http/route';
import { deleteOtaJob } from '@/lib/services/ota-jobs';

export async function GET(request: Request, { params }: JobParams): Promise<Response> {
  return handleApiRoute(request, 'ota:read', async (actor) => jsonNoStore(otaJobResource(actor, routeId((await params).jobId))));
}

/** Refused (409) while the job is running. */
export async function DELETE(request: Request, { params }: JobParams): Promise<Response> {
  return handleApiRoute(request, 'ota:delete', async (actor) => {
    deleteOtaJob({ actor, jobId: routeId((await params).jobId) });
    return new Response(null, { status: 204 });
  });
}
