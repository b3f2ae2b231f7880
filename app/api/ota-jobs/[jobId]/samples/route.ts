import { handleUserRoute, jsonNoStore, routeId } from '@/lib/http/route';
import { listOtaJobSamples } from '@/lib/services/ota-jobs';

/** The rollout chart's per-state counts over time. */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }): Promise<Response> {
  return handleUserRoute(async (actor) => jsonNoStore(listOtaJobSamples({ actor, jobId: routeId((await params).jobId) })));
}
