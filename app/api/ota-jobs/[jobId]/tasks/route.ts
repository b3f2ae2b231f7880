import { handleUserRoute, jsonNoStore, routeId, searchParamsOf } from '@/lib/http/route';
import { listOtaTasks } from '@/lib/services/ota-tasks';
import { parsePageParams } from '@/lib/ui/pagination';
import { otaTaskQuerySchema } from '@/lib/validation/ota-job-console';

/** One page of a job's device table: `state`, `q` (deviceKey contains), `page`, `pageSize`. */
export async function GET(request: Request, { params }: { params: Promise<{ jobId: string }> }): Promise<Response> {
  return handleUserRoute(async (actor) => {
    const jobId = routeId((await params).jobId);
    const search = searchParamsOf(request);
    const { state, q } = otaTaskQuerySchema.parse(search);
    const page = parsePageParams(search);
    return jsonNoStore({ ...listOtaTasks({ actor, jobId, filter: { state, deviceKey: q || undefined }, page }), now: Date.now() });
  });
}
