import { otaJobResource } from '@/lib/api/resources';
import { handleApiRoute, type JobParams } from '@/lib/api/route';
import { jsonNoStore, routeId } from '@/lib/http/route';
import { startOtaJob } from '@/lib/services/ota-jobs';

/** "Start" a Not Started or Stopped job; answers the job as it is now. */
export async function POST(request: Request, { params }: JobParams): Promise<Response> {
  return handleApiRoute(request, 'ota:control', async (actor) => {
    const jobId = routeId((await params).jobId);
    startOtaJob({ actor, jobId });
    return jsonNoStore(otaJobResource(actor, jobId));
  });
}
