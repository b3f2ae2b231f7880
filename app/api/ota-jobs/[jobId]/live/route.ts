import { handleUserRoute, jsonNoStore, routeId } from '@/lib/http/route';
import { getOtaJobLive } from '@/lib/services/ota-jobs';

/** A job's status and per-state counts with their version: what the details page polls while the job runs. */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }): Promise<Response> {
  return handleUserRoute(async (actor) => jsonNoStore(getOtaJobLive({ actor, jobId: routeId((await params).jobId) })));
}
